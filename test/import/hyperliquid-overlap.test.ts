import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Fill } from '../../src-main/core/fill.ts';
import { HyperliquidOverlapPlanner, type ApiFillKey } from '../../src-main/connectors/hyperliquid/csv-export.ts';

/** The planner over a whole file's fills: what an import takes, and how many rows it leaves to the API. */
function planHyperliquidOverlap(fills: Fill[], syncedFrom: number | null, syncedTo: number | null, apiFills: ApiFillKey[]) {
  const planner = new HyperliquidOverlapPlanner(syncedFrom, syncedTo, apiFills);
  const toImport = fills.filter((fill) => planner.take(fill));
  planner.finish();
  return { toImport, leftToApi: fills.length - toImport.length };
}

const T = Date.UTC(2025, 0, 6, 12); // the oldest fill the API served is at T + 400 ms
const fill = (ts: number, px: string, id: string): Fill => ({
  exchange: 'hyperliquid', tradeId: id, orderId: null, symbol: 'BTC', kind: 'perpetual', underlying: 'BTC', side: 'buy', price: px, qty: '1',
  notionalMicros: 1, fee: '0', feeCurrency: 'USDC', feeMicros: 0, liquidity: null, ts,
});
const api = (ts: number, px: string) => ({ ts, symbol: 'BTC', side: 'buy' as const, price: px, qty: '1.0' });

describe('which Hyperliquid export rows an import takes when the API served some of them', () => {
  test('older seconds are imported, later ones are left to the API, and the boundary second is matched fill by fill', () => {
    const rows = [fill(T - 5_000, '1', 'old'), fill(T, '2', 'cut-off'), fill(T, '3', 'served'), fill(T + 9_000, '4', 'later')];
    const plan = planHyperliquidOverlap(rows, T + 400, T + 60_000, [api(T + 400, '3.0'), api(T + 9_250, '4')]);
    assert.deepEqual(plan.toImport.map((f) => f.tradeId), ['old', 'cut-off']);
    assert.equal(plan.leftToApi, 2);
  });

  test('identical fills in one second are matched as many times as the API served them', () => {
    const rows = [fill(T, '3', 'a'), fill(T, '3', 'b'), fill(T, '3', 'c')];
    const plan = planHyperliquidOverlap(rows, T + 400, T + 60_000, [api(T + 400, '3'), api(T + 700, '3')]);
    assert.equal(plan.toImport.length, 1, 'three in the file, two served: one is older history');
  });

  test('without a synced fill every row is history to import', () => {
    assert.equal(planHyperliquidOverlap([fill(T, '1', 'x')], null, null, []).toImport.length, 1);
  });

  test('rows newer than the last sync are left to the next sync without failing the time check', () => {
    const rows = Array.from({ length: 10 }, (_, i) => fill(T + 120_000 + i * 1000, '9', `new${i}`));
    const plan = planHyperliquidOverlap(rows, T, T + 60_000, []);
    assert.deepEqual([plan.toImport.length, plan.leftToApi], [0, 10]);
  });
});
