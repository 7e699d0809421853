/**
 * Where a trader stands on an exchange's fee-tier ladder, from exact daily volumes (micro-dollars).
 *
 * Every exchange here counts a rolling window of N UTC days. The window that ends today holds
 * today's volume so far; at each 00:00 UTC its oldest day leaves ("rolls off") and the new day
 * comes in. So the volume a tier is judged on can fall overnight without a single trade, and the
 * questions a trader asks are: what leaves on each coming day, and how much a day must I trade to
 * keep my tier (or reach the next) through a given day. Sums are BigInt: a window of the largest
 * tiers (billions of USD) is beyond what a double holds to the micro-dollar.
 */
import { addDays, type DayString } from './days.ts';

export interface TierStep {
  name: string;
  /** Volume over the window that qualifies (micro-dollars); 0 for the entry tier. */
  volumeMicros: number;
  makerRate: number | null;
  takerRate: number | null;
}

export interface RollOffEntry {
  /** The day from whose start `micros` is no longer in the window. */
  date: DayString;
  micros: bigint;
  /** Per-day volume from today through `date` that keeps the current tier the whole time; null when volume does not hold it. */
  keepPerDayMicros: bigint | null;
  /** Per-day volume from today through `date` that reaches `next` by `date`; null without a next tier. */
  reachPerDayMicros: bigint | null;
}

export interface TierRiskFinding {
  date: DayString;
  shortfallMicros: bigint;
  perDayMicros: bigint;
}

/** Hours ahead in which a coming roll-off counts as "at risk" (the desktop warns about these). */
export const AT_RISK_HOURS = 48;
/** How far ahead the one-line "keep your tier through …" figure looks: the coming week. */
export const KEEP_HORIZON_DAYS = 7;

/** Per-day figures are rounded UP to the cent: trading that much must be enough. */
const CENT_MICROS = 10_000n;

function ceilToCent(micros: bigint): bigint {
  if (micros <= 0n) return 0n;
  return ((micros + CENT_MICROS - 1n) / CENT_MICROS) * CENT_MICROS;
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  if (numerator <= 0n) return 0n;
  return (numerator + denominator - 1n) / denominator;
}

