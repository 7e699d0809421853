/**
 * Paradex error answers → PerpvolError with a message saying what to do. Codes are the API's
 * ErrorCode enum (https://docs.paradex.trade/api/prod/auth/get-jwt, "Errors"; paradex-py
 * `responses.ErrorCode`), the envelope is `{"error": CODE, "message": …}`.
 */
import { PerpvolError } from '../../core/errors.ts';
import { unexpectedAnswer } from '../http/exchange-errors.ts';
import type { ExchangeAnswer, ExchangeResponse } from '../http/exchange-http-client.ts';
import { PARADEX_LABEL } from './constants.ts';
import { errorEnvelopeSchema } from './schemas.ts';

export interface ParadexErrorBody {
  code: string | null;
  message: string | null;
}

export function readErrorBody(response: ExchangeResponse): ParadexErrorBody {
  try {
    const parsed = errorEnvelopeSchema.safeParse(JSON.parse(response.text));
    if (parsed.success) return { code: parsed.data.error, message: parsed.data.message ?? null };
  } catch {
    // not JSON: a proxy or gateway page; the status decides
  }
  return { code: null, message: null };
}

const SIGNATURE_CODES = new Set(['INVALID_STARKNET_SIGNATURE', 'STARKNET_SIGNATURE_VERIFICATION_FAILED', 'PUBLIC_KEY_INVALID']);
const UNKNOWN_ACCOUNT_CODES = new Set(['NOT_ONBOARDED', 'ACCOUNT_NOT_FOUND']);
const CLOCK_CODES = new Set(['INVALID_TIMESTAMP', 'INVALID_SIGNATURE_EXPIRATION']);
const OUR_MISTAKE_CODES = new Set(['VALIDATION_ERROR', 'BINDING_ERROR', 'INVALID_REQUEST_PARAMETER', 'BAD_STARKNET_REQUEST']);

/** Answers to a login that mean "not this key on this path", where the other login path may still work. */
const KEY_REFUSAL_CODES = new Set([...SIGNATURE_CODES, 'SUBKEY_NOT_FOUND', 'NOT_FOUND']);

function rejected(code: string, message: string): PerpvolError {
  return new PerpvolError('credentials_rejected', code, message);
}

/** What Paradex's own words add, without ever echoing headers (which carry the signature). */
function said(body: ParadexErrorBody, status: number): string {
  return `(${PARADEX_LABEL} said ${body.code ?? `HTTP ${status}`}${body.message ? `: ${body.message}` : ''})`;
}

/**
 * Whether a refused login says only "this key does not sign for this account here" — the answer to
 * try the other login path on (POST /v1/auth checks the main key; /v1/auth/{public_key} a subkey).
 * Anything else (unknown account, clock, limits, outage) would be the same on both paths.
 */
export function isKeyRefusal(response: ExchangeResponse): boolean {
  if (response.status === 401 || response.status === 404) return true;
  return response.status < 500 && KEY_REFUSAL_CODES.has(readErrorBody(response).code ?? '');
}

/** The private key signs for the account neither as its main key nor as a registered subkey. */
export function keyNotRegisteredError(response: ExchangeResponse, account: string): PerpvolError {
  return rejected(
    'paradex_invalid_signature',
    `${PARADEX_LABEL} rejected the signature for account ${account}: this private key is neither the account's key ` +
      `nor a registered, unrevoked subkey of it ${said(readErrorBody(response), response.status)}. Check that the address and the key belong together ` +
      '(Paradex → Settings → Key Management lists the registered subkeys), register this key as a subkey — or, simpler, ' +
      'use a read-only token instead (Settings → Key Management → "Read-only" → "+ Add New Key").',
  );
}

/** The error for a final (non-retried) non-2xx answer. `account` is the address, shown to the user. */
export function paradexError(response: ExchangeAnswer, account: string): PerpvolError {
  const body = readErrorBody(response);
  const code = body.code ?? '';
  const why = said(body, response.status);
  if (SIGNATURE_CODES.has(code)) return keyNotRegisteredError(response, account);
  if (UNKNOWN_ACCOUNT_CODES.has(code) || code === 'INVALID_STARKNET_ADDRESS') {
    return rejected(
      'paradex_unknown_account',
      `${PARADEX_LABEL} does not know the account ${account} ${why}. Use the L2 (StarkNet) account address shown in ` +
        'Paradex → Wallet, not your Ethereum address, and check you chose mainnet or testnet correctly.',
    );
  }
  if (CLOCK_CODES.has(code)) {
    return rejected(
      'paradex_clock_skew',
      `${PARADEX_LABEL} refused the login because of its timestamps ${why}. Your computer's clock is probably off: ` +
        'turn on automatic time synchronisation and retry.',
    );
  }
  if (code === 'INVALID_TOKEN' || code === 'UNAUTHORIZED_ERROR' || response.status === 401) {
    return rejected(
      'paradex_token_rejected',
      `${PARADEX_LABEL} refused a freshly issued login token ${why}. If your subkey was revoked, add a new one; ` +
        'otherwise check your clock and retry.',
    );
  }
  if (code === 'GEO_IP_BLOCK' || response.status === 403) {
    return new PerpvolError(
      'exchange_unavailable',
      'paradex_access_blocked',
      `${PARADEX_LABEL} refuses requests from this network or region ${why}. Perpvol cannot read this account from here.`,
    );
  }
  if (response.status === 429) {
    return new PerpvolError(
      'rate_limited',
      'paradex_rate_limited',
      `${PARADEX_LABEL} kept throttling requests even though Perpvol paced them ${why}. Another program may be using ` +
        'the same account or IP; the sync will continue later.',
      true,
    );
  }
  if (response.status >= 500 || code === 'SERVICE_UNAVAILABLE' || code === 'INTERNAL_ERROR') {
    return new PerpvolError(
      'exchange_unavailable',
      'paradex_unavailable',
      `${PARADEX_LABEL} is not answering properly right now ${why}. Perpvol will try again at the next sync; ` +
        'check https://status.paradex.trade if it lasts.',
      true,
    );
  }
  if (OUR_MISTAKE_CODES.has(code) || response.status === 400) {
    // Our request, but Paradex's answer: a 502 (docs/api.md, "Statuses": never a 500 for anything an exchange does).
    return new PerpvolError(
      'exchange_unavailable',
      'paradex_request_rejected',
      `${PARADEX_LABEL} rejected Perpvol's request ${why}. This is a Perpvol bug or an API change; please report it.`,
    );
  }
  // A 404, an HTML page, a status Paradex does not document: not its API speaking, and not worth a retry.
  if (body.code === null || response.status === 404) return unexpectedAnswer(PARADEX_LABEL, response.where, response);
  return new PerpvolError(
    'exchange_unavailable',
    'paradex_unexpected_answer',
    `${PARADEX_LABEL} answered ${response.where} with HTTP ${response.status} ${why}. The sync will try again later.`,
    true,
  );
}
