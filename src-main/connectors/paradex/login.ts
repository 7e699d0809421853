/**
 * The bearer of a Paradex account's private GETs, and who the credential is: one login, two ways in
 * (https://docs.paradex.trade/trading/api-authentication). A read-only token is the bearer itself,
 * its `exp` checked before each use (so "expired on …", not a bare 401; a 401 before then: revoked).
 * A private key logs in for JWTs that "expire every 5 minutes … refreshing … after 3 minutes". A
 * subkey logs in at POST /v1/auth/{public_key}, POST /v1/auth checks the main key only, and only
 * account/info (behind a JWT) tells which a key is: so the path the account remembers goes first,
 * else `{public_key}` (the SDK logs main keys in there too), then the other on "not this key".
 */
import { PerpvolError } from '../../core/errors.ts';
import type { ExchangeAnswer } from '../http/exchange-http-client.ts';
import type { CredentialCheck } from '../kit/connector.ts';
import { parseOrMalformed, readAnswer } from '../kit/answer-reader.ts';
import { errorFor, errorWithCode } from '../kit/error-table.ts';
import type { ParadexClient } from './account-client.ts';
import { PARADEX_LABEL } from './constants.ts';
import { signAuthHeaders, type ParadexCredential } from './credential.ts';
import { isKeyRefusal, PARADEX_ANSWERS, tokenExpiredError, tokenRefusedError } from './errors.ts';
import { accountInfoSchema, authResponseSchema, systemConfigSchema, type ParadexAccountInfo } from './schemas.ts';

const JWT_REFRESH_AFTER_MS = 3 * 60_000;
/** PARADEX-SIGNATURE-EXPIRATION (s): the SDKs use up to a day; a short window limits replay of a leaked header. */
const AUTH_SIGNATURE_VALIDITY_S = 30 * 60;

export type LoginPath = 'main' | 'subkey';

export const isLoginPath = (value: unknown): value is LoginPath => value === 'main' || value === 'subkey';

export class ParadexLogin {
  private jwt: { token: string; issuedAt: number } | null = null;
  private pendingLogin: Promise<string> | null = null;
  private chainId: string | null = null;
  /** The path the latest successful login took (null before the first, and for a token). */
  loginPath: LoginPath | null = null;

  constructor(
    private readonly client: ParadexClient,
    readonly credential: ParadexCredential,
    private readonly clock: () => number,
    /** The path that worked for this account before, tried first; null = not known yet. */
    private readonly rememberedPath: LoginPath | null,
  ) {}

  /** A bearer for the next private request; throws a PerpvolError when there can be none. */
  async token(signal: AbortSignal): Promise<string> {
    if (this.credential.kind === 'readonly_token') {
      if (this.tokenExpired()) throw tokenExpiredError(this.credential.claims.expiresAt!);
      return this.credential.token;
    }
    const current = this.jwt;
    if (current && this.clock() - current.issuedAt < JWT_REFRESH_AFTER_MS) return current.token;
    // Several pages may ask at once; one login serves them all.
    this.pendingLogin ??= this.login(this.credential, signal).finally(() => {
      this.pendingLogin = null;
    });
    return this.pendingLogin;
  }

  /** Paradex answered 401 to `token`: true when a new login may help (it expired early or was revoked). */
  renew(token: string): boolean {
    if (this.jwt?.token === token) this.jwt = null;
    return this.credential.kind === 'private_key';
  }

  /** The error for a 401 that renewing did not cure. */
  refused(response: ExchangeAnswer, account: string): PerpvolError {
    if (this.credential.kind === 'private_key') return errorFor(PARADEX_ANSWERS, response, account);
    return this.tokenExpired() ? tokenExpiredError(this.credential.claims.expiresAt!) : tokenRefusedError(response);
  }

  private tokenExpired(): boolean {
    const expiresAt = this.credential.kind === 'readonly_token' ? this.credential.claims.expiresAt : null;
    return expiresAt !== null && this.clock() >= expiresAt;
  }

  private async login(key: Extract<ParadexCredential, { kind: 'private_key' }>, signal: AbortSignal): Promise<string> {
    this.chainId ??= (await this.client.get('/system/config', [], systemConfigSchema, 'a system config', signal, 'public')).starknet_chain_id;
    const { account, privateKeyHex, publicKey } = key;
    const first = this.loginPath ?? this.rememberedPath ?? 'subkey';
    const refusals: Partial<Record<LoginPath, ExchangeAnswer>> = {};
    for (const path of first === 'main' ? (['main', 'subkey'] as const) : (['subkey', 'main'] as const)) {
      const response = await this.client.http.send(
        {
          method: 'POST',
          // The SDK writes the key as hex() does: 0x without leading zeros.
          path: path === 'main' ? '/auth' : `/auth/0x${BigInt(publicKey).toString(16)}`,
          // Signed per attempt: a retried login gets a fresh timestamp.
          sign: () => {
            const timestampS = Math.floor(this.clock() / 1000);
            return signAuthHeaders({ account, privateKeyHex, chainId: this.chainId!, timestampS, expirationS: timestampS + AUTH_SIGNATURE_VALIDITY_S });
          },
        },
        signal,
      );
      if (response.status < 300) {
        const { jwt_token } = parseOrMalformed(PARADEX_LABEL, authResponseSchema, readAnswer(PARADEX_ANSWERS, response, account), 'a login answer', response.where);
        this.jwt = { token: jwt_token, issuedAt: this.clock() };
        this.loginPath = path;
        return jwt_token;
      }
      if (!isKeyRefusal(response)) throw errorFor(PARADEX_ANSWERS, response, account);
      refusals[path] = response;
    }
    // Both paths refused the key; the main path's answer names the signature problem best.
    throw errorWithCode(PARADEX_ANSWERS, 'paradex_invalid_signature', refusals.main!, account);
  }
}

