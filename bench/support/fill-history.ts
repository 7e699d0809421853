/**
 * The stored history the query benches run against: 5,000,000 simulated fills over 4 accounts (one
 * per exchange) and 730 days, written through `commitPage` like a sync would, and a timer that
 * reports wall-clock and CPU percentiles.
 */
import type { ExchangeId } from '../../src-main/core/exchange.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import { feeValueMicros } from '../../src-main/core/fee-value.ts';
import { notionalMicros } from '../../src-main/core/usd.ts';
import type { Store } from '../../src-main/store/store.ts';
import { generateHistory } from '../../test/sim/random-history.ts';

export const TOTAL_FILLS = 5_000_000;
export const DAYS = 730;
export const EXCHANGES: ExchangeId[] = ['bybit', 'woox', 'hyperliquid', 'paradex'];
/** Generated per chunk so 5M fills never sit in memory at once. */
const CHUNK = 250_000;
export const PAGE_SIZE = 5_000;
export const WARMUP = 20;
export const RUNS = 300;
export const END_MS = Date.UTC(2025, 0, 1);

function chunkFills(exchange: ExchangeId, chunk: number): Fill[] {
  return generateHistory({ seed: 1_000 * EXCHANGES.indexOf(exchange) + chunk, count: CHUNK, endMs: END_MS, days: DAYS }).map((t) => {
    const fee = (Number(t.price) * Number(t.qty) * (t.maker ? -0.0001 : 0.0005)).toFixed(6);
    return {
      exchange,
      tradeId: `${chunk}-${t.seq}`,
      orderId: null,
      symbol: `${t.market.base}-PERP`,
      kind: 'perpetual',
      underlying: t.market.base,
      side: t.side,
      price: t.price,
      qty: t.qty,
      notionalMicros: notionalMicros(t.price, t.qty),
      fee,
      feeCurrency: 'USDC',
      feeMicros: feeValueMicros(fee, 'USDC', { price: t.price, baseCoin: t.market.base }),
      liquidity: t.maker ? 'maker' : 'taker',
      ts: t.ts,
    };
  });
}

/** Writes the whole history into `store`; returns the seconds it took. */
export async function populate(store: Store): Promise<number> {
  const started = performance.now();
  const perAccount = TOTAL_FILLS / EXCHANGES.length;
  for (const exchange of EXCHANGES) {
    const accountId = `acc-${exchange}`;
    await store.accounts.create({ id: accountId, exchange, label: exchange, baseUrl: null, identity: null, permissions: {}, warnings: [], createdAt: 0 });
    for (let chunk = 0; chunk < perAccount / CHUNK; chunk++) {
      const fills = chunkFills(exchange, chunk);
      for (let i = 0; i < fills.length; i += PAGE_SIZE) {
        const page = fills.slice(i, i + PAGE_SIZE);
        await store.fills.commitPage({
          accountId,
          fills: page,
          state: { cursor: { chunk, i }, backfillDone: false, pagesFetched: 0, progress: 0, coveredFrom: null, coveredTo: page[page.length - 1]!.ts, historyLimitedBefore: null, updatedAt: 0 },
        });
      }
    }
  }
  return (performance.now() - started) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface Timing {
  p50: number;
  p95: number;
  cpuP50: number;
  rows: number;
}

/**
 * Wall-clock latency (what a user waits) and, beside it, the CPU time this process spent: on a
 * shared machine the gap between the two is time spent waiting for a core. `count` says how many
 * rows an answer has.
 */
export async function time<T>(query: () => Promise<T>, count: (answer: T) => number): Promise<Timing> {
  let rows = 0;
  for (let i = 0; i < WARMUP; i++) rows = count(await query());
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await query();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(wall, 50), p95: percentile(wall, 95), cpuP50: percentile(cpu, 50), rows };
}
