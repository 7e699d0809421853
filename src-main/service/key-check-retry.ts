/**
 * Adding an account (or replacing its key) asks the exchange about the key once, while the user
 * waits. A "too many requests" or a server error then is usually gone a moment later: such answers
 * are tried again for about ten seconds (p-retry) before the user is told. What the user is told is
 * one sentence that is true about an add — nothing was added, nothing will be retried by itself —
 * with the system's own words (getaddrinfo ENOTFOUND, HTTP 503) kept apart on a "Details:" line.
 */
import pRetry from 'p-retry';
import { PerpvolError } from '../core/errors.ts';

/** How long transient answers are retried before the user is told (about ten seconds). */
export const KEY_CHECK_RETRY_MS = 10_000;

/** A line of the message that holds the system's own words, for a "details" fold. */
export const DETAILS_PREFIX = 'Details: ';

/** Codes of exchange trouble that seconds will not fix: a name that does not resolve, answers that are not the API's. */
const LASTING = new Set(['exchange_unreachable', 'malformed_response', 'unexpected_answer']);

/**
 * 429 and 5xx answers (maintenance, server errors, dropped connections) can pass in seconds; a name
 * that does not resolve, an answer that is not the exchange's API, a refusal or a bad key cannot.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof PerpvolError) || !error.retryable) return false;
  if (error.kind === 'rate_limited') return true;
  return error.kind === 'exchange_unavailable' && !LASTING.has(error.code);
}

/** Runs the key check, retrying transient answers with backoff for about KEY_CHECK_RETRY_MS. */
export function withKeyCheckRetry<T>(check: () => Promise<T>, options: { retryMs?: number; signal?: AbortSignal } = {}): Promise<T> {
  return pRetry(check, {
    retries: 6,
    minTimeout: 500,
    factor: 2,
    maxTimeout: 4_000,
    maxRetryTime: options.retryMs ?? KEY_CHECK_RETRY_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    shouldRetry: ({ error }) => isTransient(error),
  });
}

/** The system's own words inside a message: "(getaddrinfo ENOTFOUND host)", "HTTP 503", "error 10006". */
function systemDetail(message: string): string | null {
  const parenthesised = /\(([^()]*(?:E[A-Z]{3,}|getaddrinfo|HTTP \d{3}|socket|TLS|certificate)[^()]*)\)/.exec(message);
  if (parenthesised) return parenthesised[1]!;
  const http = /HTTP \d{3}/.exec(message);
  return http ? http[0] : null;
}

/**
 * The error an add (or a key replacement) ends with when the exchange could not answer about the
 * key: one sentence for the user that says nothing was done and what to do, then the details.
 */
export function keyCheckFailure(error: unknown, exchangeLabel: string, action: 'added' | 'replaced', baseUrl: string | null): unknown {
  if (!(error instanceof PerpvolError)) return error;
  if (error.kind !== 'exchange_unavailable' && error.kind !== 'exchange_timeout' && error.kind !== 'rate_limited') return error;
  // Answers that are not the exchange's API (404, an HTML page) keep their own, specific advice.
  if (error.code === 'unexpected_answer' || error.code === 'malformed_response') return error;
  const nothingDone = action === 'added' ? 'so the account was not added' : 'so the key was not replaced';
  const where = baseUrl ? ` at ${baseUrl}` : '';
  const sentence =
    error.code === 'exchange_unreachable'
      ? `${exchangeLabel} could not be reached${where}, ${nothingDone}. Check your internet connection${baseUrl ? ' and the API address' : ''}, then try again.`
      : error.kind === 'rate_limited'
        ? `${exchangeLabel} kept answering "too many requests" while Perpvol checked the key, ${nothingDone}. Another program may be using the same key, account or IP address; try again in a minute.`
        : error.kind === 'exchange_timeout'
          ? `${exchangeLabel} did not answer in time while Perpvol checked the key, ${nothingDone}. Try again in a moment.`
          : `${exchangeLabel} kept failing while Perpvol checked the key, ${nothingDone}. The exchange may be having trouble; try again in a few minutes.`;
  const detail = systemDetail(error.message);
  const message = detail ? `${sentence}\n${DETAILS_PREFIX}${detail}` : sentence;
  return new PerpvolError(error.kind, error.code, message, error.retryable, { cause: error });
}
