/**
 * How an exchange's answers are read and how it says no, as data: one table per exchange, from which the
 * kit derives the HTTP client's retry verdict, the body of a success and the final PerpvolError
 * (docs/adding-an-exchange.md, "Answers" and "Errors"). What is still unreadable after the retries is
 * `malformed_response`, retryable: exchanges serve such answers for minutes while they deploy, and a
 * lasting API change keeps failing with words that say so.
 */
import type { z } from 'zod';
import { PerpvolError, type ErrorKind } from '../../core/errors.ts';
import type { ExchangeAnswer, ExchangeResponse, RetryVerdict } from '../http/exchange-http-client.ts';

/** The exchange's own error code and message, as its error envelope carries them. */
export interface ExchangeWords {
  code: string | number;
  message: string;
}

/** What a row's message may use. */
export interface Said<W extends ExchangeWords = ExchangeWords> {
  /** Null when the answer carries no envelope (a bare status, a gateway's own page). */
  words: W | null;
  status: number;
  where: string;
  /** The first 200 characters of the body, trimmed: where a plain-text error says what it means. */
  excerpt: string;
  subject: string;
}

/** HTTP statuses a row answers: a list, or any 5xx. */
export type StatusMatch = readonly number[] | 'server_error';

/** One way the exchange says no; rows are checked in order, and what each field matches and means is in docs/adding-an-exchange.md, "Errors". */
export interface ErrorRow<W extends ExchangeWords = ExchangeWords> {
  codes?: readonly (string | number)[];
  anyCode?: true;
  status?: StatusMatch;
  bareStatus?: StatusMatch;
  /** A method, so that a table of an exchange's own words is still an `ErrorTable` the HTTP client takes. */
  onlyIf?(said: Said<W>): boolean;
  kind: ErrorKind;
  /** Stable snake_case: scripts and tests match it. Never rename one. */
  code: string;
  retryable: boolean;
  retry?: 'again' | 'rate_limit';
  means: string;
  message(said: Said<W>): string;
}

/** The verdicts of the kinds of "no" every exchange has: a row spreads one and declares only its codes and words. */
type Verdict = Pick<ErrorRow, 'anyCode' | 'kind' | 'retryable' | 'retry'>;
/** The key, its secret or rights, the account or the clock: nothing works until the user acts. */
export const CREDENTIALS_REFUSED = { kind: 'credentials_rejected', retryable: false } as const satisfies Verdict;
export const WAIT_FOR_RESET = { kind: 'rate_limited', retryable: true, retry: 'rate_limit' } as const satisfies Verdict;
export const DOWN_FOR_NOW = { kind: 'exchange_unavailable', retryable: true, retry: 'again' } as const satisfies Verdict;
/** Our request, but the exchange's answer: a 502 (docs/api.md, "Statuses": never a 500 for anything an exchange does). */
export const REQUEST_REJECTED = { kind: 'exchange_unavailable', retryable: false } as const satisfies Verdict;
export const OTHER_CODE = { anyCode: true, kind: 'exchange_unavailable', retryable: true } as const satisfies Verdict;

export interface ErrorTable<W extends ExchangeWords = ExchangeWords> {
  label: string;
  rows: readonly ErrorRow<W>[];
  readWords(body: unknown, status: number): W | null;
  /** Rewrites the text before it is parsed (WOO X quotes ids beyond 2^53). */
  prepare?: (text: string) => string;
  resetWaitMs?: (response: ExchangeResponse) => number | undefined;
  /** Whether a status is a success; default any 2xx. */
  success?: (status: number) => boolean;
  /** What was asked for inside a success body (Bybit's `result`); throws `malformed` when it is not there. */
  unwrap?: (body: unknown, answer: ExchangeAnswer) => unknown;
}

/** Valid JSON that is not what the route documents, or a body cut off through every retry: worth a later try. */
export function malformed(label: string, where: string, detail: string): PerpvolError {
  const message = `${label} answered ${where} with ${detail}. Nothing was stored from it; if this keeps happening, the exchange may have changed its API — update Perpvol or report it.`;
  return new PerpvolError('exchange_unavailable', 'malformed_response', message, true);
}

/** `value` checked against `schema`, or `malformed_response` naming the first problem and where it sits. */
export function parseOrMalformed<S extends z.ZodType>(label: string, schema: S, value: unknown, what: string, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.output<S>;
  const issue = parsed.error.issues[0];
  const at = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw malformed(label, where, `${what} Perpvol cannot read (${issue?.message ?? 'unexpected shape'}${at})`);
}

/**
 * The body of a successful answer (unwrapped where the exchange wraps it), or the error that says
 * what came instead: cut off through every retry (malformed), an error envelope or a failure
 * status (the exchange's error table), or no JSON at all (`unexpected_answer`). `subject` is what
 * the error messages name (an account, a request type).
 */
export function readAnswer<W extends ExchangeWords>(format: ErrorTable<W>, answer: ExchangeAnswer, subject = ''): unknown {
  const is2xx = answer.status >= 200 && answer.status < 300;
  let body: unknown;
  try {
    body = JSON.parse(format.prepare ? format.prepare(answer.text) : answer.text);
  } catch {
    if (!is2xx || !isCutOffJson(answer.text)) throw errorFor(format, answer, subject);
    throw malformed(format.label, answer.where, `an answer cut off mid-body (${answer.text.length} bytes, every retry)`);
  }
  const success = format.success ? format.success(answer.status) : is2xx;
  if (!success || format.readWords(body, answer.status) !== null) throw errorFor(format, answer, subject);
  return format.unwrap ? format.unwrap(body, answer) : body;
}

