/**
 * The sums the costs answer reads (gathered by store-contract.ts): per day and account, the fees of
 * maker fills and of taker fills beside volume and all fees, kept exact by every commit — rebates
 * as negative fees, fills without a side in fees but in neither side, unpriced token fees apart,
 * busts and a purged account taken out again. Truth is added up by hand in each test.
 */
import assert from 'node:assert/strict';
import type { Store } from '../../src-main/store/store.ts';
import { makeFill, pageOf } from './fill-fixtures.ts';
import { account, DAY, PERP, T0, type StoreSuite } from './store-suite.ts';

const RANGE = { from: '2024-03-10', to: '2024-03-11' };

const costDays = async (store: Store, kinds: readonly ('perpetual' | 'dated_future')[] = PERP) =>
  (await store.volume.costDays({ ...RANGE, kinds })).map((r) => ({
    day: r.day, account: r.accountId, exchange: r.exchange, volume: r.volumeMicros, maker: r.makerMicros, taker: r.takerMicros,
    fees: r.feesMicros, makerFees: r.makerFeesMicros, takerFees: r.takerFeesMicros, trades: r.trades,
  }));

export function costsContract({ fresh, test }: StoreSuite): void {
  test('costs sums: maker rebates are negative maker fees, unknown-side fees count in fees only, unpriced fees stay apart', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('b', 'bybit'));
    await store.accounts.create(account('h', 'hyperliquid'));
    const b = (id: string, over: Parameters<typeof makeFill>[0] extends infer P ? Partial<P> : never) =>
      makeFill({ tradeId: id, ts: T0 + 1_000, exchange: 'bybit', symbol: 'BTCUSDT', qty: '1', ...over });
    await store.fills.commitPage(
      pageOf('b', [
        // maker 1,000 paying a 0.10 rebate; taker 2,000 paying 1.10; a dated future the perps question leaves out
        b('m1', { price: '1000', liquidity: 'maker', fee: '-0.1' }),
        b('t1', { price: '2000', liquidity: 'taker', fee: '1.1' }),
        b('f1', { price: '500', symbol: 'BTCUSDT-26DEC25', kind: 'dated_future', liquidity: 'taker', fee: '0.25' }),
        // the next day: a taker fill whose fee is in a token Perpvol cannot price
        b('t2', { ts: T0 + DAY + 5, price: '400', liquidity: 'taker', fee: '3', feeCurrency: 'DIME', feeMicros: null }),
      ]),
    );
    const h = (id: string, price: string, fee: string) =>
      makeFill({ tradeId: id, ts: T0 + 2_000, exchange: 'hyperliquid', symbol: 'BTC', underlying: 'BTC', price, qty: '1', fee, feeCurrency: 'USDC', liquidity: null });
    // imported from the Trade History CSV: no side
    await store.fills.commitPage(pageOf('h', [h('x1', '300', '0.12'), h('x2', '100', '0.04')]));

    assert.deepEqual(await costDays(store), [
      { day: '2024-03-10', account: 'b', exchange: 'bybit', volume: 3_000_000_000n, maker: 1_000_000_000n, taker: 2_000_000_000n, fees: 1_000_000n, makerFees: -100_000n, takerFees: 1_100_000n, trades: 2 },
      { day: '2024-03-10', account: 'h', exchange: 'hyperliquid', volume: 400_000_000n, maker: 0n, taker: 0n, fees: 160_000n, makerFees: 0n, takerFees: 0n, trades: 2 },
      { day: '2024-03-11', account: 'b', exchange: 'bybit', volume: 400_000_000n, maker: 0n, taker: 400_000_000n, fees: 0n, makerFees: 0n, takerFees: 0n, trades: 1 },
    ]);
    const both = await costDays(store, ['perpetual', 'dated_future']);
    assert.deepEqual([both[0]!.volume, both[0]!.fees, both[0]!.takerFees, both[0]!.trades], [3_500_000_000n, 1_250_000n, 1_350_000n, 3]);
    // summed in the database per account, per day, and per exchange and day (for the chart)
    const perAccount = await store.volume.costSums({ ...RANGE, kinds: PERP }, 'account');
    assert.deepEqual(perAccount.map((r) => [r.key, r.exchange, r.volumeMicros, r.feesMicros, r.makerFeesMicros, r.takerFeesMicros, r.trades]), [
      ['b', 'bybit', 3_400_000_000n, 1_000_000n, -100_000n, 1_100_000n, 3],
      ['h', 'hyperliquid', 400_000_000n, 160_000n, 0n, 0n, 2],
    ]);
    const perDay = await store.volume.costSums({ ...RANGE, kinds: PERP }, 'day');
    assert.deepEqual(perDay.map((r) => [r.key, r.exchange, r.volumeMicros, r.makerMicros, r.takerMicros, r.feesMicros]), [
      ['2024-03-10', null, 3_400_000_000n, 1_000_000_000n, 2_000_000_000n, 1_160_000n],
      ['2024-03-11', null, 400_000_000n, 0n, 400_000_000n, 0n],
    ]);
    assert.deepEqual((await store.volume.dailyByExchange({ ...RANGE, kinds: PERP })).map((r) => [r.day, r.exchange, r.volumeMicros, r.feesMicros, r.trades]), [
      ['2024-03-10', 'bybit', 3_000_000_000n, 1_000_000n, 2],
      ['2024-03-10', 'hyperliquid', 400_000_000n, 160_000n, 2],
      ['2024-03-11', 'bybit', 400_000_000n, 0n, 1],
    ]);
    assert.deepEqual(await store.volume.unpricedFeesByDay({ ...RANGE, kinds: PERP }), [
      { day: '2024-03-11', accountId: 'b', exchange: 'bybit', currency: 'DIME', amount: '3', fills: 1 },
    ]);
    assert.deepEqual(await store.volume.unpricedFeesByDay({ ...RANGE, kinds: ['dated_future'] }), []);
  });

  test('costs sums: a bust takes its fill out of its side’s fees, and purging an account takes it out of every total', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1', 'paradex'));
    await store.accounts.create(account('a2', 'paradex'));
    const f = (id: string, over: Partial<Parameters<typeof makeFill>[0]> = {}) =>
      makeFill({ tradeId: id, ts: T0 + 3, exchange: 'paradex', symbol: 'ETH-USD-PERP', qty: '1', feeCurrency: 'USDC', ...over });
    await store.fills.commitPage(pageOf('a1', [f('k1', { price: '10', liquidity: 'maker', fee: '-0.002' }), f('k2', { price: '20', liquidity: 'taker', fee: '0.009' })]));
    await store.fills.commitPage(pageOf('a2', [f('z1', { price: '50', liquidity: 'maker', fee: '0.0015' })]));
    await store.fills.commitPage({ ...pageOf('a1', []), bustedTradeIds: ['k1'] });
    assert.deepEqual((await costDays(store)).map((r) => [r.account, r.volume, r.fees, r.makerFees, r.takerFees]), [
      ['a1', 20_000_000n, 9_000n, 0n, 9_000n],
      ['a2', 50_000_000n, 1_500n, 1_500n, 0n],
    ]);
    await store.accounts.remove('a2', { purge: true });
    assert.deepEqual((await costDays(store)).map((r) => [r.account, r.makerFees, r.takerFees]), [['a1', 0n, 9_000n]]);
    // the all-accounts rollup lost exactly a2's side fees: its series equals a1's alone
    const [total] = await store.volume.daily({ ...RANGE, kinds: PERP }, 'none');
    assert.deepEqual([total?.volumeMicros, total?.feesMicros], [20_000_000n, 9_000n]);
  });
}
