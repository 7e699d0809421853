/**
 * The rows of Perpvol's CSV exports, shared by the REST export (server/csv-export.ts) and
 * `perpvol export` so both write byte-identical files. Amounts are exact decimal strings (6 decimals
 * of USD), never float renderings like 0.30000000000000004.
 */
import type { ApiMethods } from '../../src-shared/contract.ts';
import { FILLS_PAGE_MAX, type ApiFill, type Daily, type DayVolume, type FillsPage, type FillsQuery } from '../../src-shared/schemas.ts';
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

const dayRow = (day: DayVolume, key: string, label: string, kinds: string): string[] => [
  day.date, key, label,
  usdToDecimalString(day.volumeUsd), usdToDecimalString(day.makerVolumeUsd), usdToDecimalString(day.takerVolumeUsd),
  usdToDecimalString(day.feesUsd), String(day.trades), kinds,
];

/** fee_usd is empty for a fee in a token without a USD price; fee and fee_currency say what was paid. */
export const fillRow = (f: ApiFill): string[] => [
  f.id, f.accountId, f.exchange, f.tradeId, f.orderId ?? '', f.symbol, f.side, f.price, f.qty,
  usdToDecimalString(f.notionalUsd), f.fee, f.feeCurrency, f.feeUsd === null ? '' : usdToDecimalString(f.feeUsd), f.liquidity ?? '',
  String(f.ts), new Date(f.ts).toISOString(), f.kind, f.underlying,
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
