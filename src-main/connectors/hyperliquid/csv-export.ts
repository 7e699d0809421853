/**
 * Hyperliquid's Trade History CSV export (docs/import.md, "Importing an exchange's CSV export
 * (history the API no longer serves)"). Times are as the web app shows them ("06/01/2025 - 17:38:42":
 * day or month first by the browser's locale, to the second, no zone); `dir` is "Open Long" /
 * "Close Short" / "Long > Short" / … for perps and "Buy" / "Sell" for spot.
 *
 * The export has NO trade id. Each fill gets one derived from what the row says (its second, coin,
 * side, price, size and fee, plus its rank among identical rows), so importing the same file twice
 * stores nothing twice; matching against fills the API already served is csv-overlap.ts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { formatDecimal, parseDecimal } from '../../core/decimal.ts';
import type { Side } from '../../core/fill.ts';
import type { RowReader } from '../kit/csv-format.ts';
import { decimalCell, findColumn, findColumns, type CsvRow } from '../kit/csv/csv-table.ts';
import { parseCsvTime, type DateOrder } from '../kit/csv/csv-time.ts';
import { normalizeFill } from './normalize.ts';

/** Prefix of derived trade ids: never a Hyperliquid tid (those are integers). */
export const HYPERLIQUID_CSV_ID_PREFIX = 'hl-csv-';
const COLUMNS = { time: ['time'], coin: ['coin'], dir: ['dir'], px: ['px'], sz: ['sz'], fee: ['fee'], feeToken: ['feetoken'] };

export function looksLikeHyperliquid(headers: readonly string[]): boolean {
  return ['time', 'coin', 'dir', 'px', 'sz'].every((name) => findColumn(headers, [name]) >= 0);
}

/** The export's columns in a file's header; missing ones are named. */
export const hyperliquidColumns = (headers: readonly string[]) =>
  findColumns(headers, "Hyperliquid's Trade History export", COLUMNS, { optional: ['feeToken'] });

const RowSchema = z.object({
  time: z.string().min(1, 'the time is empty'),
  coin: z.string().min(1, 'the coin is empty'),
  dir: z.string().min(1, 'the direction is empty'),
  px: decimalCell,
  sz: decimalCell,
  fee: decimalCell,
});

/** A decimal string in one spelling for comparisons: "68000.0" = "68000", ".5" = "0.5", "+1" = "1". */
export const canonicalDecimal = (text: string): string => formatDecimal(parseDecimal(text));

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

/**
 * Reads the file's rows one at a time, once the date order is known. Keeps the count of identical
 * rows seen so far, which their derived trade ids depend on.
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
  const columns = hyperliquidColumns(headers);
  const rank = new Map<string, number>();
  let rankSecond: number | null = null;

  return (row: CsvRow) => {
    const c = columns.cells(row);
    const r = columns.check(RowSchema, c, row.line);
    const ts = parseCsvTime(r.time, options);
    if (ts === null) throw columns.invalid(row.line, 'time', `${JSON.stringify(r.time)} is not a time Perpvol can read`);
    const side = sideOfDirection(r.dir);
    if (side === null) throw columns.invalid(row.line, 'dir', `unknown direction ${JSON.stringify(r.dir)}`);
    // The connector's own rules (perp check, notional, fee token valuation) on the row as the API would send it.
    const feeToken = c.feeToken || 'USDC';
    const normalized = normalizeFill({ coin: r.coin, px: r.px, sz: r.sz, side: side === 'buy' ? 'B' : 'A', time: ts, oid: 0, tid: 0, crossed: false, fee: r.fee, feeToken });
    // spot, or a HIP-3 perp quoted in a token that is no USD stablecoin (no dollar notional): not imported
    if (!('fill' in normalized)) return 'skipped';
    const second = Math.floor(ts / 1000);
    if (options.sortedByTime && second !== rankSecond) {
      rank.clear();
      rankSecond = second;
    }
    const key = [second, r.coin, side, canonicalDecimal(r.px), canonicalDecimal(r.sz), canonicalDecimal(r.fee)].join('|');
    const nth = rank.get(key) ?? 0;
    rank.set(key, nth + 1);
    const tradeId = `${HYPERLIQUID_CSV_ID_PREFIX}${createHash('sha256').update(`${key}|${nth}`).digest('hex').slice(0, 32)}`;
    return { ...normalized.fill, tradeId, orderId: null, liquidity: null };
  };
}
