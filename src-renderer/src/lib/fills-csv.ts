/**
 * Fills as CSV, with the same columns as the server's /export/fills.csv, for the desktop app
 * (which has no HTTP endpoint to link to). RFC 4180 quoting; amounts stay exact strings; text cells
 * a spreadsheet would run as a formula get a leading apostrophe, as in the server's export.
 */
import { numberCell, textCell } from '../../../src-shared/csv-cells.ts';
import type { ApiFill } from '../../../src-shared/schemas.ts';

export const FILL_CSV_COLUMNS = [
  'id', 'accountId', 'exchange', 'tradeId', 'orderId', 'symbol', 'side', 'price', 'qty',
  'notionalUsd', 'fee', 'feeCurrency', 'feeUsd', 'liquidity', 'ts', 'time', 'kind', 'underlying',
] as const;

/** null (e.g. feeUsd of a fee in a token without a USD price) is an empty cell. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Columns that hold numbers: kept as numbers; every other cell is text made spreadsheet-safe (src-shared/csv-cells.ts). */
const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['price', 'qty', 'notionalUsd', 'fee', 'feeUsd', 'ts']);

export function fillsToCsv(fills: ApiFill[]): string {
  const lines = [FILL_CSV_COLUMNS.join(',')];
  for (const fill of fills) {
    const row = { ...fill, time: new Date(fill.ts).toISOString() };
    lines.push(
      FILL_CSV_COLUMNS.map((column) => {
        const value = row[column];
        if (value === null) return '';
        return csvCell(NUMBER_COLUMNS.has(column) ? numberCell(String(value)) : textCell(String(value)));
      }).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
