/**
 * Hyperliquid's "Trade History" CSV export (the web app's Trade History tab, exported as CSV).
 * Its columns, as traders' tools that read it document them: `time,coin,dir,px,sz,ntl,fee,closedPnl`
 * — time as the web app shows it ("06/01/2025 - 17:38:42": day or month first by the browser's
 * locale, to the second, no zone), `dir` "Open Long" / "Close Short" / "Long > Short" / … for perps
 * and "Buy" / "Sell" for spot. Some tools add `feeToken` and `hash` and write ISO times; both read.
 *
 * The export has NO trade id. Each fill gets one derived from what the row says (its second, coin,
 * side, price, size and fee, plus its rank among identical rows), so importing the same file twice
 * stores nothing twice; matching against fills the API already served is hyperliquid-overlap.ts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { badInput } from '../../core/errors.ts';
import type { Side } from '../../core/fill.ts';
import { isDecimalString } from '../../core/usd.ts';
import { isPerpCoin, normalizeFill } from './normalize.ts';
import { findColumn, type CsvTable } from '../kit/csv/csv-table.ts';
import { DateOrderEvidence, parseCsvTime, type DateOrder } from '../kit/csv/csv-time.ts';
import { invalidRow, missingColumns } from '../kit/csv/import-errors.ts';
import { canonicalDecimal, readRows, withoutThousands, type ParsedImport, type RowReader } from '../kit/csv/parsed-import.ts';

/** Prefix of derived trade ids: never a Hyperliquid tid (those are integers). */
export const HYPERLIQUID_CSV_ID_PREFIX = 'hl-csv-';
const FORMAT_NAME = "Hyperliquid's Trade History export";
const REQUIRED = ['time', 'coin', 'dir', 'px', 'sz', 'fee'] as const;

export function looksLikeHyperliquid(headers: readonly string[]): boolean {
  return ['time', 'coin', 'dir', 'px', 'sz'].every((name) => findColumn(headers, [name]) >= 0);
}

const decimal = z.string().refine(isDecimalString, 'expected a decimal number');
const RowSchema = z.object({
  time: z.string().min(1, 'the time is empty'),
  coin: z.string().min(1, 'the coin is empty'),
  dir: z.string().min(1, 'the direction is empty'),
  px: decimal,
  sz: decimal,
  fee: decimal,
  feeToken: z.string(),
});

/**
 * The side of a fill from its `dir`. Perps: opening a long, closing a short and flipping short to
 * long buy; the mirror images sell; a liquidated long sells. Spot: Buy / Sell.
 */
export function sideOfDirection(dir: string): Side | null {
  const d = dir.trim().toLowerCase().replace(/\s+/g, ' ');
  if (d === 'buy' || d === 'open long' || d === 'close short' || d === 'short > long' || /liquidat.* short$/.test(d)) return 'buy';
  if (d === 'sell' || d === 'open short' || d === 'close long' || d === 'long > short' || /liquidat.* long$/.test(d)) return 'sell';
  return null;
}

export interface HyperliquidCsvOptions {
  offsetMinutes: number;
  dateOrder?: DateOrder;
}

export function parseHyperliquidCsv(table: CsvTable, options: HyperliquidCsvOptions): ParsedImport {
  const timeAt = hyperliquidTimeColumn(table.headers);
  const dateOrder = options.dateOrder ?? decideDateOrder(dateOrderEvidence(table.rows.map((row) => row.cells[timeAt] ?? '')));
  const { fills, skipped } = readRows(table.rows, hyperliquidRowReader(table.headers, { offsetMinutes: options.offsetMinutes, dateOrder }));
  return { format: 'hyperliquid', exchange: 'hyperliquid', fills, skipped, tradeIds: 'derived' };
}

/** Checks the header (missing columns name themselves); the index of the time column. */
export function hyperliquidTimeColumn(headers: readonly string[]): number {
  const missing = REQUIRED.filter((name) => findColumn(headers, [name.toLowerCase()]) < 0);
  if (missing.length > 0) throw missingColumns(FORMAT_NAME, missing);
  return findColumn(headers, ['time']);
}

function dateOrderEvidence(times: Iterable<string>): DateOrderEvidence {
  const evidence = new DateOrderEvidence();
  for (const time of times) evidence.see(time);
  return evidence;
}

