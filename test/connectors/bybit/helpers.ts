/** Shared test plumbing: run a connector to the end of a pass and add up what it handed over. */
import type { Fill } from '../../../src-main/core/fill.ts';
import type { InstrumentKind } from '../../../src-main/core/instrument.ts';
import type { Connector, FillPage, SyncCursor } from '../../../src-main/connectors/kit/connector.ts';
import { WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';
import type { SimTruthDay } from '../../sim/simulator.ts';
import { totalsByDay } from '../../support/daily-totals.ts';

/** A fixed "now" (not on a day or window boundary) so windows and truth never move during a test. */
export const NOW = Date.UTC(2026, 0, 15, 13, 45, 12, 345);

/** For tests against a simulator that does not enforce limits: no pacing. */
export const unpaced = (): WeightedRateLimiter => new WeightedRateLimiter({ capacity: 1_000_000, intervalMs: 1 });
export const quickRetry = { baseDelayMs: 10, maxDelayMs: 50 };

export interface PassResult {
  fills: Fill[];
  pages: FillPage[];
  cursor: SyncCursor | null;
}

/** Runs pages() to the end, or stops after `maxPages` (like a killed sync), JSON-roundtripping cursors. */
export async function runPass(connector: Connector, cursor: SyncCursor | null, now = NOW, maxPages = Infinity): Promise<PassResult> {
  const fills: Fill[] = [];
  const pages: FillPage[] = [];
  let last = cursor;
  for await (const page of connector.pages(cursor, { signal: AbortSignal.timeout(600_000), now })) {
    pages.push(page);
    fills.push(...page.fills);
    last = JSON.parse(JSON.stringify(page.cursor)) as SyncCursor;
    if (pages.length >= maxPages) break;
  }
  return { fills, pages, cursor: last };
}

/** Daily totals the way the store counts them: each tradeId once (the first one handed over); perpetuals unless asked. */
export function dailyTotals(fills: Fill[], kinds?: readonly InstrumentKind[]): Map<string, SimTruthDay> {
  const firstOfEach = new Map<string, Fill>();
  for (const fill of fills) if (!firstOfEach.has(fill.tradeId)) firstOfEach.set(fill.tradeId, fill);
  return totalsByDay(firstOfEach.values(), kinds);
}
