/**
 * A Paradex read-only token: a long-lived bearer token created in the Paradex UI, good for GET
 * requests only, revocable (https://docs.paradex.trade/trading/api-authentication, "Readonly
 * Access"). No signing key ever reaches this machine, which is why it is the recommended credential.
 *
 * The docs call these tokens JWTs; Perpvol reads the `exp` (and `sub`) claims from the token's
 * payload to warn before it expires — it does not (and cannot) verify the token's signature, which
 * is Paradex's job. A token that is not a JWT is accepted too (the official SDK allows for opaque
 * tokens); its expiry is then unknown and the account says so.
 */
import { badInput, PerpvolError } from '../../core/errors.ts';
import type { ExchangeResponse } from '../http/exchange-http-client.ts';
import { PARADEX_LABEL } from './constants.ts';
import { paradexSaid } from './errors.ts';

export interface ReadonlyTokenClaims {
  /** `exp` as ms epoch, or null when the token has none Perpvol can read. */
  expiresAt: number | null;
  /** `sub` when it is an account address (a felt), else null. */
  subject: string | null;
}

/** Printable ASCII without spaces; long enough not to be a typo, short enough not to be a file. */
const TOKEN_SHAPE = /^[\x21-\x7e]{16,8192}$/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;
const FELT = /^0x[0-9a-fA-F]{1,64}$/;
/** Years beyond which an `exp` is not a date but garbage (ms epoch of 2200-01-01). */
const LATEST_PLAUSIBLE_EXP_MS = Date.UTC(2200, 0, 1);

export const CREATE_TOKEN_STEPS =
  'In Paradex open Settings → Key Management, choose the "Read-only" tab and click "+ Add New Key" (give it a name and an expiration), then copy the token — it is shown only once';

/** The token as pasted (trimmed), refusing what cannot be one. The message never repeats it. */
export function normalizeReadonlyToken(token: string): string {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  if (!TOKEN_SHAPE.test(trimmed)) {
    throw badInput(
      'paradex_invalid_token',
      `That is not a Paradex read-only token: it should be one long line without spaces (a JWT starting "eyJ"). ${CREATE_TOKEN_STEPS}, and paste all of it.`,
    );
  }
  return trimmed;
}

/** What the token's payload says about its expiry and account, where it says anything. */
export function readTokenClaims(token: string): ReadonlyTokenClaims {
  const payload = JWT_SHAPE.exec(token)?.[1];
  if (!payload) return { expiresAt: null, subject: null };
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return { expiresAt: null, subject: null };
    const { exp, sub } = claims as { exp?: unknown; sub?: unknown };
    const expMs = typeof exp === 'number' && Number.isFinite(exp) && exp > 0 ? Math.floor(exp) * 1000 : null;
    return {
      expiresAt: expMs !== null && expMs < LATEST_PLAUSIBLE_EXP_MS ? expMs : null,
      subject: typeof sub === 'string' && FELT.test(sub) ? sub.toLowerCase() : null,
    };
  } catch {
    return { expiresAt: null, subject: null };
  }
}

function utcDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

const REPLACE_IT =
  'then replace this account\'s key with it — "Replace key" in the app, or `perpvol accounts rotate <account id> --readonly-token` — ' +
  'your history and sync position are kept.';

export function tokenExpiredError(expiresAt: number): PerpvolError {
  return new PerpvolError(
    'credentials_rejected',
    'paradex_token_expired',
    `The ${PARADEX_LABEL} read-only token expired on ${utcDate(expiresAt)} UTC, so Perpvol can no longer read this account. ` +
      `${CREATE_TOKEN_STEPS}; ${REPLACE_IT}`,
  );
}

/** Paradex answered 401 to the token before its `exp`: revoked, or never valid. */
export function tokenRefusedError(response: ExchangeResponse): PerpvolError {
  return new PerpvolError(
    'credentials_rejected',
    'paradex_token_revoked',
    `${PARADEX_LABEL} refused the read-only token ${paradexSaid(response)}: it was revoked, has expired, or was not copied whole. ` +
      `${CREATE_TOKEN_STEPS}; ${REPLACE_IT}`,
  );
}
