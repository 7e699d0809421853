/**
 * What the store does with connector pages, reduced to what WOO X tests need: keep each trade once
 * (by tradeId) and add up UTC days, so connector output can be compared with a simulator's truth.
 */
import { utcDay } from '../../../src-main/core/days.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import type { Connector, FillPage, SyncCursor } from '../../../src-main/connectors/connector.ts';
import type { SimTruthDay } from '../../sim/simulator.ts';

export class FillCollector {
  readonly byTradeId = new Map<string, Fill>();
  rawFills = 0;
  pages: FillPage[] = [];
  cursor: SyncCursor | null = null;

  add(page: FillPage): void {
    this.pages.push(page);
    this.rawFills += page.fills.length;
    for (const fill of page.fills) this.byTradeId.set(fill.tradeId, fill);
    this.cursor = page.cursor;
  }

  /** Runs one pass (or stops after `maxPages`), committing every page like the sync engine would. */
  async run(connector: Connector, now: number, maxPages = Infinity): Promise<void> {
    let taken = 0;
    for await (const page of connector.pages(this.cursor, { now, signal: AbortSignal.timeout(600_000) })) {
      this.add(page);
      if (++taken >= maxPages) return;
    }
  }

  /** Daily totals of the kept fills, optionally only those at or after `sinceMs`. */
  daily(sinceMs = -Infinity): Map<string, SimTruthDay> {
    const days = new Map<string, SimTruthDay>();
    for (const fill of this.byTradeId.values()) {
      if (fill.ts < sinceMs) continue;
      const day = utcDay(fill.ts);
      const entry = days.get(day) ?? { volumeMicros: 0, makerMicros: 0, takerMicros: 0, feesMicros: 0, trades: 0 };
      entry.volumeMicros += fill.notionalMicros;
      if (fill.liquidity === 'maker') entry.makerMicros += fill.notionalMicros;
      else entry.takerMicros += fill.notionalMicros;
      entry.feesMicros += fill.feeMicros;
      entry.trades += 1;
      days.set(day, entry);
    }
    return days;
  }
}

/** Sorted entries, so a failing deepStrictEqual points at the first differing day. */
export function sortedDays(days: Map<string, SimTruthDay>): [string, SimTruthDay][] {
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
}
