/**
 * A CSV export read into a header and rows, each row remembering its line in the file so every
 * complaint can name it. Exchanges' exports come with a BOM, CRLF line ends, quoted fields and
 * spreadsheet padding; csv-parse deals with all of those, we only trim cells.
 */
import { parse } from 'csv-parse/sync';
import { badInput } from '../core/errors.ts';
import { importRejected } from './import-errors.ts';

export interface CsvRow {
  /** 1-based line of the file where the row starts (the header is line 1 when nothing precedes it). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  headers: string[];
  rows: CsvRow[];
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

const newlines = (cells: string[]): number => cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);

export function readCsv(text: string): CsvTable {
  let records: CsvRecord[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true, relax_quotes: false }) as unknown as CsvRecord[];
  } catch (error) {
    const { lines, message } = error as { lines?: number; message?: string };
    throw importRejected(`line ${lines ?? '?'} is not valid CSV (${message ?? 'unreadable'})`);
  }
  const [header, ...body] = records;
  if (!header) throw badInput('import_empty_file', 'The file is empty: export your trade history from the exchange as CSV and import that file.');
  return {
    headers: header.record,
    rows: body.map(({ record, info }) => ({ line: info.lines - newlines(record), cells: record })),
  };
}

/** A header as a lookup key: case, spaces and punctuation ignored ("Filled Qty" = "filled_qty" = "filledqty"). */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Index of the first header whose key is one of `keys`, or -1. */
export function findColumn(headers: readonly string[], keys: readonly string[]): number {
  const normalized = headers.map(headerKey);
  for (const key of keys) {
    const index = normalized.indexOf(key);
    if (index >= 0) return index;
  }
  return -1;
}
