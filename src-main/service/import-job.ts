/**
 * What an import hands to the thread that runs it: where the database is, which account, and the
 * file — as bytes (CLI, desktop app) or as the REST request's raw JSON body, so that a 50 MB body is
 * parsed in the worker and never on the server's event loop, and the file is never a 50 MB string.
 * Both ends read these types.
 */
import { IMPORT_CSV_MAX_BYTES, type ImportFillsInput, type ImportFillsResult } from '../../src-shared/schemas.ts';
import { badInput, type ErrorKind } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { parseUtcOffset } from '../connectors/kit/csv/csv-time.ts';
import { takeCsvField } from '../import/json-csv-field.ts';
import type { CsvImportJob } from './csv-import.ts';
import { parseInput } from './validate-input.ts';

export interface DatabaseLocation {
  dataDir: string;
  /** postgres://… or null for the SQLite file in dataDir. */
  databaseUrl: string | null;
}

/** The import's fields other than the account and the file. */
export type ImportOptions = Omit<ImportFillsInput, 'id' | 'csv'>;

/**
 * The file as UTF-8 bytes (handed to the worker, not copied) with its options (CLI, desktop app),
 * or `POST /accounts/:id/import`'s body as it arrived: `{"csv", "format"?, "utcOffset"?, "dateOrder"?}`.
 */
export type ImportSource = { kind: 'csv'; csv: Uint8Array; options: ImportOptions } | { kind: 'json-body'; body: Uint8Array };

export interface ImportWorkerData {
  database: DatabaseLocation;
  accountId: string;
  exchange: ExchangeId;
  source: ImportSource;
}

export type ImportWorkerReply =
  | { ok: true; result: ImportFillsResult }
  | { ok: false; error: { kind: ErrorKind; code: string; message: string; retryable: boolean } };

/**
 * The file and options from a JSON body, with the REST API's errors for an empty or malformed one.
 * The file stays bytes: it is unescaped in place inside `body` (json-csv-field.ts).
 */
export function parseImportBody(accountId: string, body: Uint8Array): { csv: Uint8Array; options: ImportOptions } {
  if (body.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    throw badInput('empty_body', 'the body is empty; send a JSON object such as {"csv": "…"}');
  }
  const { csv, rest } = takeCsvField(body);
  if (typeof rest !== 'object' || rest === null || Array.isArray(rest)) {
    throw badInput('invalid_input', 'the body must be a JSON object: {"csv": "<file text>", "format"?, "utcOffset"?, "dateOrder"?}');
  }
  // The contract's checks of every field; the file's own (empty, too large) on its bytes.
  const { id: _id, csv: _placeholder, ...options } = parseInput('importFills', { ...rest, id: accountId, ...(csv ? { csv: 'bytes' } : {}) });
  if (!csv || csv.length === 0) throw badInput('invalid_input', 'csv: the file is empty.');
  if (csv.length > IMPORT_CSV_MAX_BYTES) throw badInput('invalid_input', 'csv: the file is larger than 50 MB; split it and import the parts.');
  return { csv, options };
}

/** The job runCsvImport runs, from either kind of source. */
export function csvImportJob(data: Pick<ImportWorkerData, 'accountId' | 'exchange' | 'source'>): CsvImportJob {
  const { csv, options } = data.source.kind === 'json-body' ? parseImportBody(data.accountId, data.source.body) : data.source;
  return {
    accountId: data.accountId,
    exchange: data.exchange,
    csv,
    format: options.format ?? 'auto',
    offsetMinutes: options.utcOffset === undefined ? null : parseUtcOffset(options.utcOffset),
    ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
  };
}
