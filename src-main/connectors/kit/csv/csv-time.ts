/**
 * Times as exchanges write them into CSV exports. Exports are made for people: the web app writes
 * the time in a display format, sometimes without saying which zone it is in. Times that carry a
 * zone (ISO 8601 with Z or ±hh:mm, epoch numbers) are read as such; times without one are read in
 * `offsetMinutes` (the export's zone, UTC unless the user or the header says otherwise).
 */
import { badInput } from '../../../core/errors.ts';

/** For slashed dates: 06/01/2025 is 6 January (day-first) or June 1 (month-first), by locale. */
export type DateOrder = 'day-first' | 'month-first';

export interface TimeReading {
  offsetMinutes: number;
  dateOrder: DateOrder | null;
}

const EPOCH = /^\d{10}(\d{3})?$/;
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
// 2025-01-06 13:25:38(.148000)?
const YMD_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;
// 14:35 2024-11-16 (Bybit)
const TIME_YMD = /^(\d{1,2}):(\d{2})(?::(\d{2}))? (\d{4})-(\d{1,2})-(\d{1,2})$/;
// 06/01/2025 - 17:38:42, 9/18/2025 14:59:56, 25/09/2025, 13:33:06
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s*(?:-\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(local).getUTCDate() !== day) return null; // 31 April and the like
  return local - offsetMinutes * 60_000;
}

/** Milliseconds since the epoch, or null when `text` is no time this reader knows. */
export function parseCsvTime(text: string, reading: TimeReading): number | null {
  const value = text.trim();
  if (EPOCH.test(value)) return value.length === 10 ? Number(value) * 1000 : Number(value);
  if (ISO_ZONED.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  let m = YMD_TIME.exec(value);
  if (m) {
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    return utcMs(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), ms, reading.offsetMinutes);
  }
  m = TIME_YMD.exec(value);
  if (m) return utcMs(+m[4]!, +m[5]!, +m[6]!, +m[1]!, +m[2]!, +(m[3] ?? 0), 0, reading.offsetMinutes);
  m = SLASHED.exec(value);
  if (m && reading.dateOrder) {
    const [first, second] = [+m[1]!, +m[2]!];
    const [day, month] = reading.dateOrder === 'day-first' ? [first, second] : [second, first];
    return utcMs(+m[3]!, month, day, +m[4]!, +m[5]!, +(m[6] ?? 0), 0, reading.offsetMinutes);
  }
  return null;
}

/**
 * Which way a file's slashed dates go, read from the file itself, one value at a time: a first
 * number above 12 can only be a day, a second number above 12 only a day too.
 */
export class DateOrderEvidence {
  private dayFirst = false;
  private monthFirst = false;
  private slashed = false;

  see(value: string): void {
    const text = value.trim();
    if (/^\d{1,2}\/\d{1,2}\//.test(text)) this.slashed = true;
    const m = SLASHED.exec(text);
    if (!m) return;
    if (+m[1]! > 12) this.dayFirst = true;
    if (+m[2]! > 12) this.monthFirst = true;
  }

  /** The order the dates show (null: the file has no slashed dates); refuses files that mix or cannot tell. */
  decide(): DateOrder | null {
    if (this.dayFirst && this.monthFirst) {
      throw badInput('import_date_order', 'The file mixes day-first and month-first dates; export it again from one browser. Nothing from this file was imported.');
    }
    if (!this.dayFirst && !this.monthFirst && this.slashed) {
      throw badInput(
        'import_date_order',
        'Every date in the file could be read day-first or month-first (no day is above 12). Say which with --date-order day-first|month-first (REST: "dateOrder"). Nothing from this file was imported.',
      );
    }
    return this.dayFirst ? 'day-first' : this.monthFirst ? 'month-first' : null;
  }
}

/** "+02:00", "-0530", "UTC+10", "0" → minutes east of UTC. */
export function parseUtcOffset(text: string): number {
  const m = /^(?:UTC|GMT)?\s*([+-])?(\d{1,2})(?::?(\d{2}))?$/i.exec(text.trim());
  if (text.trim().toUpperCase() === 'UTC' || text.trim().toUpperCase() === 'Z') return 0;
  const minutes = m ? Number(m[2]) * 60 + Number(m[3] ?? 0) : NaN;
  if (!m || minutes > 14 * 60 || (m[1] === undefined && minutes !== 0)) {
    throw badInput('invalid_utc_offset', `${JSON.stringify(text)} is not a UTC offset; write it like +02:00, -05:00 or 0 (for UTC).`);
  }
  return m[1] === '-' ? -minutes : minutes;
}

/** "+02:00" for messages. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
