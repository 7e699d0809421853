/**
 * A UTC day typed by a person, in the form the dashboard writes dates ("Dec 7, 2026"), or as
 * 2026-12-07. The browser's own date field would show mm/dd/yyyy beside the app's "Dec 7, 2026".
 */
import { isDay } from './dates.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 'YYYY-MM-DD' from "Dec 7, 2026", "7 Dec 2026", "december 7 2026" or "2026-12-07"; null when it is not a real day. */
export function parseDayInput(text: string): string | null {
  const trimmed = text.trim();
  if (isDay(trimmed)) return trimmed;
  const monthFirst = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(trimmed);
  const dayFirst = /^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i.exec(trimmed);
  const [monthName, day, year] = monthFirst ? [monthFirst[1]!, monthFirst[2]!, monthFirst[3]!] : dayFirst ? [dayFirst[2]!, dayFirst[1]!, dayFirst[3]!] : [null, null, null];
  if (!monthName) return null;
  const month = MONTHS.findIndex((m) => monthName.toLowerCase().startsWith(m) && (monthName.length === 3 || m === monthName.toLowerCase().slice(0, 3)));
  if (month === -1) return null;
  const candidate = `${year}-${String(month + 1).padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return isDay(candidate) ? candidate : null;
}
