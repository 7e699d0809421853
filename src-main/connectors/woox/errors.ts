/**
 * How WOO X says no, as a table (kit/error-table.ts): its `{success:false, code, message}` envelope
 * (any status) and the negative codes it documents (https://docs.woox.io/#error-codes, the list
 * CCXT's woo error map uses too; each row's `means` quotes it), and the bare statuses a gateway sends.
 */
import { CREDENTIALS_REFUSED, DOWN_FOR_NOW, OTHER_CODE, REQUEST_REJECTED, WAIT_FOR_RESET, type ErrorTable, type ExchangeWords, type Said } from '../kit/error-table.ts';
import { errorEnvelopeSchema, quoteLargeIntegers } from './schemas.ts';

/** WOO X's own words, quoted (trimmed, at most 200 characters), or nothing when it gave none. */
function quoted(words: ExchangeWords | null): string {
  const text = (words?.message ?? '').trim().slice(0, 200);
  return text ? ` ("${text}")` : '';
}

/** "(-1002) ("…")": the envelope code and WOO X's words. */
const code = ({ words }: Said): string => `(${words?.code})${quoted(words)}`;

export const WOOX_ANSWERS: ErrorTable = {
  label: 'WOO X',
  prepare: quoteLargeIntegers,
  readWords(body) {
    const envelope = errorEnvelopeSchema.safeParse(body);
    return envelope.success ? { code: envelope.data.code, message: envelope.data.message } : null;
  },
  rows: [
    {
      codes: [-1001],
      ...CREDENTIALS_REFUSED,
      code: 'woox_invalid_key_format',
      means: '-1001 "The api key or secret is in wrong format"',
      message: (said) =>
        `WOO X says the API key or secret is in the wrong format ${code(said)}. ` +
        'Copy both again from WOO X → Account → API Management, without spaces, and add the account again.',
    },
    {
      codes: [-1002],
      bareStatus: [401, 403],
      ...CREDENTIALS_REFUSED,
      code: 'woox_key_rejected',
      means: '-1002 "API key or secret is invalid, … insufficient permission or the key is expired/revoked", or a bare 401/403',
      message: (said) =>
        said.words
          ? `WOO X rejected the API key ${code(said)}: the key or secret is wrong, the key expired or was ` +
            "revoked, it lacks the Read permission, or this computer's clock is off. Check the key in WOO X → API " +
            'Management, make sure your clock is set automatically, and add the account again.'
          : `WOO X refused the API key (HTTP ${said.status}). Check the key in WOO X → API Management and add the account again.`,
    },
    {
      codes: [-1003],
      bareStatus: [429],
      ...WAIT_FOR_RESET,
      code: 'woox_rate_limited',
      means: '-1003 "Rate limit exceed.", or a bare 429: waited out',
      message: (said) =>
        said.words
          ? `WOO X throttled this account (${said.words.code}) although Perpvol paces itself: another app may be using the same ` +
            'WOO X account. Perpvol will continue at the next sync.'
          : 'WOO X throttled this account (HTTP 429). Perpvol will continue at the next sync.',
    },
    {
      codes: [-1004, -1005, -1006, -1007],
      ...REQUEST_REJECTED,
      code: 'woox_request_refused',
      means:
        '-1004 "An unknown parameter was sent.", -1005 "Some parameters are in wrong format for api.", ' +
        '-1006 "The data is not found in server.", -1007 "The data is already exists or your request is duplicated."',
      message: (said) => `WOO X refused Perpvol's request ${code(said)}. The WOO X API may have changed; update Perpvol, and report this if it persists.`,
    },
    {
      codes: [-1000, -1011],
      bareStatus: 'server_error',
      ...DOWN_FOR_NOW,
      code: 'woox_unavailable',
      means: '-1000 "An unknown error occurred while processing the request", -1011 "The system is under maintenance.", or a bare 5xx',
      message: (said) =>
        said.words
          ? `WOO X could not answer right now ${code(said)}; it may be under maintenance. Perpvol will try again at the next sync.`
          : `WOO X answered HTTP ${said.status} without an explanation. Perpvol will try again at the next sync.`,
    },
    {
      ...OTHER_CODE,
      code: 'woox_error',
      means: 'any other envelope code',
      message: ({ words, status }) =>
        `WOO X answered with error ${words?.code}${quoted(words)} (HTTP ${status}). Perpvol will try again at the next sync.`,
    },
  ],
};
