/**
 * Gives a simulated account a history with a shape: uniform random fills make flat, noisy charts,
 * while a real trader ramps up over the months, trades less at weekends, has busy weeks and quiet
 * ones, and takes days off. The fills go in through the simulator's own `trade()`, so its truth()
 * stays the single source of what Perpvol must show.
 */
import { mulberry32 } from '../random-history.ts';
import type { SimAccount } from '../simulator.ts';

const DAY_MS = 86_400_000;
/** Fills of one order land in the same millisecond, as partial fills do; at most this many. */
const MAX_FILLS_PER_ORDER = 6;

export interface ActivityOptions {
  /** Roughly how many fills to add over the whole span. */
  fills: number;
  /** Span in days, ending at `now`. */
  days: number;
  now: number;
  seed: number;
}

/** Adds about `options.fills` fills to `account`; returns how many it added. */
export function addShapedActivity(account: SimAccount, options: ActivityOptions): number {
  const random = mulberry32(options.seed);
  const todayStart = options.now - (options.now % DAY_MS);
  const firstDay = todayStart - (options.days - 1) * DAY_MS;
  const weights = dayWeights(options.days, firstDay, random);
  const perWeight = options.fills / weights.reduce((sum, w) => sum + w, 0);
  let added = 0;
  for (let i = 0; i < options.days; i++) {
    const dayStart = firstDay + i * DAY_MS;
    let left = Math.round(weights[i]! * perWeight * (0.6 + 0.8 * random()));
    while (left > 0) {
      const fills = Math.min(left, 1 + Math.floor(random() * MAX_FILLS_PER_ORDER));
      // Busy hours: European and US sessions more than the Asian night.
      const hour = random() < 0.7 ? 8 + random() * 14 : random() * 24;
      // Today's fills spread over the hours gone by, not all at this very moment.
      const span = Math.min(DAY_MS, options.now - dayStart);
      const at = Math.min(dayStart + Math.floor((hour / 24) * span), options.now - 1);
      added += account.trade(fills, at);
      left -= fills;
    }
  }
  return added;
}

/** Relative activity per day, oldest first: growth × weekday rhythm × busy/quiet regimes × days off. */
function dayWeights(days: number, firstDay: number, random: () => number): number[] {
  const weights: number[] = [];
  let regime = 1;
  for (let i = 0; i < days; i++) {
    if (i % 7 === 0) regime = Math.min(2.5, Math.max(0.3, regime * (0.6 + 0.8 * random())));
    const growth = 0.25 + 0.75 * (i / Math.max(1, days - 1)) ** 1.5;
    const weekday = new Date(firstDay + i * 86_400_000).getUTCDay();
    const rhythm = weekday === 0 || weekday === 6 ? 0.45 : 1;
    const dayOff = random() < 0.12 ? 0 : 1;
    weights.push(growth * rhythm * regime * dayOff);
  }
  return weights;
}
