/**
 * WOO X error answers as PerpvolErrors: a stable code scripts can match and a message saying what
 * the user can do. Codes are WOO X's negative envelope codes (see constants.ts WOOX_ERROR).
 */
import { PerpvolError } from '../../core/errors.ts';
import { WOOX_ERROR } from './constants.ts';
import type { ErrorEnvelope } from './schemas.ts';

function quoted(message: string): string {
  const text = message.trim().slice(0, 200);
  return text ? ` ("${text}")` : '';
}

export function wooxError(envelope: ErrorEnvelope | null, status: number): PerpvolError {
  if (!envelope) return httpOnlyError(status);
  const { code, message } = envelope;
  switch (code) {
    case WOOX_ERROR.INVALID_SIGNATURE:
      return new PerpvolError(
        'credentials_rejected',
        'woox_invalid_key_format',
        `WOO X says the API key or secret is in the wrong format (${code})${quoted(message)}. ` +
          'Copy both again from WOO X → Account → API Management, without spaces, and add the account again.',
      );
    case WOOX_ERROR.UNAUTHORIZED:
      return new PerpvolError(
        'credentials_rejected',
        'woox_key_rejected',
        `WOO X rejected the API key (${code})${quoted(message)}: the key or secret is wrong, the key expired or was ` +
          "revoked, it lacks the Read permission, or this computer's clock is off. Check the key in WOO X → API " +
          'Management, make sure your clock is set automatically, and add the account again.',
      );
    case WOOX_ERROR.TOO_MANY_REQUESTS:
      return new PerpvolError(
        'rate_limited',
        'woox_rate_limited',
        `WOO X throttled this account (${code}) although Perpvol paces itself: another app may be using the same ` +
          'WOO X account. Perpvol will continue at the next sync.',
        true,
      );
    case WOOX_ERROR.UNKNOWN_PARAM:
    case WOOX_ERROR.INVALID_PARAM:
    case WOOX_ERROR.RESOURCE_NOT_FOUND:
    case WOOX_ERROR.DUPLICATE_REQUEST:
      // Our request, but WOO X's answer: a 502 (docs/api.md, "Statuses": never a 500 for anything an exchange does).
      return new PerpvolError(
        'exchange_unavailable',
        'woox_request_refused',
        `WOO X refused Perpvol's request (${code})${quoted(message)}. The WOO X API may have changed; ` +
          'update Perpvol, and report this if it persists.',
      );
    case WOOX_ERROR.UNKNOWN:
    case WOOX_ERROR.INTERNAL_ERROR:
      return new PerpvolError(
        'exchange_unavailable',
        'woox_unavailable',
        `WOO X could not answer right now (${code})${quoted(message)}; it may be under maintenance. ` +
          'Perpvol will try again at the next sync.',
        true,
      );
    default:
      return new PerpvolError(
        'exchange_unavailable',
        'woox_error',
        `WOO X answered with error ${code}${quoted(message)} (HTTP ${status}). Perpvol will try again at the next sync.`,
        true,
      );
  }
}

function httpOnlyError(status: number): PerpvolError {
  if (status === 401 || status === 403) {
    return new PerpvolError(
      'credentials_rejected',
      'woox_key_rejected',
      `WOO X refused the API key (HTTP ${status}). Check the key in WOO X → API Management and add the account again.`,
    );
  }
  if (status === 429) {
    return new PerpvolError('rate_limited', 'woox_rate_limited', 'WOO X throttled this account (HTTP 429). Perpvol will continue at the next sync.', true);
  }
  return new PerpvolError(
    'exchange_unavailable',
    'woox_unavailable',
    `WOO X answered HTTP ${status} without an explanation. Perpvol will try again at the next sync.`,
    true,
  );
}
