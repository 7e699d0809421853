/**
 * Shared by the Hyperliquid connector tests: drive a connector to the end of a pass and add up
 * what it yielded the way the sync engine's rollups would.
 */
import { utcDay } from '../../../src-main/core/days.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import type { Connector, FillPage, SyncCursor } from '../../../src-main/connectors/connector.ts';
import { defaultClassify, type RetryPolicy } from '../../../src-main/connectors/http/exchange-http-client.ts';
import type { SimTruthDay } from '../../sim/simulator.ts';

/** A fixed "now" (mid-day UTC) so histories and day buckets never depend on when tests run. */
export const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

/** Retries as in production but without the half-second waits. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, classify: defaultClassify };

export interface Pass {
  pages: FillPage[];
  fills: Fill[];
  cursor: SyncCursor | null;
}

export async function runPass(connector: Connector, cursor: SyncCursor | null, now = NOW): Promise<Pass> {
  const pages: FillPage[] = [];
  for await (const page of connector.pages(cursor, { signal: AbortSignal.timeout(60_000), now })) pages.push(page);
  return { pages, fills: pages.flatMap((page) => page.fills), cursor: pages.at(-1)?.cursor ?? cursor };
}

export function totalsByDay(fills: Fill[]): Map<string, SimTruthDay> {
  const days = new Map<string, SimTruthDay>();
  for (const fill of fills) {
    const day = utcDay(fill.ts);
    const totals = days.get(day) ?? { volumeMicros: 0, makerMicros: 0, takerMicros: 0, feesMicros: 0, trades: 0 };
    totals.volumeMicros += fill.notionalMicros;
    if (fill.liquidity === 'maker') totals.makerMicros += fill.notionalMicros;
    if (fill.liquidity === 'taker') totals.takerMicros += fill.notionalMicros;
    totals.feesMicros += fill.feeMicros;
    totals.trades += 1;
    days.set(day, totals);
  }
  return days;
}

export function sortedEntries<T>(map: Map<string, T>): [string, T][] {
  return [...map].sort(([a], [b]) => a.localeCompare(b));
}
