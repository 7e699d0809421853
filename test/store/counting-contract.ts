/**
 * What counts and how, in the repository suite (gathered by store-contract.ts): dated futures apart
 * from perpetuals, one underlying across symbols, fees without a USD price summed exactly in their
 * token, unclassified executions kept out of volume, and busted fills taken out in the same commit.
 */
import assert from 'node:assert/strict';
import type { Fill } from '../../src-main/core/fill.ts';
import type { Store } from '../../src-main/store/store.ts';
import { makeFill, pageOf } from './fill-fixtures.ts';
import { account, DAY, PERP, T0, type StoreSuite } from './store-suite.ts';

const BOTH = ['perpetual', 'dated_future'] as const;
const DAY0 = { from: '2024-03-10', to: '2024-03-10' };

const volumes = async (store: Store, kinds: readonly ('perpetual' | 'dated_future')[], grouping: 'none' | 'kind' | 'underlying' | 'symbol' = 'none') =>
  (await store.volume.daily({ ...DAY0, kinds }, grouping)).map((r) => [r.key, r.volumeMicros, r.trades]);

export function countingContract({ fresh, test }: StoreSuite): void {
  test('dated futures are kept apart: perpetuals by default, both when asked, and a series per kind', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    await store.fills.commitPage(
      pageOf('a1', [
        makeFill({ tradeId: 'p1', ts: T0 + 1, symbol: 'BTCUSDT', price: '10', qty: '1' }),
        makeFill({ tradeId: 'f1', ts: T0 + 2, symbol: 'BTCUSDT-26DEC25', kind: 'dated_future', price: '20', qty: '1' }),
      ]),
    );
    assert.deepEqual(await volumes(store, PERP), [['', 10_000_000n, 1]]);
    assert.deepEqual(await volumes(store, BOTH), [['', 30_000_000n, 2]]);
    assert.deepEqual(await volumes(store, ['dated_future']), [['', 20_000_000n, 1]]);
    assert.deepEqual(await volumes(store, BOTH, 'kind'), [['dated_future', 20_000_000n, 1], ['perpetual', 10_000_000n, 1]]);
    const perpTotals = await store.volume.totalsByExchange({ kinds: PERP });
    assert.deepEqual(perpTotals.map((t) => [t.exchange, t.volumeMicros, t.trades]), [['bybit', 10_000_000n, 1]]);
    assert.deepEqual((await store.fills.list({ limit: 10, kinds: PERP })).fills.map((f) => f.tradeId), ['p1']);
    assert.deepEqual((await store.fills.list({ limit: 10 })).fills.map((f) => [f.tradeId, f.kind]), [['f1', 'dated_future'], ['p1', 'perpetual']]);
  });

  test('one underlying is one series across exchanges and symbols, and the series add up to the total', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('b', 'bybit'));
    await store.accounts.create(account('h', 'hyperliquid'));
    await store.accounts.create(account('w', 'woox'));
    const one = (id: string, exchange: Fill['exchange'], symbol: string, underlying: string, price: string) =>
      makeFill({ tradeId: id, ts: T0 + 5, exchange, symbol, underlying, price, qty: '1', fee: '0' });
    await store.fills.commitPage(pageOf('b', [one('b1', 'bybit', 'BTCUSDT', 'BTC', '1'), one('b2', 'bybit', 'BTCPERP', 'BTC', '2'), one('b3', 'bybit', 'ETHUSDT', 'ETH', '4')]));
    await store.fills.commitPage(pageOf('h', [one('h1', 'hyperliquid', 'BTC', 'BTC', '8')]));
    await store.fills.commitPage(pageOf('w', [one('w1', 'woox', 'PERP_BTC_USDT', 'BTC', '16')]));
    const series = await volumes(store, PERP, 'underlying');
    assert.deepEqual(series, [['BTC', 27_000_000n, 4], ['ETH', 4_000_000n, 1]]);
    const [total] = await volumes(store, PERP);
    assert.equal(series.reduce((sum, [, v]) => sum + (v as bigint), 0n), total?.[1]);
    assert.deepEqual((await volumes(store, PERP, 'symbol')).map(([key]) => key), ['BTC', 'BTCPERP', 'BTCUSDT', 'ETHUSDT', 'PERP_BTC_USDT']);
  });

  test('a fee without a USD price counts in no fee sum, and is summed exactly in its token per account', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('p1', 'paradex'));
    await store.accounts.create(account('p2', 'paradex'));
    const dime = (id: string, fee: string, ts = T0 + 1) => makeFill({ tradeId: id, ts, exchange: 'paradex', symbol: 'BTC-USD-PERP', fee, feeCurrency: 'DIME', feeMicros: null, price: '10', qty: '1' });
    await store.fills.commitPage(pageOf('p1', [dime('d1', '0.1'), dime('d2', '0.2'), makeFill({ tradeId: 'u1', ts: T0 + 3, fee: '0.5', feeCurrency: 'USDC' })]));
    await store.fills.commitPage(pageOf('p1', [dime('d3', '0.000000000000000001', T0 + DAY), dime('d2', '0.2')]));
    await store.fills.commitPage(pageOf('p2', [dime('e1', '-0.05')]));
    const [day] = await store.volume.daily({ ...DAY0, kinds: PERP }, 'none');
    assert.equal(day?.feesMicros, 500_000n, 'only the USDC fee is in USD');
    assert.equal(day?.trades, 4, 'fills with unpriced fees still count as volume');
    assert.deepEqual(await store.volume.unpricedFees({ kinds: PERP }), [
      { accountId: 'p1', exchange: 'paradex', currency: 'DIME', amount: '0.300000000000000001', fills: 3 },
      { accountId: 'p2', exchange: 'paradex', currency: 'DIME', amount: '-0.05', fills: 1 },
    ]);
    assert.deepEqual(await store.volume.unpricedFees({ ...DAY0, accountId: 'p1' }), [{ accountId: 'p1', exchange: 'paradex', currency: 'DIME', amount: '0.3', fills: 2 }]);
    assert.deepEqual(await store.volume.unpricedFees({ kinds: ['dated_future'] }), []);
    const stored = (await store.fills.list({ limit: 10, accountId: 'p2' })).fills[0];
    assert.equal(stored?.feeMicros, null);
    assert.equal(stored?.fee, '-0.05');
  });

  test('unclassified executions are kept once per id, out of volume, counted per type, and leave when classified', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const odd = (id: string, rawType: string) => ({ exchange: 'bybit' as const, executionId: id, rawType, symbol: 'BTCUSDT', ts: T0 + 9 });
    const first = await store.fills.commitPage({ ...pageOf('a1', [makeFill({ tradeId: 't1', ts: T0 })]), unclassified: [odd('x1', 'FutureSpread'), odd('x2', 'FutureSpread'), odd('x3', 'MovePosition')] });
    const again = await store.fills.commitPage({ ...pageOf('a1', []), unclassified: [odd('x1', 'FutureSpread'), odd('t1', 'Whatever')] });
    assert.equal(first.unclassified, 3);
    assert.equal(again.unclassified, 0, 'a repeat, and an id already stored as a fill, are not recorded');
    assert.deepEqual(
      (await store.fills.unclassifiedCounts('a1')).map((c) => [c.rawType, c.count, c.firstTs]),
      [['FutureSpread', 2, T0 + 9], ['MovePosition', 1, T0 + 9]],
    );
    assert.deepEqual(await volumes(store, BOTH), [['', 201_000_000n, 1]]);
    // a later Perpvol classifies x3 as a fill: it leaves the bucket and counts once
    await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 'x3', ts: T0 + 9 })]));
    assert.deepEqual((await store.fills.unclassifiedCounts()).map((c) => [c.accountId, c.rawType, c.count]), [['a1', 'FutureSpread', 2]]);
    assert.deepEqual(await volumes(store, PERP), [['', 402_000_000n, 2]]);
  });

  test('a busted fill leaves volume in the same commit, exactly what it added, once however often the bust repeats', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1', 'paradex'));
    const f = (id: string, price: string, over: Partial<Fill> = {}) => makeFill({ tradeId: id, ts: T0 + 1, exchange: 'paradex', symbol: 'ETH-USD-PERP', price, qty: '1', fee: '0.01', feeCurrency: 'USDC', ...over });
    await store.fills.commitPage(pageOf('a1', [f('k1', '10', { liquidity: 'maker' }), f('k2', '20'), f('k3', '40', { fee: '7', feeCurrency: 'DIME', feeMicros: null })]));
    const bust = await store.fills.commitPage({ ...pageOf('a1', []), bustedTradeIds: ['k1', 'k3'] });
    assert.deepEqual([bust.busted, bust.inserted, bust.days, bust.fillsStored], [2, 0, ['2024-03-10'], 1]);
    const [day] = await store.volume.daily({ ...DAY0, kinds: PERP }, 'none');
    assert.deepEqual(day, { day: '2024-03-10', key: '', volumeMicros: 20_000_000n, makerMicros: 0n, takerMicros: 20_000_000n, feesMicros: 10_000n, trades: 1 });
    assert.deepEqual(await store.volume.unpricedFees({}), [], 'the busted DIME fee leaves the unpriced list too');
    const repeat = await store.fills.commitPage({ ...pageOf('a1', [f('k1', '10')]), bustedTradeIds: ['k1'] });
    assert.deepEqual([repeat.busted, repeat.inserted], [0, 0]);
    assert.deepEqual(await volumes(store, PERP), [['', 20_000_000n, 1]]);
    assert.deepEqual((await store.fills.list({ limit: 10 })).fills.map((x) => x.tradeId), ['k2'], 'busted fills are not listed');
    assert.equal(await store.fills.count('a1'), 1);
    // the last fill of a day busted: no all-zero rows or series remain
    await store.fills.commitPage({ ...pageOf('a1', []), bustedTradeIds: ['k2'] });
    assert.deepEqual(await store.volume.daily({ ...DAY0, kinds: PERP }, 'symbol'), []);
    assert.deepEqual(await store.volume.totalsByExchange({ kinds: PERP }), []);
  });

  test('a bust that arrives before its fill, or in the same page, still ends with the fill not counted', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1', 'paradex'));
    const f = (id: string) => makeFill({ tradeId: id, ts: T0 + 2, exchange: 'paradex', symbol: 'BTC-USD-PERP', price: '5', qty: '1' });
    const early = await store.fills.commitPage({ ...pageOf('a1', []), bustedTradeIds: ['late'] });
    assert.equal(early.busted, 0);
    const arrival = await store.fills.commitPage(pageOf('a1', [f('late'), f('kept')]));
    assert.deepEqual([arrival.inserted, arrival.fillsStored], [1, 1]);
    const together = await store.fills.commitPage({ ...pageOf('a1', [f('same')]), bustedTradeIds: ['same'] });
    assert.deepEqual([together.inserted, together.busted], [0, 0]);
    assert.deepEqual(await volumes(store, PERP), [['', 5_000_000n, 1]]);
    assert.equal((await store.syncState.get('a1'))?.fillsStored, 1);
    // and through an import
    const imported = await store.fills.importFills('a1', [f('imp')], { bustedTradeIds: ['imp'] });
    assert.deepEqual([imported.inserted, imported.fillsStored], [0, 1]);
  });

  test('purging an account removes its unpriced fees, unclassified executions and busts with its fills', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1', 'paradex'));
    await store.accounts.create(account('a2', 'paradex'));
    const dime = (id: string) => makeFill({ tradeId: id, ts: T0, exchange: 'paradex', symbol: 'BTC-USD-PERP', fee: '1', feeCurrency: 'DIME', feeMicros: null });
    for (const id of ['a1', 'a2']) {
      await store.fills.commitPage({ ...pageOf(id, [dime('d'), dime('e')]), bustedTradeIds: ['e'], unclassified: [{ exchange: 'paradex', executionId: 'u', rawType: 'NEW_KIND', symbol: 'X', ts: T0 }] });
    }
    await store.accounts.remove('a1', { purge: true });
    assert.deepEqual((await store.volume.unpricedFees({})).map((r) => r.accountId), ['a2']);
    assert.deepEqual((await store.fills.unclassifiedCounts()).map((r) => r.accountId), ['a2']);
    assert.deepEqual(await volumes(store, PERP), [['', 201_000_000n, 1]]);
    // the same exchange account added again under the old id starts clean: its bust is gone too
    await store.accounts.create(account('a1', 'paradex'));
    assert.equal((await store.fills.commitPage(pageOf('a1', [dime('e')]))).inserted, 1);
  });
}
