/** UTC calendar days as 'YYYY-MM-DD' strings, the unit of every volume number (exchanges count in UTC). */
const DAY_MS = 86_400_000;

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, count: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS);
}

/** Every day from `from` to `to`, both included; [] when from > to. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

export type RangePreset = '30d' | '90d' | '1y' | '2y' | 'custom';

export const RANGE_PRESETS: { id: RangePreset; label: string; days: number | null }[] = [
  { id: '30d', label: '30 days', days: 30 },
  { id: '90d', label: '90 days', days: 90 },
  { id: '1y', label: '1 year', days: 365 },
  { id: '2y', label: '2 years', days: 730 },
  { id: 'custom', label: 'Custom', days: null },
];

/** The last N UTC days up to today, today included (the same "dN" as the API's windows). */
export function lastDays(count: number, now: number): { from: string; to: string } {
  const to = utcDay(now);
  return { from: addDays(to, -(count - 1)), to };
}

export function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && utcDay(Date.parse(`${text}T00:00:00Z`)) === text;
}
