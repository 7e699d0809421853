/**
 * CSV exports with the same filters as their JSON endpoints. Rows are streamed through
 * csv-stringify page by page, so exporting millions of fills holds one page in memory. Amounts are
 * exact decimal strings (6 decimals of USD), never float renderings like 0.30000000000000004.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify';
import type { PerpvolApi } from '../../src-shared/contract.ts';
import { FILLS_PAGE_MAX, type DailyQuery, type FillsQuery } from '../../src-shared/schemas.ts';
import { DAILY_CSV_COLUMNS, FILLS_CSV_COLUMNS, dailyCsvRows, fillCsvRows } from '../service/csv-rows.ts';
import { API_PREFIX, DAILY_EXPORT_QUERY, FILLS_EXPORT_QUERY } from './route-table.ts';

// The rows themselves live in service/csv-rows.ts, shared with `perpvol export`.
export { DAILY_CSV_COLUMNS, FILLS_CSV_COLUMNS, usdToDecimalString } from '../service/csv-rows.ts';

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
      const csv = Readable.from(dailyCsvRows(daily, Boolean(query.groupBy))).pipe(stringify({ header: true, columns: DAILY_CSV_COLUMNS }));
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
      const source = Readable.from(fillCsvRows(api, query, first));
      const csv = stringify({ header: true, columns: FILLS_CSV_COLUMNS });
      source.on('error', (error) => csv.destroy(error));
      return reply.headers(csvHeaders('perpvol-fills.csv')).send(source.pipe(csv));
    },
  );
}
