/**
 * The rows of Perpvol's CSV exports (src-shared/csv-rows.ts, shared with the desktop app's
 * export), and the fills file's rows page after page from the API, for the REST export
 * (server/csv-export.ts) and `perpvol export`, so every face writes byte-identical files.
 */
import type { ApiMethods } from '../../src-shared/contract.ts';
import { FILLS_PAGE_MAX, type FillsPage, type FillsQuery } from '../../src-shared/schemas.ts';
import { fillRow } from '../../src-shared/csv-rows.ts';

export { DAILY_CSV_COLUMNS, FILLS_CSV_COLUMNS, dailyCsvRows, fillRow, usdToDecimalString } from '../../src-shared/csv-rows.ts';

/** Every fill matching the query, page after page; the first page is fetched by the caller (so its errors come first). */
export async function* fillCsvRows(api: Pick<ApiMethods, 'listFills'>, query: FillsQuery, first: FillsPage): AsyncGenerator<string[]> {
  let page = first;
  for (;;) {
    for (const fill of page.fills) yield fillRow(fill);
    if (!page.nextCursor) return;
    page = await api.listFills({ ...query, limit: FILLS_PAGE_MAX, cursor: page.nextCursor });
  }
}
