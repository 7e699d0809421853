/**
 * A CSV export read into a header and rows, each row remembering its line in the file so every
 * complaint can name it. Exchanges' exports come with a BOM, CRLF line ends, quoted fields and
 * spreadsheet padding; csv-parse deals with all of those, we only trim cells.
 */
import { Readable } from 'node:stream';
import { parse as parseStream, type Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { badInput } from '../../../core/errors.ts';
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

const CSV_OPTIONS: Options = { bom: true, info: true, skip_empty_lines: true, trim: true, relax_quotes: false };

const notCsv = (error: unknown) => {
  const { lines, message } = error as { lines?: number; message?: string };
  return importRejected(`line ${lines ?? '?'} is not valid CSV (${message ?? 'unreadable'})`);
};

const emptyFile = () => badInput('import_empty_file', 'The file is empty: export your trade history from the exchange as CSV and import that file.');

const toRow = ({ record, info }: CsvRecord): CsvRow => ({ line: info.lines - newlines(record), cells: record });

/** The whole file as a table: for small files and tests (imports read big files with csvRows). */
export function readCsv(text: string): CsvTable {
  let records: CsvRecord[];
  try {
    records = parse(text, CSV_OPTIONS) as unknown as CsvRecord[];
  } catch (error) {
    throw notCsv(error);
  }
  const [header, ...body] = records;
  if (!header) throw emptyFile();
  return { headers: header.record, rows: body.map(toRow) };
}

/** Characters handed to the parser at a time: the text is read in slices, never split into lines at once. */
const SLICE_CHARS = 1 << 18;

function* slices(text: string | Uint8Array): Generator<string | Buffer> {
  for (let at = 0; at < text.length; at += SLICE_CHARS) {
    yield typeof text === 'string' ? text.slice(at, at + SLICE_CHARS) : Buffer.from(text.buffer, text.byteOffset + at, Math.min(SLICE_CHARS, text.length - at));
  }
}

/**
 * The file one record at a time, header first, with the same rules and complaints as readCsv: a
 * 50 MB export is never held as a table of 700,000 rows. Bytes are read as UTF-8, in place.
 */
export async function* csvRows(text: string | Uint8Array): AsyncGenerator<CsvRow> {
  const parser = Readable.from(slices(text)).pipe(parseStream(CSV_OPTIONS));
  let any = false;
  try {
    for await (const record of parser as AsyncIterable<CsvRecord>) {
      any = true;
      yield toRow(record);
    }
  } catch (error) {
    throw notCsv(error);
  } finally {
    parser.destroy();
  }
  if (!any) throw emptyFile();
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
