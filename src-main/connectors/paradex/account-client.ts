/**
 * One Paradex account's REST client, paced by the shared limiters, and its login: the bearer of its private GETs
 * (https://docs.paradex.trade/trading/api-authentication). The connector and the private stream (fill-stream.ts)
 * both start here: they log in alike and share the budgets. A read-only token is the bearer itself, its `exp`
 * checked before each use (so "expired on …", not a bare 401). A private key logs in for JWTs that "expire every
 * 5 minutes … refreshing … after 3 minutes", first at the path the account remembers, else as
 * docs/exchanges.md, "Paradex: read-only token (recommended) or subkey" explains.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { PerpvolError } from '../../core/errors.ts';
import { ExchangeHttpClient, type ExchangeAnswer, type HttpTuning, type QueryValue } from '../http/exchange-http-client.ts';
import { CombinedBudget, sharedRateLimiters, type RateBudget } from '../http/rate-limiter.ts';
import type { ConnectorContext } from '../kit/connector.ts';
import { errorFor, errorWithCode, parseOrMalformed, readAnswer } from '../kit/error-table.ts';
import { parseParadexCredential, signAuthHeaders, type ParadexCredential } from './credential.ts';
import { isKeyRefusal, PARADEX_ANSWERS, PARADEX_LABEL, tokenExpiredError, tokenRefusedError } from './errors.ts';
import { authResponseSchema, systemConfigSchema } from './schemas.ts';

/** https://docs.paradex.trade/api/general-information/server-urls — the `/v1` prefix is part of the origin. */
export const PARADEX_MAINNET_URL = 'https://api.prod.paradex.trade/v1';
export const PARADEX_TESTNET_URL = 'https://api.testnet.paradex.trade/v1';

/**
 * https://docs.paradex.trade/api/general-information/rate-limits/api, as docs/exchanges.md, "Rate limits" reads it
 * (the docs leave open whether the private and public 1500 req/m per IP are one: we assume so).
 */
export const PRIVATE_GET_PER_ACCOUNT_PER_SECOND = { capacity: 120, intervalMs: 1_000 } as const;
export const PRIVATE_GET_PER_ACCOUNT = { capacity: 600, intervalMs: 60_000 } as const;
const GET_PER_IP = { capacity: 1_500, intervalMs: 60_000 } as const;
const AUTH_PER_IP = { capacity: 600, intervalMs: 60_000 } as const;

/** Public routes (no account): only the per-IP budget applies. */
const PUBLIC_ROUTE = /^\/(v1\/)?(system|markets|bbo|orderbook|trades|insurance|referrals\/config)(\/|$)/;
const AUTH_ROUTE = /^\/(v1\/)?(auth|onboarding)(\/|$)/;

const JWT_REFRESH_AFTER_MS = 3 * 60_000;
/** PARADEX-SIGNATURE-EXPIRATION (s): the SDKs use up to a day; a short window limits replay of a leaked header. */
const AUTH_SIGNATURE_VALIDITY_S = 30 * 60;

/** The budgets a request to `path` spends; a private GET's narrowest first. */
function paradexBudget(baseUrl: string, account: string, path: string): RateBudget {
  if (AUTH_ROUTE.test(path)) return sharedRateLimiters.get(['paradex', baseUrl, 'auth-ip'], AUTH_PER_IP);
  const ip = sharedRateLimiters.get(['paradex', baseUrl, 'get-ip'], GET_PER_IP);
  if (PUBLIC_ROUTE.test(path)) return ip;
  return new CombinedBudget([
    sharedRateLimiters.get(['paradex', baseUrl, `account:${account}`, 'per-second'], PRIVATE_GET_PER_ACCOUNT_PER_SECOND),
    sharedRateLimiters.get(['paradex', baseUrl, `account:${account}`, 'per-minute'], PRIVATE_GET_PER_ACCOUNT),
    ip,
  ]);
}

/**
 * The REST base: users paste the documented server URL (…/v1) with or without `/v1` (and maybe behind a proxy
 * prefix); without it every call went to `/system/config`, and a wrong key came back as a 404.
 */
export function paradexApiBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/v1') ? path : `${path}/v1`;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

type LoginPath = 'main' | 'subkey';

export interface ParadexClientOptions extends HttpTuning {
  /** Wall clock for login timestamps, token age and token expiry (tests move it). Default Date.now. */
  clock?: () => number;
}

