/**
 * How Bybit says no, and what we tell the user. Two questions per answer: is another try worth it
 * (and when — Bybit tells us exactly, in X-Bapi-Limit-Reset-Timestamp), and if not, which
 * PerpvolError explains it. retCodes: https://bybit-exchange.github.io/docs/v5/error
 */
import { PerpvolError } from '../../core/errors.ts';
import { classifyTransient } from '../http/answer-reading.ts';
import { unexpectedAnswer } from '../http/exchange-errors.ts';
import type { ExchangeAnswer, ExchangeResponse, RetryVerdict } from '../http/exchange-http-client.ts';
import { HEADER_LIMIT_RESET, IP_BAN_WAIT_MINUTES, RET_CODE } from './constants.ts';
import type { BybitEnvelope } from './schemas.ts';

/** retCode of a JSON answer, or null when the body is not a Bybit envelope. */
export function peekRetCode(text: string): number | null {
  try {
    const body = JSON.parse(text) as { retCode?: unknown };
    return typeof body.retCode === 'number' ? body.retCode : null;
  } catch {
    return null;
  }
}

/** ms to wait until Bybit's limit resets, from its header; undefined when it did not say. */
export function resetDelayMs(response: ExchangeResponse, nowMs = Date.now()): number | undefined {
  const header = response.headers[HEADER_LIMIT_RESET];
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  return Math.max(0, Number(header) - nowMs);
}

/**
 * Retry only what can succeed on a later try: rate limits (waited out until the reset time Bybit
 * gives), 5xx, server timeouts and restarts, and answers cut off mid-body. Auth, permission, IP and
 * parameter errors would fail the same way again; an HTML page or a 404 is not Bybit's API at all.
 */
export function classifyBybitResponse(response: ExchangeResponse): RetryVerdict {
  const { status } = response;
  if (status === 429) {
    // https://bybit-exchange.github.io/docs/v5/error — "System level frequency protection. Please retry".
    return { retry: true, rateLimited: true, delayMs: resetDelayMs(response), reason: 'too many requests (HTTP 429)' };
  }
  // IP limit: a 10-minute ban; retrying now only extends it.
  if (status === 403) return { retry: false };
  const retCode = peekRetCode(response.text);
  if (retCode === RET_CODE.RATE_LIMIT || retCode === RET_CODE.IP_RATE_LIMIT) {
    return { retry: true, rateLimited: true, delayMs: resetDelayMs(response), reason: `too many requests (retCode ${retCode})` };
  }
  if (retCode === RET_CODE.SERVER_TIMEOUT || retCode === RET_CODE.SERVER_ERROR) {
    return { retry: true, reason: `Bybit server error (retCode ${retCode})` };
  }
  return classifyTransient(response);
}

const credentialsRejected = (code: string, message: string): PerpvolError =>
  new PerpvolError('credentials_rejected', code, message);

/** Seconds our clock is off from Bybit's, from retMsg "req_timestamp[…],server_timestamp[…]" or `time`. */
export function clockOffsetSeconds(envelope: BybitEnvelope, nowMs = Date.now()): number {
  const req = /req_timestamp\[(\d+)\]/.exec(envelope.retMsg);
  const server = /server_timestamp\[(\d+)\]/.exec(envelope.retMsg);
  if (req && server) return Math.round((Number(req[1]) - Number(server[1])) / 1000);
  if (typeof envelope.time === 'number') return Math.round((nowMs - envelope.time) / 1000);
  return 0;
}

