/**
 * What every CSV parser hands to the import: the file's perp fills, normalized exactly like the
 * exchange's connector would (same symbol, notional and fee rules, and for exports that carry the
 * exchange's execution id, the same trade id), so a fill imported and later fetched is one fill.
 */
import type { ExchangeId } from '../../../core/exchange.ts';
import type { Fill } from '../../../core/fill.ts';
import { formatDecimal, parseDecimal } from '../../../core/decimal.ts';
import type { CsvRow } from './csv-table.ts';

/** A CSV export Perpvol reads, named like its exchange (the descriptors' `csv.format`); `auto` picks by the header. */
export type ImportFormat = string;

export interface ParsedImport {
  format: ImportFormat;
  exchange: ExchangeId;
  /** Perp trade fills of the file, in file order. */
  fills: Fill[];
  /** Rows that are not perp trades (spot, funding, settlement): read and left out. */
  skipped: number;
  /**
   * Whether trade ids come from the file (the exchange's own execution ids) or were derived from
   * row contents because the export has none; derived ids cannot match the API's, so the import
   * must leave fills the API serves to the sync (see hyperliquid-overlap.ts).
   */
  tradeIds: 'exchange' | 'derived';
}

/**
 * What reading one row gives: a perp fill; 'skipped' for a row that is not a perp trade (spot,
 * funding, settlement: counted in the result's `skipped`); null for a row the exchange's own rules
 * leave out without counting it. A row that does not fit its format throws (import-errors.ts).
 */
export type RowResult = Fill | 'skipped' | null;

/** Reads one row of a file whose header has been checked. */
export type RowReader = (row: CsvRow) => RowResult;

/** Every row of a table read into memory (tests, small files; imports stream rows instead). */
export function readRows(rows: Iterable<CsvRow>, read: RowReader): { fills: Fill[]; skipped: number } {
  const fills: Fill[] = [];
  let skipped = 0;
  for (const row of rows) {
    const result = read(row);
    if (result === 'skipped') skipped++;
    else if (result !== null) fills.push(result);
  }
  return { fills, skipped };
}

/** A decimal string in one spelling for comparisons: "68000.0" = "68000", ".5" = "0.5", "+1" = "1". */
export function canonicalDecimal(text: string): string {
  return formatDecimal(parseDecimal(text));
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** "3,100.5" (a spreadsheet's thousands separators) → "3100.5"; anything else unchanged, for the schema to judge. */
export function withoutThousands(text: string | undefined): string {
  const value = (text ?? '').trim();
  return THOUSANDS.test(value) ? value.replace(/,/g, '') : value;
}