/**
 * Reads the file's rows one at a time, once the date order is known (decideDateOrder). Keeps the
 * count of identical rows seen so far, which their derived trade ids depend on.
 */
export function hyperliquidRowReader(
  headers: readonly string[],
  options: {
    offsetMinutes: number;
    dateOrder: DateOrder | null;
    /**
     * The file's rows are in time order (either way), as the web app exports them: identical rows
     * then share one second's run of rows, so the count of identical rows starts afresh with each
     * second and never grows with the file.
     */
    sortedByTime?: boolean;
  },
): RowReader {
  hyperliquidTimeColumn(headers);
  const at = Object.fromEntries(REQUIRED.map((name) => [name, findColumn(headers, [name.toLowerCase()])])) as Record<(typeof REQUIRED)[number], number>;
  const feeTokenAt = findColumn(headers, ['feetoken']);
  const reading = { offsetMinutes: options.offsetMinutes, dateOrder: options.dateOrder };
  const rank = new Map<string, number>();
  let rankSecond: number | null = null;

  return (row) => {
    const raw = {
      time: row.cells[at.time] ?? '', coin: row.cells[at.coin] ?? '', dir: row.cells[at.dir] ?? '', px: withoutThousands(row.cells[at.px]),
      sz: withoutThousands(row.cells[at.sz]), fee: withoutThousands(row.cells[at.fee]), feeToken: feeTokenAt >= 0 ? (row.cells[feeTokenAt] ?? '') : '',
    };
    const parsed = RowSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'time') as keyof typeof raw;
      const column = field === 'feeToken' ? feeTokenAt : at[field];
      throw invalidRow(row.line, headers[column] ?? field, `${issue?.message ?? 'invalid'} (found ${JSON.stringify(raw[field])})`);
    }
    const r = parsed.data;
    const ts = parseCsvTime(r.time, reading);
    if (ts === null) throw invalidRow(row.line, headers[at.time]!, `${JSON.stringify(r.time)} is not a time Perpvol can read`);
    const side = sideOfDirection(r.dir);
    if (side === null) throw invalidRow(row.line, headers[at.dir]!, `unknown direction ${JSON.stringify(r.dir)}`);
    if (!isPerpCoin(r.coin)) return 'skipped';
    // The connector's own rules (perp check, notional, fee token valuation) on the row as the API would send it.
    const feeToken = r.feeToken || 'USDC';
    const normalized = normalizeFill({ coin: r.coin, px: r.px, sz: r.sz, side: side === 'buy' ? 'B' : 'A', time: ts, oid: 0, tid: 0, crossed: false, fee: r.fee, feeToken });
    // a HIP-3 perp quoted in a token that is no USD stablecoin has no dollar notional: not imported
    if (!('fill' in normalized)) return 'skipped';
    const second = Math.floor(ts / 1000);
    if (options.sortedByTime && second !== rankSecond) {
      rank.clear();
      rankSecond = second;
    }
    const key = [second, r.coin, side, canonicalDecimal(r.px), canonicalDecimal(r.sz), canonicalDecimal(r.fee)].join('|');
    const nth = rank.get(key) ?? 0;
    rank.set(key, nth + 1);
    return { ...normalized.fill, tradeId: derivedTradeId(key, nth), orderId: null, liquidity: null };
  };
}

function derivedTradeId(key: string, nth: number): string {
  return `${HYPERLIQUID_CSV_ID_PREFIX}${createHash('sha256').update(`${key}|${nth}`).digest('hex').slice(0, 32)}`;
}

/** The file's date order from what its times show; refuses files that mix or cannot tell. */
export function decideDateOrder(evidence: DateOrderEvidence): DateOrder | null {
  const order = evidence.verdict();
  if (order === 'conflict') {
    throw badInput('import_date_order', 'The file mixes day-first and month-first dates; export it again from one browser. Nothing from this file was imported.');
  }
  if (order === null && evidence.slashed) {
    throw badInput(
      'import_date_order',
      'Every date in the file could be read day-first or month-first (no day is above 12). Say which with --date-order day-first|month-first (REST: "dateOrder"). Nothing from this file was imported.',
    );
  }
  return order;
}
