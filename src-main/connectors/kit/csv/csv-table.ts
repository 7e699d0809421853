/**
 * A CSV export read one record at a time, each row remembering its line in the file so every
 * complaint can name it, and a format's columns found in its header. Exchanges' exports come with a
 * BOM, CRLF line ends, quoted fields and spreadsheet padding; csv-parse deals with all of those.
 */
import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { z } from 'zod';
import { badInput, type PerpvolError } from '../../../core/errors.ts';
import { isDecimalString } from '../../../core/usd.ts';

export interface CsvRow {
  /** 1-based line of the file where the row starts (the header is line 1 when nothing precedes it). */
  line: number;
  cells: string[];
}

const NOTHING_IMPORTED = 'Nothing from this file was imported';

const CSV_OPTIONS: Options = { bom: true, info: true, skip_empty_lines: true, trim: true, relax_quotes: false };
/** Characters handed to the parser at a time: the text is read in slices, never split into lines at once. */
const SLICE_CHARS = 1 << 18;

function* slices(text: string | Uint8Array): Generator<string | Buffer> {
  for (let at = 0; at < text.length; at += SLICE_CHARS) {
    yield typeof text === 'string' ? text.slice(at, at + SLICE_CHARS) : Buffer.from(text.buffer, text.byteOffset + at, Math.min(SLICE_CHARS, text.length - at));
  }
}

/** The file one record at a time, header first: a 50 MB export is never held as a table of 700,000 rows. Bytes are read as UTF-8, in place. */
export async function* csvRows(text: string | Uint8Array): AsyncGenerator<CsvRow> {
  const parser = Readable.from(slices(text)).pipe(parse(CSV_OPTIONS));
  let any = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      any = true;
      // info.lines is where the record ends: a quoted field spanning lines moves it on
      yield { line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0), cells: record };
    }
  } catch (error) {
    const { lines, message } = error as { lines?: number; message?: string };
    throw badInput('import_invalid_csv', `The file cannot be read: line ${lines ?? '?'} is not valid CSV (${message ?? 'unreadable'}). ${NOTHING_IMPORTED}.`);
  } finally {
    parser.destroy();
  }
  if (!any) throw badInput('import_empty_file', 'The file is empty: export your trade history from the exchange as CSV and import that file.');
}

/** A header as a lookup key: case, spaces and punctuation ignored ("Filled Qty" = "filled_qty" = "filledqty"). */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Index of the first header whose key is one of `keys`, or -1. */
export function findColumn(headers: readonly string[], keys: readonly string[]): number {
  const normalized = headers.map(headerKey);
  return keys.map((key) => normalized.indexOf(key)).find((index) => index >= 0) ?? -1;
}

/** Each field of a format: the header keys it goes by, in order of preference, or a pattern its header's key matches. */
export type ColumnKeys<F extends string> = Record<F, readonly string[] | RegExp>;

/** A format's columns in one file's header; `cells` gives a row's cells by field ('' for an absent optional column). */
export interface Columns<F extends string> {
  at: Record<F, number>;
  cells(row: CsvRow): Record<F, string>;
  /** `raw` checked by `schema`; the first problem names the line and the column as the file spells it. */
  check<T>(schema: z.ZodType<T>, raw: Partial<Record<F, string>>, line: number): T;
  invalid(line: number, field: F, problem: string): PerpvolError;
}

/** Finds the fields' columns; the required ones that are missing are named (`called`: a name other than the field's). */
export function findColumns<F extends string>(
  headers: readonly string[],
  format: string,
  keys: ColumnKeys<F>,
  options: { optional?: readonly NoInfer<F>[]; called?: Partial<Record<NoInfer<F>, string>> } = {},
): Columns<F> {
  const locate = (wanted: readonly string[] | RegExp) => (wanted instanceof RegExp ? headers.findIndex((header) => wanted.test(headerKey(header))) : findColumn(headers, wanted));
  const fields = Object.keys(keys) as F[];
  const at = Object.fromEntries(fields.map((field) => [field, locate(keys[field])])) as Record<F, number>;
  const missing = fields.filter((field) => at[field] < 0 && !options.optional?.includes(field)).map((field) => options.called?.[field] ?? field);
  if (missing.length > 0) {
    const many = missing.length > 1;
    throw badInput(
      'import_missing_columns',
      `This does not look like ${format}: the column${many ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} ${many ? 'are' : 'is'} missing. ${NOTHING_IMPORTED}.`,
    );
  }
  const invalid = (line: number, field: F, problem: string) =>
    badInput('import_invalid_row', `Line ${line}, column "${headers[at[field]] ?? field}": ${problem}. ${NOTHING_IMPORTED}; correct or remove that row and import the file again.`);
  return {
    at,
    invalid,
    cells: ({ cells }) => Object.fromEntries(fields.map((field) => [field, at[field] >= 0 ? (cells[at[field]] ?? '') : ''])) as Record<F, string>,
    check(schema, raw, line) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0]) as F;
      throw invalid(line, field, `${issue?.message ?? 'invalid'} (found ${JSON.stringify(raw[field])})`);
    },
  };
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A decimal number; "3,100.5" (a spreadsheet's thousands separators) is read as "3100.5". */
export const decimalCell = z
  .string()
  .trim()
  .transform((text) => (THOUSANDS.test(text) ? text.replace(/,/g, '') : text))
  .refine(isDecimalString, 'expected a decimal number');
