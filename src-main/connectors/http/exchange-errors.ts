/**
 * The HTTP errors every exchange shares, in one wording: the exchange cannot be reached, did not
 * answer in time, or kept answering "too many requests". Each names the exchange and the request
 * (`GET /v5/execution/list`) so the user — or a bug report — can tell at once where it went wrong.
 */
import { PerpvolError } from '../../core/errors.ts';

const seconds = (ms: number): string => `${Math.max(1, Math.round(ms / 1000))} s`;
const unavailable = (code: string, message: string): PerpvolError => new PerpvolError('exchange_unavailable', code, message, true);
const rateLimited = (message: string): PerpvolError => new PerpvolError('rate_limited', 'rate_limited', message, true);

/** Nothing listens there, or the name does not resolve: retrying within the same call cannot help. */
export const exchangeUnreachable = (label: string, origin: string, detail: string): PerpvolError =>
  unavailable('exchange_unreachable', `${label} could not be reached at ${origin} (${detail}). Check your internet connection and, if this account has ` +
    'a base URL, that it is right; Perpvol will try again at the next sync.');

/** Connections kept breaking mid-request (resets) through every retry. */
export const connectionKeptFailing = (label: string, where: string, attempts: number, detail: string): PerpvolError =>
  unavailable('exchange_unreachable', `${label} kept dropping the connection for ${where} (${attempts} attempts; last: ${detail}). Check your internet ` +
    'connection or the exchange status page; Perpvol will try again at the next sync.');

export function exchangeTimeout(label: string, where: string, waitedMs: number | null): PerpvolError {
  const within = waitedMs === null ? 'in the time allowed' : `within ${seconds(waitedMs)}`;
  const message = `${label} did not answer ${where} ${within}. The exchange or your connection may be slow or down; try again in a moment (a sync continues where it stopped).`;
  return new PerpvolError('exchange_timeout', 'exchange_timeout', message, true);
}

/** The exchange kept saying "too many requests" although every wait it asked for was kept. */
export const rateLimitedTooLong = (label: string, where: string, answers: number, waitedMs: number): PerpvolError =>
  rateLimited(`${label} answered "too many requests" to ${where} ${answers} times in a row although Perpvol kept to the ` +
    `documented limit and waited for the limit to reset each time (${seconds(waitedMs)} in all): another program is ` +
    'spending the same budget (the same API key or account, or for Hyperliquid the same IP address). Stop it or wait; ' +
    'the sync stopped here and continues from this point at the next sync.');

/** An interactive call that would have to wait for a rate limit longer than it may. */
export const rateLimitedForNow = (label: string, waitMs: number): PerpvolError =>
  rateLimited(`${label} answered "too many requests": its limit resets in about ${seconds(waitMs)}. Another program may be using ` +
    'the same budget (API key, account or IP address); try again after that.');

/** Our own pacing would hold this call longer than it may wait. */
export const pacingTooLong = (label: string, where: string): PerpvolError =>
  rateLimited(`Perpvol keeps to ${label}'s documented rate limit, and the next free slot for ${where} comes later than this request ` +
    'may wait (a sync of the same account or IP is using the budget). Try again in a minute.');

/**
 * What a failed request (no HTTP answer at all) means for the next step:
 * - `timeout`: the exchange accepted the request but said nothing in time (a hung socket) → 504;
 * - `unreachable`: nothing answers at that address (refused, unknown host, no route, a TLS
 *   certificate that is not the exchange's) → 502 at once: retrying within the call cannot help;
 * - `dropped`: the connection broke mid-request (reset, closed early) → worth another try.
 */
export type NetworkFailure = { kind: 'timeout' | 'unreachable' | 'dropped'; code: string | undefined; detail: string };

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const UNREACHABLE_CODES = new Set([
  ...['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL'],
  'EPROTO', // TLS spoken to a plain-HTTP port, or the reverse
  ...['ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN'],
  ...['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'],
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects fail with an AggregateError of one error per address tried.
  if (Array.isArray(errors) && errors.length > 0) return codeOf(errors[0]);
  return cause === undefined ? undefined : codeOf(cause);
}

export function readNetworkFailure(error: unknown): NetworkFailure {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const detail = code && !message.includes(code) ? `${code}: ${message}` : message || code || 'unknown network error';
  if (code && TIMEOUT_CODES.has(code)) return { kind: 'timeout', code, detail };
  if (code && UNREACHABLE_CODES.has(code)) return { kind: 'unreachable', code, detail };
  return { kind: 'dropped', code, detail };
}