/** The PerpvolError for a Bybit answer that is not a success (envelope null: the body was not one). */
export function bybitError(response: ExchangeAnswer, envelope: BybitEnvelope | null): PerpvolError {
  if (envelope === null) return httpError(response);
  const { retCode, retMsg } = envelope;
  switch (retCode) {
    case RET_CODE.TIMESTAMP: {
      const offset = clockOffsetSeconds(envelope);
      const direction = offset > 0 ? ' (ahead of Bybit)' : offset < 0 ? ' (behind Bybit)' : '';
      return credentialsRejected(
        'clock_skew',
        `Bybit rejected the request time: your computer's clock is ${Math.abs(offset)} s off; sync your clock and retry.` +
          (direction ? ` It runs${direction}; turn on automatic time (NTP) in your system settings.` : ''),
      );
    }
    case RET_CODE.INVALID_KEY:
    case RET_CODE.AUTH_FAILED:
      return credentialsRejected(
        'invalid_api_key',
        'Bybit does not recognise this API key. Check that you copied the whole key, that it was not deleted, and that it ' +
          'belongs to the same Bybit site as this account (mainnet, testnet and demo keys are separate).',
      );
    case RET_CODE.KEY_EXPIRED:
    case RET_CODE.SPOT_KEY_EXPIRED:
      return credentialsRejected(
        'api_key_expired',
        'This Bybit API key has expired (Bybit lets keys without an IP whitelist expire). Create a new read-only key and update the account.',
      );
    case RET_CODE.SIGNATURE:
      return credentialsRejected(
        'invalid_signature',
        'Bybit rejected the request signature: the API secret does not belong to this API key. Paste the secret again ' +
          '(Bybit shows it only once, when the key is created; if it is lost, create a new key).',
      );
    case RET_CODE.PERMISSION:
      return credentialsRejected(
        'permission_denied',
        'This Bybit API key may not read trade history. On Bybit, edit the key and enable read-only access to ' +
          'Contract (Orders and Positions), then sync again.',
      );
    case RET_CODE.IP_NOT_WHITELISTED:
      return credentialsRejected(
        'ip_not_whitelisted',
        "This Bybit API key only works from the IP addresses bound to it, and this computer's public IP is not one of them. " +
          "Add this machine's IP to the key on Bybit, or use a key bound to the IP Perpvol runs from.",
      );
    case RET_CODE.IP_BANNED:
      return new PerpvolError(
        'rate_limited',
        'ip_banned',
        `Bybit has banned this IP address. Wait at least ${IP_BAN_WAIT_MINUTES} minutes before syncing again; if it persists, contact Bybit support.`,
      );
    case RET_CODE.ACCOUNT_BANNED:
    case RET_CODE.COMPLIANCE:
      return credentialsRejected(
        'account_restricted',
        `Bybit refused to serve this account (${retMsg}). Log in to Bybit to see why the account is restricted.`,
      );
    case RET_CODE.SERVER_TIMEOUT:
    case RET_CODE.SERVER_ERROR:
      return maintenance(`retCode ${retCode}`);
    case RET_CODE.PARAMS:
      // Our request, but Bybit's answer: a 502 (docs/api.md, "Statuses": never a 500 for anything an exchange does).
      return new PerpvolError(
        'exchange_unavailable',
        'exchange_rejected_request',
        `Bybit rejected Perpvol's request as invalid ("${retMsg}"). Bybit may have changed its API, or this is a Perpvol bug; please report it.`,
      );
    default:
      return new PerpvolError(
        'exchange_unavailable',
        'exchange_error',
        `Bybit answered with error ${retCode} ("${retMsg}"). Perpvol will try again at the next sync.`,
        true,
      );
  }
}

function maintenance(detail: string): PerpvolError {
  return new PerpvolError(
    'exchange_unavailable',
    'exchange_maintenance',
    `Bybit is unavailable or under maintenance (${detail}). Check https://announcements.bybit.com for maintenance ` +
      'windows; Perpvol will try again at the next sync.',
    true,
  );
}

function httpError(response: ExchangeAnswer): PerpvolError {
  const { status } = response;
  if (status === 401) {
    return credentialsRejected(
      'invalid_api_key',
      'Bybit refused the credentials (HTTP 401). Check the API key and secret, and that the key belongs to this Bybit site.',
    );
  }
  if (status === 403) {
    // https://bybit-exchange.github.io/docs/v5/rate-limit — HTTP 403 "access too frequent": IP limit, wait ≥ 10 min.
    return new PerpvolError(
      'rate_limited',
      'ip_rate_limited',
      `Bybit refused this IP address (HTTP 403): too many requests from it, or it is in a region Bybit blocks (the US, ` +
        `mainland China). Wait at least ${IP_BAN_WAIT_MINUTES} minutes and sync again.`,
      true,
    );
  }
  if (status >= 500) return maintenance(`HTTP ${status}`);
  return unexpectedAnswer('Bybit', response.where, response);
}
