/**
 * The errors every exchange shares, in one wording: the exchange cannot be reached, did not answer
 * in time, answered something that is not an answer (404, an HTML page, the wrong shape), or kept
 * answering "too many requests". Each names the exchange and the request (`GET /v5/execution/list`)
 * so the user — or a bug report — can tell at once where it went wrong.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { ExchangeResponse } from './exchange-http-client.ts';

const seconds = (ms: number): string => `${Math.max(1, Math.round(ms / 1000))} s`;

/** Nothing listens there, or the name does not resolve: retrying within the same call cannot help. */
export function exchangeUnreachable(label: string, origin: string, detail: string): PerpvolError {
  return new PerpvolError(
    'exchange_unavailable',
    'exchange_unreachable',
    `${label} could not be reached at ${origin} (${detail}). Check your internet connection and, if this account has ` +
      'a base URL, that it is right; Perpvol will try again at the next sync.',
    true,
  );
}

/** Connections kept breaking mid-request (resets) through every retry. */
export function connectionKeptFailing(label: string, where: string, attempts: number, detail: string): PerpvolError {
  return new PerpvolError(
    'exchange_unavailable',
    'exchange_unreachable',
    `${label} kept dropping the connection for ${where} (${attempts} attempts; last: ${detail}). Check your internet ` +
      'connection or the exchange status page; Perpvol will try again at the next sync.',
    true,
  );
}

export function exchangeTimeout(label: string, where: string, waitedMs: number | null): PerpvolError {
  const within = waitedMs === null ? 'in the time allowed' : `within ${seconds(waitedMs)}`;
  return new PerpvolError(
    'exchange_timeout',
    'exchange_timeout',
    `${label} did not answer ${where} ${within}. The exchange or your connection may be slow or down; try again ` +
      'in a moment (a sync continues where it stopped).',
    true,
  );
}

/** How an answer's body looks, for messages: never its text beyond a short, plain-text excerpt. */
export function describeBody(response: ExchangeResponse): string {
  const text = response.text.trim();
  const type = (response.headers['content-type'] ?? '').toLowerCase();
  if (text === '') return 'an empty body';
  if (type.includes('html') || text.startsWith('<')) return `an HTML page (${response.text.length} bytes)`;
  const excerpt = text.slice(0, 60).replace(/\s+/g, ' ');
  return `"${excerpt}${text.length > 60 ? '…' : ''}" (${response.text.length} bytes)`;
}

/** A 404, an HTML page or another answer that is not the exchange's API speaking: fails at once. */
export function unexpectedAnswer(label: string, where: string, response: ExchangeResponse): PerpvolError {
  const notFound = response.status === 404 ? ' — that route does not exist there' : '';
  return new PerpvolError(
    'exchange_unavailable',
    'unexpected_answer',
    `${label} answered ${where} with HTTP ${response.status} and ${describeBody(response)} instead of its API's JSON${notFound}. ` +
      'If this account has a base URL, check that it points at the exchange API (not a web page or proxy); ' +
      'otherwise the exchange may be changing its API.',
    false,
  );
}

/** Valid JSON that is not what the route documents, or a body cut off through every retry. */
export function malformedAnswer(label: string, where: string, detail: string, retryable = false): PerpvolError {
  return new PerpvolError(
    'exchange_unavailable',
    'malformed_response',
    `${label} answered ${where} with ${detail}. Nothing was stored from it; if this keeps happening, the exchange may ` +
      'have changed its API — update Perpvol or report it.',
    retryable,
  );
}

/** The exchange kept saying "too many requests" although every wait it asked for was kept. */
export function rateLimitedTooLong(label: string, where: string, answers: number, waitedMs: number): PerpvolError {
  return new PerpvolError(
    'rate_limited',
    'rate_limited',
    `${label} answered "too many requests" to ${where} ${answers} times in a row although Perpvol kept to the ` +
      `documented limit and waited for the limit to reset each time (${seconds(waitedMs)} in all): another program is ` +
      'spending the same budget (the same API key or account, or for Hyperliquid the same IP address). Stop it or wait; ' +
      'the sync stopped here and continues from this point at the next sync.',
    true,
  );
}

/** An interactive call that would have to wait for a rate limit longer than it may. */
export function rateLimitedForNow(label: string, waitMs: number): PerpvolError {
  return new PerpvolError(
    'rate_limited',
    'rate_limited',
    `${label} answered "too many requests": its limit resets in about ${seconds(waitMs)}. Another program may be using ` +
      'the same budget (API key, account or IP address); try again after that.',
    true,
  );
}

/** Our own pacing would hold this call longer than it may wait. */
export function pacingTooLong(label: string, where: string): PerpvolError {
  return new PerpvolError(
    'rate_limited',
    'rate_limited',
    `Perpvol keeps to ${label}'s documented rate limit, and the next free slot for ${where} comes later than this request ` +
      'may wait (a sync of the same account or IP is using the budget). Try again in a minute.',
    true,
  );
}
