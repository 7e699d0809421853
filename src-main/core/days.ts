/**
 * UTC calendar days. Exchanges count volume per UTC day, so a fill at 23:59:59.999Z and one at
 * 00:00:00.000Z the next day fall in different buckets whatever the user's timezone.
 */
export const MS_PER_DAY = 86_400_000;

/** 'YYYY-MM-DD' */
export type DayString = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function utcDay(ts: number): DayString {
  return new Date(ts).toISOString().slice(0, 10);
}

/** Start of the UTC day as ms epoch; throws RangeError on anything but a real calendar date. */
export function dayStartMs(day: DayString): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a date in YYYY-MM-DD form: ${JSON.stringify(day)}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (utcDay(ms) !== day) throw new RangeError(`not a calendar date: ${day}`);
  return ms;
}

export function isDayString(value: string): boolean {
  try {
    dayStartMs(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: DayString, n: number): DayString {
  return utcDay(dayStartMs(day) + n * MS_PER_DAY);
}

/** Every day from `from` to `to`, both included; [] when from > to. */
export function daysBetween(from: DayString, to: DayString): DayString[] {
  const days: DayString[] = [];
  const end = dayStartMs(to);
  for (let ms = dayStartMs(from); ms <= end; ms += MS_PER_DAY) days.push(utcDay(ms));
  return days;
}

/** Rolling window dN: the last N UTC days including today, as an inclusive [from, to]. */
export function rollingWindow(n: number, now: number): { from: DayString; to: DayString } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`window must be a positive whole number of days: ${n}`);
  const to = utcDay(now);
  return { from: addDays(to, -(n - 1)), to };
}
