/**
 * CSV exports with the same filters as their JSON endpoints. Rows are streamed through
 * csv-stringify page by page, so exporting millions of fills holds one page in memory. Amounts are
 * exact decimal strings (6 decimals of USD), never float renderings like 0.30000000000000004.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify';
import type { PerpvolApi } from '../../src-shared/contract.ts';
import { FILLS_PAGE_MAX, type ApiFill, type DailyQuery, type DayVolume, type FillsQuery } from '../../src-shared/schemas.ts';
import { MICROS_PER_USD, microsToDecimalString } from '../core/usd.ts';
import { API_PREFIX, DAILY_EXPORT_QUERY, FILLS_EXPORT_QUERY } from './route-table.ts';

/**
 * A USD number from the API (micros / 1e6) back to its exact decimal string. The round trip is
 * exact for every amount below 8 billion USD, far beyond any one day's or fill's volume.
 */
export const usdToDecimalString = (usd: number): string => microsToDecimalString(Math.round(usd * MICROS_PER_USD));

export const DAILY_CSV_COLUMNS = ['date', 'key', 'label', 'volume_usd', 'maker_volume_usd', 'taker_volume_usd', 'fees_usd', 'trades'];
export const FILLS_CSV_COLUMNS = [
  'id', 'account_id', 'exchange', 'trade_id', 'order_id', 'symbol', 'side', 'price', 'qty',
  'notional_usd', 'fee', 'fee_currency', 'fee_usd', 'liquidity', 'ts', 'time',
];

const dayRow = (day: DayVolume, key: string, label: string): string[] => [
  day.date, key, label,
  usdToDecimalString(day.volumeUsd), usdToDecimalString(day.makerVolumeUsd), usdToDecimalString(day.takerVolumeUsd),
  usdToDecimalString(day.feesUsd), String(day.trades),
];

const fillRow = (f: ApiFill): string[] => [
  f.id, f.accountId, f.exchange, f.tradeId, f.orderId ?? '', f.symbol, f.side, f.price, f.qty,
  usdToDecimalString(f.notionalUsd), f.fee, f.feeCurrency, usdToDecimalString(f.feeUsd), f.liquidity ?? '',
  String(f.ts), new Date(f.ts).toISOString(),
];

/** Every fill matching the filter, page after page; the first page is fetched by the caller. */
async function* allFills(api: PerpvolApi, query: FillsQuery, first: { fills: ApiFill[]; nextCursor: string | null }) {
  let page = first;
  for (;;) {
    for (const fill of page.fills) yield fillRow(fill);
    if (!page.nextCursor) return;
    page = await api.listFills({ ...query, limit: FILLS_PAGE_MAX, cursor: page.nextCursor });
  }
}

const csvHeaders = (name: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${name}"`,
});

export function registerCsvExports(app: FastifyInstance, api: PerpvolApi): void {
  const common = { tags: ['export'], security: [{ bearer: [] }], produces: ['text/csv'] };

  app.get(
    `${API_PREFIX}/export/daily.csv`,
    { schema: { ...common, summary: 'Daily volume as CSV (one row per day, or per day and group with groupBy)', operationId: 'exportDailyCsv', querystring: DAILY_EXPORT_QUERY } },
    async (request, reply) => {
      const query = request.query as DailyQuery;
      const daily = await api.dailyVolume(query);
      const rows = query.groupBy
        ? daily.series.flatMap((s) => s.days.map((d) => dayRow(d, s.key, s.label)))
        : daily.total.map((d) => dayRow(d, '', ''));
      const csv = Readable.from(rows).pipe(stringify({ header: true, columns: DAILY_CSV_COLUMNS }));
      return reply.headers(csvHeaders(`perpvol-daily-${daily.from}-${daily.to}.csv`)).send(csv);
    },
  );

  app.get(
    `${API_PREFIX}/export/fills.csv`,
    { schema: { ...common, summary: 'Fills as CSV, all pages, same filters as GET /fills', operationId: 'exportFillsCsv', querystring: FILLS_EXPORT_QUERY } },
    async (request, reply) => {
      const query = request.query as FillsQuery;
      // The first page is awaited here so an unknown account or bad filter still answers 4xx JSON.
      const first = await api.listFills({ ...query, limit: FILLS_PAGE_MAX });
      const source = Readable.from(allFills(api, query, first));
      const csv = stringify({ header: true, columns: FILLS_CSV_COLUMNS });
      source.on('error', (error) => csv.destroy(error));
      return reply.headers(csvHeaders('perpvol-fills.csv')).send(source.pipe(csv));
    },
  );
}
