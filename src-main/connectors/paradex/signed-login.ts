/**
 * Logging in with a private key (the account's main key or a registered subkey) for the 5-minute
 * JWTs private GETs need, held the way the docs ask: reused for 3 of its 5 minutes, then replaced.
 *
 * Which login path: a subkey must log in at POST /v1/auth/{its public key}; POST /v1/auth checks
 * the main key only. Which kind of key this is can only be asked of GET /v1/account/info — which
 * itself needs a JWT. So the login tries the paths in turn: the one the account remembers as
 * working (kept with its non-secret key facts after the key check), else the `{public_key}` path
 * first (it serves subkeys, and the official SDK logs main keys in there too), then the other one
 * when the first answers only "not this key here". Once logged in, account/info tells main from
 * subkey (credential-check.ts).
 */
import type { ExchangeAnswer } from '../http/exchange-http-client.ts';
import { readAnswer } from '../kit/answer-reader.ts';
import { signAuthHeaders } from './auth-signature.ts';
import type { ParadexAuthenticator, ParadexTransport } from './authenticator.ts';
import { AUTH_SIGNATURE_VALIDITY_S, JWT_REFRESH_AFTER_MS, MAIN_KEY_AUTH_PATH, subkeyAuthPath } from './constants.ts';
import { isKeyRefusal, keyNotRegisteredError, PARADEX_ANSWERS, paradexError } from './errors.ts';
import { authResponseSchema, parseAnswer } from './schemas.ts';

export type LoginPath = 'main' | 'subkey';

export function isLoginPath(value: unknown): value is LoginPath {
  return value === 'main' || value === 'subkey';
}

export interface SignedLoginOptions {
  /** Normalized L2 account address (the main account's, also for a subkey). */
  account: string;
  /** Normalized private key hex. Kept in memory only. */
  privateKeyHex: string;
  /** The key's Stark public key (0x…). */
  publicKey: string;
  clock: () => number;
  /** The path that worked for this account before, tried first; null = not known yet. */
  rememberedPath: LoginPath | null;
}

export class SignedLogin implements ParadexAuthenticator {
  private jwt: { token: string; issuedAt: number } | null = null;
  private pendingLogin: Promise<string> | null = null;
  /** The path the latest successful login took (null before the first). */
  private succeededPath: LoginPath | null = null;

  constructor(
    private readonly transport: ParadexTransport,
    private readonly options: SignedLoginOptions,
  ) {}

  get loginPath(): LoginPath | null {
    return this.succeededPath;
  }

  /** A JWT younger than JWT_REFRESH_AFTER_MS, logging in when there is none. */
  async token(signal: AbortSignal): Promise<string> {
    const current = this.jwt;
    if (current && this.options.clock() - current.issuedAt < JWT_REFRESH_AFTER_MS) return current.token;
    // Several pages may ask at once; one login serves them all.
    this.pendingLogin ??= this.login(signal).finally(() => {
      this.pendingLogin = null;
    });
    return this.pendingLogin;
  }

  /** Expired early (clock drift) or revoked: the next call logs in again. */
  renew(token: string): boolean {
    if (this.jwt?.token === token) this.jwt = null;
    return true;
  }

  refused(response: ExchangeAnswer, account: string): ReturnType<ParadexAuthenticator['refused']> {
    return paradexError(response, account);
  }

  private pathOrder(): LoginPath[] {
    const first = this.succeededPath ?? this.options.rememberedPath ?? 'subkey';
    return first === 'main' ? ['main', 'subkey'] : ['subkey', 'main'];
  }

  private async login(signal: AbortSignal): Promise<string> {
    const chainId = await this.transport.starknetChainId(signal);
    const { account, privateKeyHex, publicKey, clock } = this.options;
    let mainPathRefusal: ExchangeAnswer | null = null;
    let lastRefusal: ExchangeAnswer | null = null;
    for (const path of this.pathOrder()) {
      const response = await this.transport.send(
        {
          method: 'POST',
          // The SDK writes the key as hex() does: 0x without leading zeros.
          path: path === 'main' ? MAIN_KEY_AUTH_PATH : subkeyAuthPath(`0x${BigInt(publicKey).toString(16)}`),
          // Signed per attempt: a retried login gets a fresh timestamp. The signed message names
          // "/v1/auth" on both paths (paradex-py message/auth.py).
          sign: () => {
            const timestampS = Math.floor(clock() / 1000);
            return signAuthHeaders({ account, privateKeyHex, chainId, timestampS, expirationS: timestampS + AUTH_SIGNATURE_VALIDITY_S });
          },
        },
        signal,
      );
      if (response.status < 300) {
        const { jwt_token } = parseAnswer(authResponseSchema, readAnswer(PARADEX_ANSWERS, response, account), 'a login answer', response.where);
        this.jwt = { token: jwt_token, issuedAt: clock() };
        this.succeededPath = path;
        return jwt_token;
      }
      if (!isKeyRefusal(response)) throw paradexError(response, account);
      lastRefusal = response;
      if (path === 'main') mainPathRefusal = response;
    }
    // Both paths refused the key; the main path's answer names the signature problem best.
    throw keyNotRegisteredError((mainPathRefusal ?? lastRefusal)!, account);
  }
}
