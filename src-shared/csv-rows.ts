/**
 * The rows of Perpvol's CSV exports, declared once for every face that writes them: the REST export
 * and `perpvol export` (streamed through csv-stringify) and the desktop app, which has no HTTP
 * endpoint to download from and builds the same file in the window (`csvText`). Amounts are exact
 * decimal strings (6 decimals of USD), never float renderings like 0.30000000000000004; text cells
 * that a spreadsheet would run as a formula get a leading apostrophe (csv-cells.ts).
 */
import type { ApiFill, Daily, DayVolume } from './schemas.ts';
import { numberCell, textCell } from './csv-cells.ts';

/** New columns go at the end, so scripts that read the older files by position keep working. */
export const DAILY_CSV_COLUMNS = ['date', 'key', 'label', 'volume_usd', 'maker_volume_usd', 'taker_volume_usd', 'fees_usd', 'trades', 'kinds'];
export const FILLS_CSV_COLUMNS = [
  'id', 'account_id', 'exchange', 'trade_id', 'order_id', 'symbol', 'side', 'price', 'qty',
  'notional_usd', 'fee', 'fee_currency', 'fee_usd', 'liquidity', 'ts', 'time', 'kind', 'underlying',
];

const MICRO_DIGITS = 6;

/**
 * A USD number from the API (exact micro-dollars / 1e6) back to its exact decimal string. The
 * round trip is exact for every amount below 8 billion USD, far beyond any one day's or fill's volume.
 */
export function usdToDecimalString(usd: number): string {
  const micros = BigInt(Math.round(usd * 10 ** MICRO_DIGITS));
  const negative = micros < 0n;
  const digits = (negative ? -micros : micros).toString().padStart(MICRO_DIGITS + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -MICRO_DIGITS)}.${digits.slice(-MICRO_DIGITS)}`;
}

/** The kinds a daily file counts, e.g. "perpetual" or "perpetual+dated_future". */
const kindsCell = (daily: Daily): string => daily.kinds.join('+');

// Text cells (labels, symbols, ids an exchange sent) are made spreadsheet-safe; amounts stay numbers.
const usd = (value: number): string => numberCell(usdToDecimalString(value));

const dayRow = (day: DayVolume, key: string, label: string, kinds: string): string[] => [
  textCell(day.date), textCell(key), textCell(label),
  usd(day.volumeUsd), usd(day.makerVolumeUsd), usd(day.takerVolumeUsd), usd(day.feesUsd), numberCell(String(day.trades)), textCell(kinds),
];

/** fee_usd is empty for a fee in a token without a USD price; fee and fee_currency say what was paid. */
export const fillRow = (f: ApiFill): string[] => [
  textCell(f.id), textCell(f.accountId), textCell(f.exchange), textCell(f.tradeId), textCell(f.orderId ?? ''), textCell(f.symbol), textCell(f.side),
  numberCell(f.price), numberCell(f.qty), usd(f.notionalUsd), numberCell(f.fee), textCell(f.feeCurrency),
  f.feeUsd === null ? '' : usd(f.feeUsd), textCell(f.liquidity ?? ''),
  numberCell(String(f.ts)), textCell(new Date(f.ts).toISOString()), textCell(f.kind), textCell(f.underlying),
];

/** One row per day, or per day and group when the query was grouped. */
export function dailyCsvRows(daily: Daily, grouped: boolean): string[][] {
  const kinds = kindsCell(daily);
  return grouped
    ? daily.series.flatMap((s) => s.days.map((d) => dayRow(d, s.key, s.label, kinds)))
    : daily.total.map((d) => dayRow(d, '', '', kinds));
}

/** A cell as csv-stringify writes it by default: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
export function csvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A whole file, byte for byte what the server streams through csv-stringify (header, "\n" after every record). */
export function csvText(columns: readonly string[], rows: readonly string[][]): string {
  return [columns, ...rows].map((row) => `${row.map(csvField).join(',')}\n`).join('');
}
