/**
 * Days into bars: daily up to 90 days, weekly up to a year, monthly beyond (or as the user picks).
 * 365 daily bars are noise; 52 weekly ones show a trend. Weeks start on Monday and months on the
 * 1st, in UTC like every day here; a range is widened back to the start of its first week or month
 * so that every bar but the current one covers a whole week or month.
 */
import { addDays, daysBetween } from './dates.ts';

export type Granularity = 'day' | 'week' | 'month';
export type GranularityChoice = 'auto' | Granularity;

/** The widest range drawn in daily bars when the user lets Perpvol choose (the issue: "weekly beyond 90 days"). */
export const AUTO_DAILY_MAX_DAYS = 90;
/** The widest range drawn in weekly bars when the user lets Perpvol choose ("monthly beyond 1 year"). */
export const AUTO_WEEKLY_MAX_DAYS = 366;

/** Bars averaged by the trend line: 7 days, 4 weeks, 3 months (each about a month's worth or less). */
export const AVERAGE_WINDOW: Record<Granularity, number> = { day: 7, week: 4, month: 3 };

export function autoGranularity(dayCount: number): Granularity {
  if (dayCount <= AUTO_DAILY_MAX_DAYS) return 'day';
  return dayCount <= AUTO_WEEKLY_MAX_DAYS ? 'week' : 'month';
}

export function resolveGranularity(choice: GranularityChoice, from: string, to: string): Granularity {
  return choice === 'auto' ? autoGranularity(daysBetween(from, to).length) : choice;
}

const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The first day of the bar `day` falls in: itself, its week's Monday, or the 1st of its month. */
export function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'week') return addDays(day, -((weekday(day) + 6) % 7));
  return `${day.slice(0, 7)}-01`;
}

/** The last calendar day of the bar that starts on `start`. */
export function bucketEnd(start: string, granularity: Granularity): string {
  if (granularity === 'day') return start;
  if (granularity === 'week') return addDays(start, 6);
  const [year, month] = start.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The range widened back to the start of its first bar (the end stays: the current bar is in progress). */
export function snapRange(range: { from: string; to: string }, granularity: Granularity): { from: string; to: string } {
  return { from: bucketStart(range.from, granularity), to: range.to };
}

/** The first day to load so the trend line is a full average from the first bar shown. */
export function leadFrom(from: string, granularity: Granularity): string {
  let start = bucketStart(from, granularity);
  for (let i = 1; i < AVERAGE_WINDOW[granularity]; i++) start = bucketStart(addDays(start, -1), granularity);
  return start;
}

export interface Bucket {
  /** First and last calendar day of the bar. */
  start: string;
  end: string;
  /** Its days inside the data (all of them, except in the current bar). */
  days: string[];
  /** False for the bar still in progress: it ends after the last day of data, or holds today (a day not over yet). */
  complete: boolean;
}

/**
 * The bars covering `from`…`to`, oldest first; `from` should be a bar's start (see snapRange).
 * `today` (UTC): the bar that holds it is still in progress, a daily bar included.
 */
export function bucketsBetween(from: string, to: string, granularity: Granularity, today?: string): Bucket[] {
  const buckets: Bucket[] = [];
  for (const day of daysBetween(from, to)) {
    const start = bucketStart(day, granularity);
    const last = buckets[buckets.length - 1];
    if (last && last.start === start) last.days.push(day);
    else buckets.push({ start, end: bucketEnd(start, granularity), days: [day], complete: true });
  }
  for (const bucket of buckets) bucket.complete = bucket.end <= to && (today === undefined || bucket.end < today);
  return buckets;
}

/** Trailing mean over `window` values; null until a whole window is available. */
export function trailingAverage(values: readonly number[], window: number): (number | null)[] {
  let sum = 0;
  return values.map((value, i) => {
    sum += value;
    if (i >= window) sum -= values[i - window]!;
    return i >= window - 1 ? Math.round((sum / window) * 100) / 100 : null;
  });
}
