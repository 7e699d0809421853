/**
 * The rows of Perpvol's CSV exports, shared by the REST export (server/csv-export.ts) and
 * `perpvol export` so both write byte-identical files. Amounts are exact decimal strings (6 decimals
 * of USD), never float renderings like 0.30000000000000004; text cells that a spreadsheet would run
 * as a formula get a leading apostrophe (src-shared/csv-cells.ts).
 */
import type { ApiMethods } from '../../src-shared/contract.ts';
import { FILLS_PAGE_MAX, type ApiFill, type Daily, type DayVolume, type FillsPage, type FillsQuery } from '../../src-shared/schemas.ts';
import { numberCell, textCell } from '../../src-shared/csv-cells.ts';
import { MICROS_PER_USD, microsToDecimalString } from '../core/usd.ts';

/**
 * A USD number from the API (micros / 1e6) back to its exact decimal string. The round trip is
 * exact for every amount below 8 billion USD, far beyond any one day's or fill's volume.
 */
export const usdToDecimalString = (usd: number): string => microsToDecimalString(Math.round(usd * MICROS_PER_USD));

/** New columns go at the end, so scripts that read the older files by position keep working. */
export const DAILY_CSV_COLUMNS = ['date', 'key', 'label', 'volume_usd', 'maker_volume_usd', 'taker_volume_usd', 'fees_usd', 'trades', 'kinds'];
export const FILLS_CSV_COLUMNS = [
  'id', 'account_id', 'exchange', 'trade_id', 'order_id', 'symbol', 'side', 'price', 'qty',
  'notional_usd', 'fee', 'fee_currency', 'fee_usd', 'liquidity', 'ts', 'time', 'kind', 'underlying',
];

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

/** Every fill matching the query, page after page; the first page is fetched by the caller (so its errors come first). */
export async function* fillCsvRows(api: Pick<ApiMethods, 'listFills'>, query: FillsQuery, first: FillsPage): AsyncGenerator<string[]> {
  let page = first;
  for (;;) {
    for (const fill of page.fills) yield fillRow(fill);
    if (!page.nextCursor) return;
    page = await api.listFills({ ...query, limit: FILLS_PAGE_MAX, cursor: page.nextCursor });
  }
}