/** The envelope of a raw answer, or null when it is not JSON or carries none. */
export function wordsIn<W extends ExchangeWords>(table: ErrorTable<W>, response: ExchangeResponse): W | null {
  try {
    return table.readWords(JSON.parse(table.prepare ? table.prepare(response.text) : response.text), response.status);
  } catch {
    return null;
  }
}

function saidIn<W extends ExchangeWords>(table: ErrorTable<W>, response: ExchangeResponse, where: string, subject: string): Said<W> {
  return { words: wordsIn(table, response), status: response.status, where, excerpt: response.text.slice(0, 200).trim(), subject };
}

const statusMatches = (match: StatusMatch | undefined, status: number): boolean =>
  match === 'server_error' ? status >= 500 : (match?.includes(status) ?? false);

function answers<W extends ExchangeWords>(row: ErrorRow<W>, said: Said<W>): boolean {
  const code = said.words?.code;
  const hit =
    (code !== undefined && (row.anyCode === true || (row.codes?.includes(code) ?? false))) ||
    statusMatches(row.status, said.status) ||
    (code === undefined && statusMatches(row.bareStatus, said.status));
  return hit && (row.onlyIf?.(said) ?? true);
}

const rowFor = <W extends ExchangeWords>(table: ErrorTable<W>, said: Said<W>): ErrorRow<W> | undefined => table.rows.find((row) => answers(row, said));

function errorOf<W extends ExchangeWords>(row: ErrorRow<W>, said: Said<W>): PerpvolError {
  return new PerpvolError(row.kind, row.code, row.message(said), row.retryable);
}

/** The PerpvolError for a final answer that is not a success: its row's, else `unexpected_answer`. */
export function errorFor<W extends ExchangeWords>(table: ErrorTable<W>, answer: ExchangeAnswer, subject = ''): PerpvolError {
  const said = saidIn(table, answer, answer.where, subject);
  const row = rowFor(table, said);
  return row ? errorOf(row, said) : unexpectedAnswer(table.label, answer.where, answer);
}

/** A 404, an HTML page or another answer that is not the exchange's API speaking: fails at once. */
function unexpectedAnswer(label: string, where: string, response: ExchangeResponse): PerpvolError {
  const notFound = response.status === 404 ? ' — that route does not exist there' : '';
  return new PerpvolError('exchange_unavailable', 'unexpected_answer', `${label} answered ${where} with HTTP ${response.status} and ${describeBody(response)} instead of its API's JSON${notFound}. ` +
    'If this account has a base URL, check that it points at the exchange API (not a web page or proxy); otherwise the exchange may be changing its API.', false);
}

/** How an answer's body looks, for messages: never its text beyond a short, plain-text excerpt. */
function describeBody(response: ExchangeResponse): string {
  const text = response.text.trim();
  const type = (response.headers['content-type'] ?? '').toLowerCase();
  if (text === '') return 'an empty body';
  if (type.includes('html') || text.startsWith('<')) return `an HTML page (${response.text.length} bytes)`;
  const excerpt = text.slice(0, 60).replace(/\s+/g, ' ');
  return `"${excerpt}${text.length > 60 ? '…' : ''}" (${response.text.length} bytes)`;
}

/** The error of the row with `code`, in this answer's words (for exchange logic that decides the row itself). */
export function errorWithCode<W extends ExchangeWords>(table: ErrorTable<W>, code: string, answer: ExchangeAnswer, subject = ''): PerpvolError {
  const row = table.rows.find((candidate) => candidate.code === code);
  if (!row) throw new Error(`${table.label}'s error table has no row ${code}`);
  return errorOf(row, saidIn(table, answer, answer.where, subject));
}

/**
 * The HTTP client's retry verdict for a table: whether an answer is worth another try within the
 * request, and when. A 429 waits until the limit resets; then the table's rows that say so (the
 * exchange's own rate-limit and transient codes); then what every exchange shares — 5xx, and JSON
 * cut off mid-body.
 */
export function classifierFor<W extends ExchangeWords>(table: ErrorTable<W>): (response: ExchangeResponse) => RetryVerdict {
  // Reading the envelope costs a parse of the body: only for tables with codes worth a retry.
  const readsCodes = table.rows.some((candidate) => candidate.retry);
  return (response) => {
    const said = response.status !== 429 && readsCodes ? saidIn(table, response, '', '') : null;
    const row = said && rowFor(table, said);
    const { status, text } = response;
    if (status === 429 || row?.retry === 'rate_limit') return { retry: true, rateLimited: true, delayMs: (table.resetWaitMs ?? retryAfterMs)(response) };
    if (row?.retry === 'again' || status >= 500) return { retry: true, delayMs: retryAfterMs(response) };
    if (status >= 200 && status < 300 && isCutOffJson(text)) return { retry: true };
    return { retry: false };
  };
}

/** ms the answer asks us to wait (Retry-After: seconds or an HTTP date); undefined when it does not say. */
function retryAfterMs(response: ExchangeResponse): number | undefined {
  const header = response.headers['retry-after']?.trim();
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return Math.ceil(Number(header) * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * A body that was meant to be JSON but did not arrive whole: empty, or starting like JSON and not
 * parsing. An HTML page or other text is not "cut off" — it is a wrong answer, and fails at once.
 */
export function isCutOffJson(text: string): boolean {
  const start = text.trimStart();
  if (start === '') return true;
  if (!start.startsWith('{') && !start.startsWith('[')) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}
