/**
 * What an import hands to the thread that runs it: where the database is, which account, and the
 * file — as text (CLI, desktop app) or as the REST request's raw JSON body, so that a 50 MB body is
 * parsed in the worker and never on the server's event loop. Both ends read these types.
 */
import type { ImportFillsInput, ImportFillsResult } from '../../src-shared/schemas.ts';
import { badInput, type ErrorKind } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { parseUtcOffset } from '../import/csv-time.ts';
import type { CsvImportJob } from './csv-import.ts';
import { parseInput } from './validate-input.ts';

export interface DatabaseLocation {
  dataDir: string;
  /** postgres://… or null for the SQLite file in dataDir. */
  databaseUrl: string | null;
}

export type ImportSource =
  | { kind: 'text'; input: Omit<ImportFillsInput, 'id'> }
  /** `POST /accounts/:id/import`'s body as it arrived: `{"csv", "format"?, "utcOffset"?, "dateOrder"?}`. */
  | { kind: 'json-body'; body: Uint8Array };

export interface ImportWorkerData {
  database: DatabaseLocation;
  accountId: string;
  exchange: ExchangeId;
  source: ImportSource;
}

export type ImportWorkerReply =
  | { ok: true; result: ImportFillsResult }
  | { ok: false; error: { kind: ErrorKind; code: string; message: string; retryable: boolean } };

/** The import's input from a JSON body, with the REST API's errors for an empty or malformed one. */
export function parseImportBody(accountId: string, body: Uint8Array): Omit<ImportFillsInput, 'id'> {
  const text = new TextDecoder().decode(body);
  if (text.trim() === '') throw badInput('empty_body', 'the body is empty; send a JSON object such as {"csv": "…"}');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badInput('malformed_json', 'the body is not valid JSON; send a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput('invalid_input', 'the body must be a JSON object: {"csv": "<file text>", "format"?, "utcOffset"?, "dateOrder"?}');
  }
  const { id: _id, ...input } = parseInput('importFills', { ...value, id: accountId });
  return input;
}

/** The job runCsvImport runs, from either kind of source. */
export function csvImportJob(data: Pick<ImportWorkerData, 'accountId' | 'exchange' | 'source'>): CsvImportJob {
  const input = data.source.kind === 'json-body' ? parseImportBody(data.accountId, data.source.body) : data.source.input;
  return {
    accountId: data.accountId,
    exchange: data.exchange,
    csv: input.csv,
    format: input.format ?? 'auto',
    offsetMinutes: input.utcOffset === undefined ? null : parseUtcOffset(input.utcOffset),
    ...(input.dateOrder ? { dateOrder: input.dateOrder } : {}),
  };
}
