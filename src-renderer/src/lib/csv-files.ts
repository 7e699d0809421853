/**
 * The CSV files the desktop app saves (it has no HTTP endpoint to download from): built in the
 * window from the API's answers with the server's own rows (src-shared/csv-rows.ts), so a file
 * saved from the app is byte for byte the one `/api/v1/export/*.csv` and `perpvol export` write.
 */
import { csvText, DAILY_CSV_COLUMNS, dailyCsvRows, FILLS_CSV_COLUMNS, fillRow } from '../../../src-shared/csv-rows.ts';
import type { ApiFill, Daily } from '../../../src-shared/schemas.ts';

export function fillsCsv(fills: readonly ApiFill[]): string {
  return csvText(FILLS_CSV_COLUMNS, fills.map(fillRow));
}

/** One row per day, or per day and series when the view was grouped (as `groupBy` does on the server). */
export function dailyCsv(daily: Daily, grouped: boolean): string {
  return csvText(DAILY_CSV_COLUMNS, dailyCsvRows(daily, grouped));
}

/** The name the server gives the same file. */
export function dailyCsvFileName(range: { from: string; to: string }): string {
  return `perpvol-daily-${range.from}-${range.to}.csv`;
}
