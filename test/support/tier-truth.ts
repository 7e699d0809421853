/**
 * What GET /api/v1/tiers must say, computed from the simulators' own rows with arithmetic of the
 * tests' own (test/sim/exact-decimal.ts), never with Perpvol's money or day code: per UTC day, the
 * exact perp volume (micro-dollars) each exchange's fills add up to, and the roll-off and ladder
 * positions that follow from it.
 */
import type { TierView } from '../../src-shared/tier-schemas.ts';
import type { BybitSimulatorHandle } from '../sim/bybit/simulator.ts';
import { dayOf, notionalMicros, scaled } from '../sim/exact-decimal.ts';
import { simTierFor, type SimTier } from '../sim/fee-tier-ladders.ts';
import { isSpotCoin } from '../sim/hyperliquid/fills.ts';
import type { HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import type { ParadexSimulatorHandle } from '../sim/paradex/index.ts';
import { isCountedRow } from '../sim/paradex/sim-history.ts';
import type { WooxSimulatorHandle } from '../sim/woox/simulator.ts';

const DAY_MS = 86_400_000;
export type DailyTruth = Map<string, bigint>;

function add(days: DailyTruth, ms: number, micros: bigint): void {
  const day = dayOf(ms);
  days.set(day, (days.get(day) ?? 0n) + micros);
}

export function hyperliquidDaily(sim: HyperliquidSimulatorHandle, account = 0): DailyTruth {
  const days: DailyTruth = new Map();
  for (const fill of sim.accounts[account]!.allFills()) if (!isSpotCoin(fill.coin)) add(days, fill.time, notionalMicros(fill.px, fill.sz));
  return days;
}

/** Linear: price × qty; inverse: the contracts' USD face value (execQty). Trades only. */
export function bybitDaily(sim: BybitSimulatorHandle, account = 0): DailyTruth {
  const days: DailyTruth = new Map();
  for (const row of sim.accounts[account]!.rows()) {
    if ((row.category !== 'linear' && row.category !== 'inverse') || !['Trade', 'AdlTrade', 'BustTrade'].includes(row.execType)) continue;
    add(days, Number(row.execTime), row.category === 'linear' ? notionalMicros(row.execPrice, row.execQty) : scaled(row.execQty.replace(/^-/, ''), 6));
  }
  return days;
}

export function wooxDaily(sim: WooxSimulatorHandle, account = 0): DailyTruth {
  const days: DailyTruth = new Map();
  for (const row of sim.ledgers[account]!.rows) if (row.symbol.startsWith('PERP_')) add(days, row.executedTimestamp, notionalMicros(row.executedPrice, row.executedQuantity));
  return days;
}

export function paradexDaily(sim: ParadexSimulatorHandle, account = 0): DailyTruth {
  const days: DailyTruth = new Map();
  for (const row of sim.accounts[account]!.book.rows) if (isCountedRow(row)) add(days, row.created_at, notionalMicros(row.price, row.size));
  return days;
}

/** `n` days after `day` (UTC), by the calendar. */
export function dayPlus(day: string, n: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

export function windowMicros(daily: DailyTruth, from: string, to: string): bigint {
  let sum = 0n;
  for (const [day, micros] of daily) if (day >= from && day <= to) sum += micros;
  return sum;
}

/** The roll-off a TierView must list: on each of the next `days` days, the volume of the day that leaves. */
export function expectedRollOff(daily: DailyTruth, from: string, to: string, days: number): { date: string; micros: bigint }[] {
  return Array.from({ length: days }, (_, i) => ({ date: dayPlus(to, i + 1), micros: daily.get(dayPlus(from, i)) ?? 0n }));
}

/** A USD amount from the API, back to micro-dollars (the API's numbers are micro-dollars / 1e6). */
export function micros(usd: number): bigint {
  return BigInt(Math.round(usd * 1_000_000));
}

export function rollOffMicros(view: TierView): { date: string; micros: bigint }[] {
  return view.rollOff.map((entry) => ({ date: entry.date, micros: micros(entry.volumeUsd) }));
}

/** Where `volume` sits on a simulator's ladder, and the step above. */
export function ladderPosition(ladder: readonly SimTier[], volume: bigint): { tier: SimTier; next: SimTier | null } {
  const { tier, index } = simTierFor(ladder, volume);
  return { tier, next: ladder[index + 1] ?? null };
}