/** The window of `days` UTC days that ends on `today` (inclusive). */
export function tierWindow(days: number, today: DayString): { days: number; from: DayString; to: DayString } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a tier window is a positive whole number of days: ${days}`);
  return { days, from: addDays(today, -(days - 1)), to: today };
}

/** Σ of the window's days (days outside it are ignored). */
export function windowSum(daily: ReadonlyMap<DayString, number | bigint>, window: { from: DayString; to: DayString }): bigint {
  let sum = 0n;
  for (const [day, micros] of daily) if (day >= window.from && day <= window.to) sum += BigInt(micros);
  return sum;
}

/**
 * The highest step whose threshold `volume` meets. Ladders are read in ascending order of
 * threshold whatever order they were written in; null when even the lowest step needs more.
 */
export function tierFor(ladder: readonly TierStep[], volumeMicros: bigint): TierStep | null {
  let found: TierStep | null = null;
  for (const step of sortLadder(ladder)) if (BigInt(step.volumeMicros) <= volumeMicros) found = step;
  return found;
}

/** The step after `current` on the ladder; without a known current step, the first one above `volume`. */
export function nextTierAfter(ladder: readonly TierStep[], current: TierStep | null, volumeMicros: bigint): TierStep | null {
  const sorted = sortLadder(ladder);
  const index = current ? sorted.findIndex((step) => sameTierName(step.name, current.name)) : -1;
  if (index >= 0) return sorted[index + 1] ?? null;
  return sorted.find((step) => BigInt(step.volumeMicros) > volumeMicros) ?? null;
}

export function sortLadder(ladder: readonly TierStep[]): TierStep[] {
  return [...ladder].sort((a, b) => a.volumeMicros - b.volumeMicros);
}

/** "VIP 1", "VIP-1", "vip1" and "Vip 1" name the same tier. */
export function sameTierName(a: string, b: string): boolean {
  const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return key(a) === key(b);
}

export interface StandingInput {
  today: DayString;
  windowDays: number;
  /** Our volume per UTC day (micro-dollars); only the window's days matter. */
  daily: ReadonlyMap<DayString, number | bigint>;
  /** The volume the tier is judged on now: ours, or the exchange's own figure when it is larger. */
  basisMicros: bigint;
  /** Threshold of the tier held now (null or 0: nothing to keep). */
  currentThresholdMicros: number | null;
  /** Threshold of the next tier (null at the top). */
  nextThresholdMicros: number | null;
}

/**
 * What leaves the window on each of the next `windowDays` days, and for each such day the daily
 * volume (starting today) that keeps the current tier through it and that reaches the next tier
 * by it. With V the window's volume now, d_j what leaves on the j-th coming day and D_k = Σ_{j≤k} d_j,
 * the window after k midnights with x traded a day (today included) is V − D_k + (k+1)·x.
 * Keeping threshold T through day K means that total ≥ T for every k ≤ K; reaching T' by K, for k = K.
 */
export function rollOffSchedule(input: StandingInput): RollOffEntry[] {
  const { today, windowDays, daily, basisMicros } = input;
  const first = addDays(today, -(windowDays - 1));
  // Only a tier the window holds now is kept by trading; one held for another reason (an asset
  // balance, a classification) has no volume figure worth showing.
  const threshold = input.currentThresholdMicros ? BigInt(input.currentThresholdMicros) : null;
  const keepThreshold = threshold !== null && basisMicros >= threshold ? threshold : null;
  const reachThreshold = input.nextThresholdMicros !== null ? BigInt(input.nextThresholdMicros) : null;
  const entries: RollOffEntry[] = [];
  let leftSoFar = 0n;
  // Day 0 (today's own assessment): V + x ≥ T.
  let keepNeed = keepThreshold === null ? null : ceilDiv(keepThreshold - basisMicros, 1n);
  for (let k = 1; k <= windowDays; k++) {
    const leaving = BigInt(daily.get(addDays(first, k - 1)) ?? 0);
    leftSoFar += leaving;
    const days = BigInt(k + 1);
    if (keepThreshold !== null && keepNeed !== null) {
      const need = ceilDiv(keepThreshold - basisMicros + leftSoFar, days);
      if (need > keepNeed) keepNeed = need;
    }
    entries.push({
      date: addDays(today, k),
      micros: leaving,
      keepPerDayMicros: keepNeed === null ? null : ceilToCent(keepNeed),
      reachPerDayMicros: reachThreshold === null ? null : ceilToCent(ceilDiv(reachThreshold - basisMicros + leftSoFar, days)),
    });
  }
  return entries;
}

/**
 * Whether, without trades, roll-off takes the window below the current tier's threshold within
 * AT_RISK_HOURS: the midnights in that span are the next two. Only a tier the window holds now
 * can be at risk — one held for another reason (an asset balance, a lagging exchange) is not
 * Perpvol's to warn about.
 */
export function tierRisk(input: StandingInput, schedule: readonly RollOffEntry[]): TierRiskFinding | null {
  const threshold = input.currentThresholdMicros ? BigInt(input.currentThresholdMicros) : null;
  if (threshold === null || input.basisMicros < threshold) return null;
  const midnights = Math.floor(AT_RISK_HOURS / 24);
  let left = 0n;
  for (let k = 1; k <= Math.min(midnights, schedule.length); k++) {
    const entry = schedule[k - 1]!;
    left += entry.micros;
    const remaining = input.basisMicros - left;
    if (remaining < threshold) return { date: entry.date, shortfallMicros: threshold - remaining, perDayMicros: entry.keepPerDayMicros ?? 0n };
  }
  return null;
}
