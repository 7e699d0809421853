/**
 * What GET /api/v1/tiers must say, from the simulators' own truth (test/sim/truth: their own BigInt
 * decimals and UTC days, never Perpvol's money or day code): per UTC day, the exact volume
 * (micro-dollars) each exchange counts for its fee tier — Bybit's VIP level counts derivatives,
 * perpetuals and dated futures; the others count perpetuals — and the roll-off and ladder
 * positions that follow from it.
 */
import type { TierView } from '../../src-shared/tier-schemas.ts';
import { simTierFor, type SimTier } from '../sim/fee-tier-ladders.ts';
import type { SimAccount, SimKind, SimTruthDay } from '../sim/simulator.ts';
import { DAY_MS, utcDayOf } from '../sim/truth/utc-day.ts';

export type DailyTruth = Map<string, bigint>;

/** The kinds each exchange's fee tier counts (the product's tiers `counts` text says the same). */
const TIER_KINDS: Record<'bybit' | 'other', readonly SimKind[]> = { bybit: ['perpetual', 'dated_future'], other: ['perpetual'] };

function dailyOf(truth: Map<string, SimTruthDay>): DailyTruth {
  return new Map([...truth].map(([day, totals]) => [day, BigInt(totals.volumeMicros)]));
}

type WithAccounts = { accounts: readonly SimAccount[] };

export const hyperliquidDaily = (sim: WithAccounts, account = 0): DailyTruth => dailyOf(sim.accounts[account]!.truth(TIER_KINDS.other));
export const bybitDaily = (sim: WithAccounts, account = 0): DailyTruth => dailyOf(sim.accounts[account]!.truth(TIER_KINDS.bybit));
export const wooxDaily = (sim: WithAccounts, account = 0): DailyTruth => dailyOf(sim.accounts[account]!.truth(TIER_KINDS.other));
export const paradexDaily = (sim: WithAccounts, account = 0): DailyTruth => dailyOf(sim.accounts[account]!.truth(TIER_KINDS.other));

/** `n` days after `day` (UTC), by the calendar. */
export function dayPlus(day: string, n: number): string {
  return utcDayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
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
