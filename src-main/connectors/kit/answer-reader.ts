/**
 * The one way every exchange adapter reads an answer (docs/adding-an-exchange.md, "Answers"). What
 * is still unreadable after the retries is `malformed_response`, retryable: exchanges serve such
 * answers for minutes while they deploy, and a lasting API change keeps failing with words that say so.
 */
import type { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import type { ExchangeAnswer } from '../http/exchange-http-client.ts';
import { errorFor, isCutOffJson, type ErrorTable, type ExchangeWords } from './error-table.ts';

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

/** How an exchange's answers are read: its error table, and where a success keeps what was asked for. */
export interface AnswerFormat<W extends ExchangeWords = ExchangeWords> extends ErrorTable<W> {
  /** Default any 2xx. */
  success?: (status: number) => boolean;
  /** What was asked for inside a success body (Bybit's `result`); throws `malformed` when it is not there. */
  unwrap?: (body: unknown, answer: ExchangeAnswer) => unknown;
}

/**
 * The body of a successful answer (unwrapped where the exchange wraps it), or the error that says
 * what came instead: cut off through every retry (malformed), an error envelope or a failure
 * status (the exchange's error table), or no JSON at all (`unexpected_answer`). `subject` is what
 * the error messages name (an account, a request type).
 */
export function readAnswer<W extends ExchangeWords>(format: AnswerFormat<W>, answer: ExchangeAnswer, subject = ''): unknown {
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
