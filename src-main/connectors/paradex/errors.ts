/**
 * How Paradex says no, as a table (kit/error-table.ts): `{"error": CODE, "message": …}` on a failure
 * status, codes from the API's ErrorCode enum (https://docs.paradex.trade/api/prod/auth/get-jwt, "Errors").
 * Rows mix codes and statuses, so their order matters: the first that answers decides.
 */
import { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import type { ExchangeResponse } from '../http/exchange-http-client.ts';
import { CREDENTIALS_REFUSED, OTHER_CODE, REQUEST_REJECTED, wordsIn, type ErrorTable, type Said } from '../kit/error-table.ts';

export const PARADEX_LABEL = 'Paradex';

const envelopeSchema = z.looseObject({ error: z.string(), message: z.string().nullish() });

const SIGNATURE_CODES = ['INVALID_STARKNET_SIGNATURE', 'STARKNET_SIGNATURE_VERIFICATION_FAILED', 'PUBLIC_KEY_INVALID'];

/** Answers to a login that mean "not this key on this path", where the other login path may still work. */
const KEY_REFUSAL_CODES = new Set([...SIGNATURE_CODES, 'SUBKEY_NOT_FOUND', 'NOT_FOUND']);

/** What Paradex's own words add, without ever echoing headers (which carry the signature). */
const said = ({ words, status }: Pick<Said, 'words' | 'status'>): string =>
  `(${PARADEX_LABEL} said ${words?.code ?? `HTTP ${status}`}${words?.message ? `: ${words.message}` : ''})`;

export const PARADEX_ANSWERS: ErrorTable = {
  label: PARADEX_LABEL,
  readWords(body, status) {
    if (status < 300) return null;
    const envelope = envelopeSchema.safeParse(body);
    return envelope.success ? { code: envelope.data.error, message: envelope.data.message ?? '' } : null;
  },
  rows: [
    {
      codes: SIGNATURE_CODES,
      ...CREDENTIALS_REFUSED,
      code: 'paradex_invalid_signature',
      means: 'INVALID_STARKNET_SIGNATURE, STARKNET_SIGNATURE_VERIFICATION_FAILED, PUBLIC_KEY_INVALID: the key does not sign for the account',
      message: (s) =>
        `${PARADEX_LABEL} rejected the signature for account ${s.subject}: this private key is neither the account's key ` +
        `nor a registered, unrevoked subkey of it ${said(s)}. Check that the address and the key belong together ` +
        '(Paradex → Settings → Key Management lists the registered subkeys), register this key as a subkey — or, simpler, ' +
        'use a read-only token instead (Settings → Key Management → "Read-only" → "+ Add New Key").',
    },
    {
      codes: ['NOT_ONBOARDED', 'ACCOUNT_NOT_FOUND', 'INVALID_STARKNET_ADDRESS'],
      ...CREDENTIALS_REFUSED,
      code: 'paradex_unknown_account',
      means: 'NOT_ONBOARDED, ACCOUNT_NOT_FOUND, INVALID_STARKNET_ADDRESS: no such account on this network',
      message: (s) =>
        `${PARADEX_LABEL} does not know the account ${s.subject} ${said(s)}. Use the L2 (StarkNet) account address shown in ` +
        'Paradex → Wallet, not your Ethereum address, and check you chose mainnet or testnet correctly.',
    },
    {
      codes: ['INVALID_TIMESTAMP', 'INVALID_SIGNATURE_EXPIRATION'],
      ...CREDENTIALS_REFUSED,
      code: 'paradex_clock_skew',
      means: 'INVALID_TIMESTAMP, INVALID_SIGNATURE_EXPIRATION: the login timestamps are off',
      message: (s) =>
        `${PARADEX_LABEL} refused the login because of its timestamps ${said(s)}. Your computer's clock is probably off: ` +
        'turn on automatic time synchronisation and retry.',
    },
    {
      codes: ['INVALID_TOKEN', 'UNAUTHORIZED_ERROR'],
      status: [401],
      ...CREDENTIALS_REFUSED,
      code: 'paradex_token_rejected',
      means: 'INVALID_TOKEN, UNAUTHORIZED_ERROR, or any 401: the login token was refused',
      message: (s) =>
        `${PARADEX_LABEL} refused a freshly issued login token ${said(s)}. If your subkey was revoked, add a new one; ` +
        'otherwise check your clock and retry.',
    },
    {
      codes: ['GEO_IP_BLOCK'],
      status: [403],
      ...REQUEST_REJECTED,
      code: 'paradex_access_blocked',
      means: 'GEO_IP_BLOCK, or any 403: requests from this network or region are refused',
      message: (s) => `${PARADEX_LABEL} refuses requests from this network or region ${said(s)}. Perpvol cannot read this account from here.`,
    },
    {
      status: [429],
      kind: 'rate_limited',
      code: 'paradex_rate_limited',
      retryable: true,
      means: '429, once waiting it out (Retry-After, sent since v1.118.5: docs changelog 2025-10-30) kept failing',
      message: (s) =>
        `${PARADEX_LABEL} kept throttling requests even though Perpvol paced them ${said(s)}. Another program may be using ` +
        'the same account or IP; the sync will continue later.',
    },
    {
      codes: ['SERVICE_UNAVAILABLE', 'INTERNAL_ERROR'],
      status: 'server_error',
      kind: 'exchange_unavailable',
      code: 'paradex_unavailable',
      retryable: true,
      means: 'SERVICE_UNAVAILABLE, INTERNAL_ERROR, or any 5xx (retried first)',
      message: (s) =>
        `${PARADEX_LABEL} is not answering properly right now ${said(s)}. Perpvol will try again at the next sync; ` +
        'check https://status.paradex.trade if it lasts.',
    },
    {
      codes: ['VALIDATION_ERROR', 'BINDING_ERROR', 'INVALID_REQUEST_PARAMETER', 'BAD_STARKNET_REQUEST'],
      status: [400],
      ...REQUEST_REJECTED,
      code: 'paradex_request_rejected',
      means: 'VALIDATION_ERROR, BINDING_ERROR, INVALID_REQUEST_PARAMETER, BAD_STARKNET_REQUEST, or any 400: a Perpvol bug or an API change',
      message: (s) => `${PARADEX_LABEL} rejected Perpvol's request ${said(s)}. This is a Perpvol bug or an API change; please report it.`,
    },
    {
      // A 404 (or no envelope at all) is not the API speaking: the kit's unexpected_answer.
      ...OTHER_CODE,
      onlyIf: (s) => s.status !== 404,
      code: 'paradex_unexpected_answer',
      means: 'any other ErrorCode on a status Paradex does not document for it',
      message: (s) => `${PARADEX_LABEL} answered ${s.where} with HTTP ${s.status} ${said(s)}. The sync will try again later.`,
    },
  ],
};

/**
 * Whether a refused login says only "this key does not sign for this account here" — the answer to
 * try the other login path on (POST /v1/auth checks the main key; /v1/auth/{public_key} a subkey).
 * Anything else (unknown account, clock, limits, outage) would be the same on both paths.
 */
export function isKeyRefusal(response: ExchangeResponse): boolean {
  if (response.status === 401 || response.status === 404) return true;
  return response.status < 500 && KEY_REFUSAL_CODES.has(String(wordsIn(PARADEX_ANSWERS, response)?.code));
}

export const CREATE_TOKEN_STEPS =
  'In Paradex open Settings → Key Management, choose the "Read-only" tab and click "+ Add New Key" (give it a name and an expiration), then copy the token — it is shown only once';

const REPLACE_IT =
  'then replace this account\'s key with it — "Replace key" in the app, or `perpvol accounts rotate <account id> --readonly-token` — ' +
  'your history and sync position are kept.';

export function tokenExpiredError(expiresAt: number): PerpvolError {
  const when = new Date(expiresAt).toISOString().replace('T', ' ').slice(0, 16);
  return new PerpvolError(
    'credentials_rejected',
    'paradex_token_expired',
    `The ${PARADEX_LABEL} read-only token expired on ${when} UTC, so Perpvol can no longer read this account. ${CREATE_TOKEN_STEPS}; ${REPLACE_IT}`,
  );
}

/** Paradex answered 401 to the token before its `exp`: revoked, or never valid. */
export function tokenRefusedError(response: ExchangeResponse): PerpvolError {
  return new PerpvolError(
    'credentials_rejected',
    'paradex_token_revoked',
    `${PARADEX_LABEL} refused the read-only token ${said({ words: wordsIn(PARADEX_ANSWERS, response), status: response.status })}: ` +
      `it was revoked, has expired, or was not copied whole. ${CREATE_TOKEN_STEPS}; ${REPLACE_IT}`,
  );
}