/** An account address as Perpvol keeps it for identity: felts, so 0x and lowercase hex without leading zeros. */
export const accountIdentity = (address: string): string => `0x${BigInt(address).toString(16)}`;

function sameFelt(a: string | null | undefined, b: string | null | undefined): boolean {
  try {
    return !!a && !!b && BigInt(a) === BigInt(b);
  } catch {
    return false;
  }
}

/**
 * GET /v1/account/info (https://docs.paradex.trade/api/prod/account/get-info): the entry of the
 * account the credential is for — the address a key came with, or the account a token's `sub`
 * names — else the only entry, else the main one.
 */
export async function fetchAccountInfo(client: ParadexClient, expectedAccount: string | null, signal: AbortSignal): Promise<ParadexAccountInfo | null> {
  const { results } = await client.get('/account/info', [], accountInfoSchema, 'account info', signal);
  return (
    results.find((entry) => sameFelt(entry.account, expectedAccount)) ??
    (results.length === 1 ? results[0] : undefined) ??
    results.find((entry) => entry.kind === 'main' || !entry.parent_account) ??
    results[0] ??
    null
  );
}

const MAIN_KEY_WARNING =
  'This is the Paradex account\'s main private key: it can withdraw and transfer funds. Perpvol only reads fills — ' +
  'create a read-only token in Paradex (Settings → Key Management → "Read-only" → "+ Add New Key") and use that instead.';

const UNKNOWN_KEY_WARNING =
  'Perpvol could not tell whether this is the account\'s main key or a subkey, so it treats it as the main key, ' +
  'which can withdraw and transfer funds. A Paradex read-only token (Settings → Key Management → "Read-only") is recommended.';

const UNKNOWN_EXPIRY_WARNING =
  'Perpvol cannot read when this Paradex read-only token expires (it is not a JWT with an "exp" date). ' +
  'If syncing stops with "token refused", create a new read-only token and replace this one.';

/**
 * Who the credential is and what it may do. A read-only token only reads; account/info names its account. The
 * "Main Private Key grants the ability to Withdraw and Transfer funds": a login at POST /v1/auth, or a public key
 * equal to account/info's `public_key`, proves the main key; any other key that logged in is a subkey.
 */
export async function checkParadexCredential(client: ParadexClient, signal: AbortSignal): Promise<CredentialCheck> {
  const { credential } = client.auth;
  if (credential.kind === 'readonly_token') {
    // Throws paradex_token_expired before any request, paradex_token_revoked on a 401.
    const info = await fetchAccountInfo(client, credential.claims.subject, signal);
    if (!info?.account) {
      throw new PerpvolError(
        'exchange_unavailable',
        'malformed_response',
        `${PARADEX_LABEL} accepted the read-only token but did not say which account it belongs to (GET /v1/account/info had no account). ` +
          'Nothing was added; try again later, and if this persists please report it.',
        true,
      );
    }
    const { expiresAt } = credential.claims;
    return {
      identity: accountIdentity(info.account),
      canWithdrawOrTransfer: false,
      permissions: { exchange: PARADEX_LABEL, keyKind: 'readonly_token', accountKind: info.kind ?? null, canTrade: false, canRead: true, credentialExpiresAt: expiresAt },
      warnings: expiresAt === null ? [UNKNOWN_EXPIRY_WARNING] : [],
    };
  }
  // Throws credentials_rejected when the key signs for the account on neither login path.
  await client.auth.token(signal);
  // The login already proved the key: account/info only tells main from subkey, and may fail.
  const info = await fetchAccountInfo(client, credential.account, signal).catch((error: unknown) => {
    if (!(error instanceof PerpvolError) || error.kind === 'credentials_rejected') throw error;
    return null;
  });
  const accountKey = info?.public_key ?? null;
  const { loginPath } = client.auth;
  const keyKind = loginPath === 'main' || sameFelt(accountKey, credential.publicKey) ? 'main' : accountKey === null ? 'unknown' : 'subkey';
  return {
    identity: accountIdentity(credential.account),
    canWithdrawOrTransfer: keyKind !== 'subkey',
    permissions: {
      exchange: PARADEX_LABEL,
      keyKind,
      // Remembered so later syncs log in on the first try.
      loginPath,
      publicKey: credential.publicKey,
      accountKind: info?.kind ?? null,
      // Subkeys trade and read but cannot withdraw or transfer; main keys can do everything.
      canTrade: true,
      canRead: true,
    },
    warnings: keyKind === 'main' ? [MAIN_KEY_WARNING] : keyKind === 'unknown' ? [UNKNOWN_KEY_WARNING] : [],
  };
}
