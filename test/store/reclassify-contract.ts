/**
 * When what a stored fill is changes after it was stored, in the repository suite: a market the
 * exchange's instrument data now classifies otherwise (a Bybit symbol instruments-info calls a
 * future), a fill a sync re-reads under another kind, an execution stored under an id scheme that
 * has since changed (Paradex ids unique per fill type), and the history gaps a sync finds.
 * Every total stays exact: only the split between kinds and assets moves.
 */
import assert from 'node:assert/strict';
import type { Store } from '../../src-main/store/store.ts';
import { makeFill, pageOf } from './fill-fixtures.ts';
import { account, DAY, PERP, T0, type StoreSuite } from './store-suite.ts';

const BOTH = ['perpetual', 'dated_future'] as const;
const DAYS = { from: '2024-03-10', to: '2024-03-11' };

const byKind = async (store: Store) =>
  (await store.volume.daily({ ...DAYS, kinds: BOTH }, 'kind')).map((r) => [r.day, r.key, r.volumeMicros, r.feesMicros, r.trades]);
const bySymbol = async (store: Store) =>
  (await store.volume.daily({ ...DAYS, kinds: BOTH }, 'underlying')).map((r) => [r.day, r.key, r.volumeMicros, r.trades]);

export function reclassifyContract({ fresh, test }: StoreSuite): void {
  test('a market the exchange now calls a dated future moves with every stored fill of it, and the totals stay exact', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const odd = (id: string, ts: number, price: string) => makeFill({ tradeId: id, ts, symbol: 'BTCUSDQ', underlying: 'BTCUSDQ', price, qty: '1', fee: '0.5', feeCurrency: 'USDT', feeMicros: 500_000 });
    await store.fills.commitPage(pageOf('a1', [odd('q1', T0 + 1, '10'), odd('q2', T0 + DAY + 1, '20'), makeFill({ tradeId: 'p1', ts: T0 + 2, price: '5', qty: '1', fee: '0', feeMicros: 0 })]));
    const dime = makeFill({ tradeId: 'q3', ts: T0 + 3, symbol: 'BTCUSDQ', underlying: 'BTCUSDQ', price: '1', qty: '1', fee: '2', feeCurrency: 'DIME', feeMicros: null });
    await store.fills.commitPage(pageOf('a1', [dime]));
    const totalBefore = (await store.volume.daily({ ...DAYS, kinds: BOTH }, 'none')).map((r) => [r.day, r.volumeMicros, r.feesMicros, r.trades]);

    const result = await store.fills.commitPage({ ...pageOf('a1', []), reclassified: [{ symbol: 'BTCUSDQ', kind: 'dated_future', underlying: 'BTC' }] });
    assert.equal(result.reclassified, 3);
    assert.deepEqual(await byKind(store), [
      ['2024-03-10', 'dated_future', 11_000_000n, 500_000n, 2],
      ['2024-03-10', 'perpetual', 5_000_000n, 0n, 1],
      ['2024-03-11', 'dated_future', 20_000_000n, 500_000n, 1],
    ]);
    assert.deepEqual(await bySymbol(store), [['2024-03-10', 'BTC', 16_000_000n, 3], ['2024-03-11', 'BTC', 20_000_000n, 1]]);
    assert.deepEqual((await store.volume.daily({ ...DAYS, kinds: BOTH }, 'none')).map((r) => [r.day, r.volumeMicros, r.feesMicros, r.trades]), totalBefore);
    assert.deepEqual(await store.volume.unpricedFees({ kinds: ['dated_future'] }), [{ accountId: 'a1', exchange: 'bybit', currency: 'DIME', amount: '2', fills: 1 }]);
    assert.deepEqual(await store.volume.unpricedFees({ kinds: PERP }), []);
    // Said again, nothing moves twice.
    assert.equal((await store.fills.commitPage({ ...pageOf('a1', []), reclassified: [{ symbol: 'BTCUSDQ', kind: 'dated_future', underlying: 'BTC' }] })).reclassified, 0);
    assert.deepEqual((await store.volume.daily({ ...DAYS, kinds: BOTH }, 'none')).map((r) => [r.day, r.volumeMicros, r.feesMicros, r.trades]), totalBefore);
  });

  test('a fill a sync reads again under another kind moves there; a CSV import of it never overrides the sync', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const asPerp = makeFill({ tradeId: 'x1', ts: T0 + 1, symbol: 'ETH-NEW', underlying: 'ETH-NEW', price: '7', qty: '1', fee: '0', feeMicros: 0 });
    await store.fills.commitPage(pageOf('a1', [asPerp]));
    await store.fills.importFills('a1', [{ ...asPerp, kind: 'dated_future', underlying: 'ETH' }]);
    assert.deepEqual(await byKind(store), [['2024-03-10', 'perpetual', 7_000_000n, 0n, 1]]);
    const again = await store.fills.commitPage(pageOf('a1', [{ ...asPerp, kind: 'dated_future', underlying: 'ETH' }]));
    assert.deepEqual([again.inserted, again.reclassified], [0, 1]);
    assert.deepEqual(await byKind(store), [['2024-03-10', 'dated_future', 7_000_000n, 0n, 1]]);
    assert.deepEqual((await store.fills.list({ limit: 5 })).fills.map((f) => [f.tradeId, f.kind, f.underlying]), [['x1', 'dated_future', 'ETH']]);
    assert.equal(await store.fills.count('a1'), 1);
  });

  test('a fill whose earlier id is stored with the same time, market, side, price and size is the same execution: never stored or counted twice', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('p', 'paradex'));
    const legacy = makeFill({ tradeId: '1700', ts: T0 + 1, exchange: 'paradex', symbol: 'BTC-USD-PERP', price: '3', qty: '1' });
    await store.fills.commitPage(pageOf('p', [legacy]));
    const renamed = { ...legacy, tradeId: 'LIQUIDATION:1700', legacyTradeId: '1700' };
    // another fill that happens to share the bare id: another time, or the same time at another price
    const otherTime = { ...legacy, tradeId: 'RPI:1700', legacyTradeId: '1700', ts: T0 + 2 };
    const otherPrice = { ...legacy, tradeId: 'BLOCK_TRADE:1700', legacyTradeId: '1700', price: '4' };
    const result = await store.fills.commitPage(pageOf('p', [renamed, otherTime, otherPrice]));
    assert.equal(result.inserted, 2, 'only the fills that are not the stored execution are new');
    assert.deepEqual((await store.fills.list({ limit: 5 })).fills.map((f) => f.tradeId).sort(), ['1700', 'BLOCK_TRADE:1700', 'RPI:1700']);
    assert.deepEqual((await store.volume.daily({ ...DAYS, kinds: PERP }, 'none')).map((r) => [r.volumeMicros, r.trades]), [[9_000_000n, 3]]);
  });

  test('history gaps a sync finds are kept with the account, once each, and an import spanning one fills it', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('h', 'hyperliquid'));
    const gap = { from: T0 + 1_500, to: T0 + 90_000 };
    const later = { from: T0 + DAY, to: T0 + DAY + 5_000 };
    await store.fills.commitPage({ ...pageOf('h', []), historyGaps: [gap] });
    await store.fills.commitPage({ ...pageOf('h', []), historyGaps: [later, gap] });
    await store.fills.commitPage(pageOf('h', []));
    assert.deepEqual((await store.syncState.get('h'))?.historyGaps, [gap, later]);
    // a file from the second of the gap's start to beyond its end covers it; one that starts later does not
    assert.deepEqual(await store.syncState.resolveHistoryGaps('h', T0 + 1_999, T0 + 200_000), [later]);
    assert.deepEqual(await store.syncState.resolveHistoryGaps('h', T0 + DAY + 1_000, T0 + 2 * DAY), [later]);
    assert.deepEqual((await store.syncState.get('h'))?.historyGaps, [later]);
    assert.deepEqual(await store.syncState.resolveHistoryGaps('missing', 0, 1), []);
  });
}
