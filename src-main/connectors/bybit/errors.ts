/** How Bybit says no, as a table (kit/error-table.ts). Codes and meanings: https://bybit-exchange.github.io/docs/v5/error */
import { CREDENTIALS_REFUSED, DOWN_FOR_NOW, malformed, OTHER_CODE, REQUEST_REJECTED, WAIT_FOR_RESET, type ErrorTable, type ExchangeWords } from '../kit/error-table.ts';
import { EnvelopeSchema, FEE_RATE_PATH } from './schemas.ts';

/** https://bybit-exchange.github.io/docs/v5/rate-limit, "HTTP IP limit": beyond it a 403 and a wait of at least 10 minutes. */
const IP_BAN_WAIT_MINUTES = 10;

interface BybitWords extends ExchangeWords {
  code: number;
  /** Bybit's server time (ms) when the envelope carries it. */
  time?: number;
}

/** Our clock's offset from Bybit's, from retMsg "req_timestamp[…],server_timestamp[…]" or else the envelope's `time`. */
function clockSkewMessage(words: BybitWords): string {
  const req = /req_timestamp\[(\d+)\]/.exec(words.message);
  const server = /server_timestamp\[(\d+)\]/.exec(words.message);
  const offsetMs = req && server ? Number(req[1]) - Number(server[1]) : words.time === undefined ? 0 : Date.now() - words.time;
  const offset = Math.round(offsetMs / 1000);
  const message = `Bybit rejected the request time: your computer's clock is ${Math.abs(offset)} s off; sync your clock and retry.`;
  if (offset === 0) return message;
  return `${message} It runs (${offset > 0 ? 'ahead of' : 'behind'} Bybit); turn on automatic time (NTP) in your system settings.`;
}