export class ParadexClient {
  /** The REST base (…/v1) this client speaks to, of which the market catalog is shared. */
  readonly baseUrl: string;
  readonly credential: ParadexCredential;
  /** The account the credential must speak for when it names one (null: an opaque token). */
  readonly expectedAccount: string | null;
  /** Hands back every final answer whatever its status: only transient ones are retried, rate limits waited out. */
  readonly http: ExchangeHttpClient;
  /** Wall clock of logins, token expiry and what the account's figures are as of. */
  readonly clock: () => number;
  /** The path the latest successful login took, else the one that worked for this account before (tried first); null = not known yet. */
  loginPath: LoginPath | null;
  /** The account error messages name. */
  private readonly subject: string;
  private jwt: { token: string; issuedAt: number } | null = null;
  private pendingLogin: Promise<string> | null = null;
  private chainId: string | null = null;

  constructor(context: Pick<ConnectorContext, 'baseUrl' | 'credentials' | 'facts'>, options: ParadexClientOptions = {}) {
    // Validated here so a typo fails when the account is added, with a message naming the field.
    const credential = parseParadexCredential(context.credentials);
    this.credential = credential;
    this.expectedAccount = credential.kind === 'private_key' ? credential.account : credential.claims.subject;
    this.subject = this.expectedAccount ?? 'of this read-only token';
    this.baseUrl = paradexApiBaseUrl(context.baseUrl ?? PARADEX_MAINNET_URL);
    // Whom the per-account rate limit is counted for, without ever using the token itself.
    const limiterAccount =
      credential.kind === 'private_key' ? credential.account : (credential.claims.subject ?? `readonly-token:${createHash('sha256').update(credential.token).digest('hex').slice(0, 16)}`);
    const remembered = context.facts?.loginPath;
    this.loginPath = remembered === 'main' || remembered === 'subkey' ? remembered : null;
    this.clock = options.clock ?? Date.now;
    const budget = (path: string) => paradexBudget(this.baseUrl, limiterAccount, path);
    this.http = new ExchangeHttpClient({ answers: PARADEX_ANSWERS, baseUrl: this.baseUrl, limiter: options.limiter ?? budget, retry: options.retry, timeoutMs: options.timeoutMs });
  }

  /** A GET read against `schema`, authenticated unless public; a PerpvolError for anything else. */
  async get<S extends z.ZodType>(path: string, query: [string, QueryValue][], schema: S, what: string, signal: AbortSignal, access: 'public' | 'private' = 'private'): Promise<z.output<S>> {
    for (let attempt = 1; ; attempt++) {
      const token = access === 'private' ? await this.token(signal) : null;
      const headers = token === null ? undefined : { Authorization: `Bearer ${token}` };
      const response = await this.http.send({ method: 'GET', path, query, headers }, signal);
      if (token !== null && response.status === 401) {
        if (this.credential.kind === 'readonly_token') throw this.tokenExpiry() ?? tokenRefusedError(response);
        // A login JWT may have expired early or been revoked: log in again, once (a second 401 is the table's).
        if (attempt === 1) {
          if (this.jwt?.token === token) this.jwt = null;
          continue;
        }
      }
      return parseOrMalformed(PARADEX_LABEL, schema, readAnswer(PARADEX_ANSWERS, response, this.subject), what, `GET /v1${path}`);
    }
  }

  /** A bearer for the next private request; throws a PerpvolError when there can be none. */
  async token(signal: AbortSignal): Promise<string> {
    if (this.credential.kind === 'readonly_token') {
      const expired = this.tokenExpiry();
      if (expired) throw expired;
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

  private tokenExpiry(): PerpvolError | null {
    const expiresAt = this.credential.kind === 'readonly_token' ? this.credential.claims.expiresAt : null;
    return expiresAt !== null && this.clock() >= expiresAt ? tokenExpiredError(expiresAt) : null;
  }

  private async login(key: Extract<ParadexCredential, { kind: 'private_key' }>, signal: AbortSignal): Promise<string> {
    this.chainId ??= (await this.get('/system/config', [], systemConfigSchema, 'a system config', signal, 'public')).starknet_chain_id;
    const { account, privateKeyHex, publicKey } = key;
    const first = this.loginPath ?? 'subkey';
    const refusals: Partial<Record<LoginPath, ExchangeAnswer>> = {};
    for (const path of first === 'main' ? (['main', 'subkey'] as const) : (['subkey', 'main'] as const)) {
      const response = await this.http.send(
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
