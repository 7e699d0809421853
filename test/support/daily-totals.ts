/**
 * Fills added up per UTC day the way the store's rollups count them, so what a connector or a
 * store produced can be compared with a simulator's truth day by day.
 */
import { utcDay } from '../../src-main/core/days.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import { DEFAULT_KINDS, type InstrumentKind } from '../../src-main/core/instrument.ts';
import type { SimTruthDay } from '../sim/simulator.ts';

/**
 * Totals per UTC day of the fills of the given kinds (perpetuals by default, as the product counts);
 * a fill that is not marked maker counts as taker, and an unpriced fee counts in no USD fee sum.
 */
export function totalsByDay(fills: Iterable<Fill>, kinds: readonly InstrumentKind[] = DEFAULT_KINDS): Map<string, SimTruthDay> {
  const days = new Map<string, SimTruthDay>();
  for (const fill of fills) {
    if (!kinds.includes(fill.kind)) continue;
    const day = utcDay(fill.ts);
    const totals = days.get(day) ?? { volumeMicros: 0, makerMicros: 0, takerMicros: 0, feesMicros: 0, trades: 0 };
    totals.volumeMicros += fill.notionalMicros;
    if (fill.liquidity === 'maker') totals.makerMicros += fill.notionalMicros;
    else totals.takerMicros += fill.notionalMicros;
    totals.feesMicros += fill.feeMicros ?? 0;
    totals.trades += 1;
    days.set(day, totals);
  }
  return days;
}

/** Sorted entries, so a failing deepStrictEqual points at the first differing day. */
export function sortedDays<T>(days: Map<string, T>): [string, T][] {
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
}