export const BYBIT_ANSWERS: ErrorTable<BybitWords> = {
  label: 'Bybit',
  readWords(body) {
    const envelope = EnvelopeSchema.safeParse(body);
    if (!envelope.success || envelope.data.retCode === 0) return null;
    const { retCode, retMsg: message, time } = envelope.data;
    return { code: retCode, message, ...(time !== undefined ? { time } : {}) };
  },
  // Only a 200 carries data; a retCode 0 with another status is explained by the status.
  success: (status) => status === 200,
  unwrap(body, answer) {
    const envelope = EnvelopeSchema.safeParse(body);
    if (!envelope.success) throw malformed('Bybit', answer.where, 'JSON that is not a Bybit reply (no retCode/retMsg envelope)');
    return envelope.data.result;
  },
  resetWaitMs(response) {
    // https://bybit-exchange.github.io/docs/v5/rate-limit: X-Bapi-Limit-Reset-Timestamp (ms) says when a spent limit frees up.
    const header = response.headers['x-bapi-limit-reset-timestamp'];
    return header === undefined || !/^\d+$/.test(header.trim()) ? undefined : Math.max(0, Number(header) - Date.now());
  },
  rows: [
    {
      codes: [10006, 10018],
      // An HTTP 403 is the 10-minute IP ban whatever the body says: retrying now only extends it.
      onlyIf: (said) => said.status !== 403,
      ...WAIT_FOR_RESET,
      code: 'rate_limited',
      means: '10006 "Too many visits. Exceeded the API Rate Limit", 10018 "Exceeded the IP Rate Limit": waited out until the reset time',
      message: ({ words }) => `Bybit answered "too many requests" (retCode ${words?.code}). Perpvol will continue at the next sync.`,
    },
    {
      codes: [10002],
      ...CREDENTIALS_REFUSED,
      code: 'clock_skew',
      means: '10002 "The request time exceeds the time window range.": our clock is off',
      message: ({ words }) => clockSkewMessage(words!),
    },
    {
      codes: [10003, 10007],
      bareStatus: [401],
      ...CREDENTIALS_REFUSED,
      code: 'invalid_api_key',
      means: '10003 "API key is invalid. Check whether the key and domain are matched", 10007 "User authentication failed.", or a bare HTTP 401',
      message: ({ words }) =>
        words
          ? 'Bybit does not recognise this API key. Check that you copied the whole key, that it was not deleted, and that it ' +
            'belongs to the same Bybit site as this account (mainnet, testnet and demo keys are separate).'
          : 'Bybit refused the credentials (HTTP 401). Check the API key and secret, and that the key belongs to this Bybit site.',
    },
    {
      codes: [33004, -2015],
      ...CREDENTIALS_REFUSED,
      code: 'api_key_expired',
      means: '33004 "(Derivatives) Your api key has expired", -2015 "(Spot) Your api key has expired"',
      message: () =>
        'This Bybit API key has expired (Bybit lets keys without an IP whitelist expire). Create a new read-only key and update the account.',
    },
    {
      codes: [10004],
      ...CREDENTIALS_REFUSED,
      code: 'invalid_signature',
      means: '10004 "Error sign, please check your signature generation algorithm.": the secret does not belong to the key',
      message: () =>
        'Bybit rejected the request signature: the API secret does not belong to this API key. Paste the secret again ' +
        '(Bybit shows it only once, when the key is created; if it is lost, create a new key).',
    },
    {
      codes: [10005],
      ...CREDENTIALS_REFUSED,
      code: 'permission_denied',
      means: '10005 "Permission denied, please check your API key permissions"',
      message: ({ where }) =>
        where.endsWith(FEE_RATE_PATH)
          ? 'Bybit would not tell this API key its fee rate (permission denied). Perpvol shows your tier from its tier table instead; ' +
            'a read-only key with Contract and Wallet read access lets Bybit report your own level and rates.'
          : 'This Bybit API key may not read trade history. On Bybit, edit the key and enable read-only access to ' +
            'Contract (Orders and Positions), then sync again.',
    },
    {
      codes: [10010],
      ...CREDENTIALS_REFUSED,
      code: 'ip_not_whitelisted',
      means: "10010 \"Unmatched IP, please check your API key's bound IP addresses\"",
      message: () =>
        "This Bybit API key only works from the IP addresses bound to it, and this computer's public IP is not one of them. " +
        "Add this machine's IP to the key on Bybit, or use a key bound to the IP Perpvol runs from.",
    },
    {
      codes: [10009],
      kind: 'rate_limited',
      code: 'ip_banned',
      retryable: false,
      means: '10009 "IP has been banned"',
      message: () =>
        `Bybit has banned this IP address. Wait at least ${IP_BAN_WAIT_MINUTES} minutes before syncing again; if it persists, contact Bybit support.`,
    },
    {
      codes: [10008, 10024],
      ...CREDENTIALS_REFUSED,
      code: 'account_restricted',
      means: '10008 "Common banned, please check your account mode", 10024 "Compliance rules triggered": the account is restricted',
      message: ({ words }) => `Bybit refused to serve this account (${words!.message}). Log in to Bybit to see why the account is restricted.`,
    },
    {
      codes: [10000, 10016],
      bareStatus: 'server_error',
      ...DOWN_FOR_NOW,
      code: 'exchange_maintenance',
      means: '10000 "Server Timeout", 10016 "Server error." (also while a service restarts), or a bare 5xx',
      message: ({ words, status }) =>
        `Bybit is unavailable or under maintenance (${words ? `retCode ${words.code}` : `HTTP ${status}`}). Check https://announcements.bybit.com for maintenance ` +
        'windows; Perpvol will try again at the next sync.',
    },
    {
      codes: [10001],
      ...REQUEST_REJECTED,
      code: 'exchange_rejected_request',
      means: '10001 "Request parameter error": Bybit changed its API, or a Perpvol bug',
      message: ({ words }) =>
        `Bybit rejected Perpvol's request as invalid ("${words!.message}"). Bybit may have changed its API, or this is a Perpvol bug; please report it.`,
    },
    {
      ...OTHER_CODE,
      code: 'exchange_error',
      means: 'any other retCode',
      message: ({ words }) => `Bybit answered with error ${words!.code} ("${words!.message}"). Perpvol will try again at the next sync.`,
    },
    {
      bareStatus: [403],
      kind: 'rate_limited',
      code: 'ip_rate_limited',
      retryable: true,
      means: 'a bare HTTP 403: "access too frequent" (the per-IP limit), or a region Bybit blocks',
      message: () =>
        `Bybit refused this IP address (HTTP 403): too many requests from it, or it is in a region Bybit blocks (the US, ` +
        `mainland China). Wait at least ${IP_BAN_WAIT_MINUTES} minutes and sync again.`,
    },
  ],
};
