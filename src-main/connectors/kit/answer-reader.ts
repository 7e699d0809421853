/**
 * The one way every exchange adapter reads an answer: JSON or the error that says what came
 * instead, then the route's schema or `malformed_response`. One retry rule for all four exchanges
 * (docs/adding-an-exchange.md, "Answers"):
 * - a body cut off mid-way is retried inside the request (http/answer-reading.ts);
 * - whatever is still unreadable after that — cut off through every retry, or valid JSON in a shape
 *   the schema refuses — fails the request as `malformed_response`, **retryable**: nothing of it is
 *   stored, and the next sync asks again from the saved cursor. Exchanges serve such answers for
 *   minutes while they deploy; a lasting API change keeps failing with words that say so.
 */
import type { z } from 'zod';
import type { PerpvolError } from '../../core/errors.ts';
import { readJsonAnswer } from '../http/answer-reading.ts';
import { malformedAnswer } from '../http/exchange-errors.ts';
import type { ExchangeAnswer } from '../http/exchange-http-client.ts';

/** Whether a malformed answer is worth a later try: the same on every exchange. */
export const MALFORMED_ANSWER_RETRYABLE = true;

/** An answer Perpvol cannot read, in the one wording and with the one retry rule. */
export function malformed(label: string, where: string, detail: string): PerpvolError {
  return malformedAnswer(label, where, detail, MALFORMED_ANSWER_RETRYABLE);
}

/** `value` checked against `schema`, or `malformed_response` naming the first problem and where it sits. */
export function parseOrMalformed<T>(label: string, schema: z.ZodType<T>, value: unknown, what: string, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw malformed(label, where, `${what} Perpvol cannot read (${issue?.message ?? 'unexpected shape'}${at})`);
}

/**
 * The JSON of an answer. `prepare` rewrites the text first where the exchange needs it (WOO X's
 * ids beyond 2^53 are quoted before parsing). A body that does not parse is a cut-off answer
 * (malformed, retryable) or not the exchange's API speaking (unexpected_answer, at once).
 */
export function readJson(answer: ExchangeAnswer, label: string, prepare?: (text: string) => string): unknown {
  try {
    return JSON.parse(prepare ? prepare(answer.text) : answer.text);
  } catch {
    return readJsonAnswer(answer, label);
  }
}

/** Like readJson, but null instead of an error when the body is not JSON (to explain it by status). */
export function tryReadJson(answer: ExchangeAnswer, prepare?: (text: string) => string): { json: unknown } | null {
  try {
    return { json: JSON.parse(prepare ? prepare(answer.text) : answer.text) };
  } catch {
    return null;
  }
}
