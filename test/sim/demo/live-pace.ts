/**
 * How much the demo trades live, scaled to each account's own history: a round trades about what
 * the account typically trades in `paceDaysPerHour` days per hour of demo — by default one typical
 * day per hour, so after an hour today's bar looks like an ordinary day, not a month. Fill sizes
 * are the simulator's own (the same draw as the history), so only the number of fills is paced.
 */
import type { SimAccount } from '../simulator.ts';

const MS_PER_HOUR = 3_600_000;
/** Days of history whose median activity is "typical": the recent month, as a trader would judge. */
export const TYPICAL_DAYS = 30;

/** Median fills per trading day over the last TYPICAL_DAYS days with any trading (0 when none). */
export function typicalDailyFills(account: SimAccount): number {
  const days = [...account.truth().entries()]
    .filter(([, totals]) => totals.trades > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-TYPICAL_DAYS)
    .map(([, totals]) => totals.trades)
    .sort((a, b) => a - b);
  if (days.length === 0) return 0;
  const middle = Math.floor(days.length / 2);
  return days.length % 2 === 1 ? days[middle]! : (days[middle - 1]! + days[middle]!) / 2;
}

/**
 * Fills to trade in one round of `roundMs`: the expected share of a typical day at this pace,
 * rounded up or down at random so that over many rounds the average is exact.
 */
export function fillsThisRound(typicalFills: number, roundMs: number, paceDaysPerHour: number, random: () => number): number {
  const expected = (typicalFills * paceDaysPerHour * roundMs) / MS_PER_HOUR;
  const whole = Math.floor(expected);
  return whole + (random() < expected - whole ? 1 : 0);
}
