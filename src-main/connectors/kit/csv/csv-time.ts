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
// 06/01/2025 - 17:38:42, 9/18/2025 14:59:56, 25/09/2025, 13:33:06: day and month are a and b, in the file's order
const SLASHED = /^(?<a>\d{1,2})\/(?<b>\d{1,2})\/(?<y>\d{4}),?\s*(?:-\s*)?(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?$/;
const ZONELESS = [
  // 2025-01-06 13:25:38(.148000)?
  /^(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})[ T](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.(?<f>\d+))?)?$/,
  // 14:35 2024-11-16 (Bybit)
  /^(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))? (?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})$/,
  SLASHED,
];

/** Milliseconds since the epoch, or null when `text` is no time this reader knows. */
export function parseCsvTime(text: string, reading: TimeReading): number | null {
  const value = text.trim();
  if (EPOCH.test(value)) return value.length === 10 ? Number(value) * 1000 : Number(value);
  if (ISO_ZONED.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  const g = ZONELESS.map((format) => format.exec(value)?.groups).find((groups) => groups !== undefined);
  if (!g || (g['a'] && !reading.dateOrder)) return null;
  const [day, month] = !g['a'] ? [+g['d']!, +g['mo']!] : reading.dateOrder === 'day-first' ? [+g['a'], +g['b']!] : [+g['b']!, +g['a']];
  const [year, hour, minute, second] = [+g['y']!, +g['h']!, +g['mi']!, +(g['s'] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number((g['f'] ?? '').slice(0, 3).padEnd(3, '0')));
  if (new Date(local).getUTCDate() !== day) return null; // 31 April and the like
  return local - reading.offsetMinutes * 60_000;
}

class ReadOneWay {
  newest: number | null = null;
  previous: number | null = null;
  rising = true;
  falling = true;
}

/**
 * What a file's time column says, one value at a time: which way its slashed dates go (a first
 * number above 12 can only be a day, a second number above 12 only a day too) and, read each way,
 * its newest time and whether it is in time order (either way).
 */
export class TimeColumnScan {
  private dayFirst = false;
  private monthFirst = false;
  private slashed = false;
  private readonly read: Record<DateOrder, ReadOneWay> = { 'day-first': new ReadOneWay(), 'month-first': new ReadOneWay() };

  constructor(private readonly offsetMinutes: number) {}

  see(value: string): void {
    const text = value.trim();
    if (/^\d{1,2}\/\d{1,2}\//.test(text)) this.slashed = true;
    const m = SLASHED.exec(text)?.groups;
    if (m && +m['a']! > 12) this.dayFirst = true;
    if (m && +m['b']! > 12) this.monthFirst = true;
    for (const order of ['day-first', 'month-first'] as const) {
      const ts = parseCsvTime(text, { offsetMinutes: this.offsetMinutes, dateOrder: order });
      const read = this.read[order];
      if (ts === null) continue;
      if (read.newest === null || ts > read.newest) read.newest = ts;
      if (read.previous !== null && ts < read.previous) read.rising = false;
      if (read.previous !== null && ts > read.previous) read.falling = false;
      read.previous = ts;
    }
  }

  /** The dates' order (`told`, or as the file shows it; null: no slashed dates), and the column read that way. */
  result(told: DateOrder | undefined): { dateOrder: DateOrder | null; newest: number | null; sorted: boolean } {
    const dateOrder = told ?? this.decide();
    const read = this.read[dateOrder ?? 'day-first'];
    return { dateOrder, newest: read.newest, sorted: read.rising || read.falling };
  }

  /** Refuses files that mix the orders or cannot tell. */
  private decide(): DateOrder | null {
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
