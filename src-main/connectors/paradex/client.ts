/**
 * Paradex HTTP for one account: paced by the shared limiters before anything is sent, logged in
 * with a signed POST /v1/auth, and holding the JWT the way the docs ask — reused for 3 of its 5
 * minutes, then replaced; a 401 (expired or revoked token) logs in again once and repeats the call.
 */
import { classifyTransient } from '../http/answer-reading.ts';
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  parseJson,
  type ExchangeResponse,
  type QueryValue,
  type RetryPolicy,
  type RetryVerdict,
} from '../http/exchange-http-client.ts';
import { CombinedBudget, sharedRateLimiters, type RateBudget } from '../http/rate-limiter.ts';
import { signAuthHeaders } from './auth-signature.ts';
import {
  AUTH_PER_IP,
  AUTH_SIGNATURE_VALIDITY_S,
  GET_PER_IP,
  JWT_REFRESH_AFTER_MS,
  PARADEX_LABEL,
  PRIVATE_GET_PER_ACCOUNT,
  PRIVATE_GET_PER_ACCOUNT_PER_SECOND,
} from './constants.ts';
import { paradexError } from './errors.ts';
import { authResponseSchema, parseAnswer, systemConfigSchema } from './schemas.ts';

/** Public routes (no account): only the per-IP budget applies. */
const PUBLIC_ROUTE = /^\/(v1\/)?(system|markets|bbo|orderbook|trades|insurance|referrals\/config)(\/|$)/;
const AUTH_ROUTE = /^\/(v1\/)?(auth|onboarding)(\/|$)/;

/**
 * The budgets a request to `path` spends (constants.ts cites each limit), shared by every client of
 * this origin — and, for private GETs, of this account: the account's per-second and per-minute
 * limits (narrowest first), then this machine's per-IP limit.
 */
export function paradexBudget(baseUrl: string, account: string, path: string): RateBudget {
  const origin = new URL(baseUrl).origin;
  if (AUTH_ROUTE.test(path)) return sharedRateLimiters.get(`paradex:${origin}:auth-ip`, AUTH_PER_IP);
  const ip = sharedRateLimiters.get(`paradex:${origin}:get-ip`, GET_PER_IP);
  if (PUBLIC_ROUTE.test(path)) return ip;
  return new CombinedBudget([
    sharedRateLimiters.get(`paradex:${origin}:account:${account}:per-second`, PRIVATE_GET_PER_ACCOUNT_PER_SECOND),
    sharedRateLimiters.get(`paradex:${origin}:account:${account}:per-minute`, PRIVATE_GET_PER_ACCOUNT),
    ip,
  ]);
}

/**
 * 429 waited out (Retry-After, which Paradex sends since v1.118.5 — docs changelog 2025-10-30 — or
 * else one window), 5xx and JSON cut off mid-body retried; everything else is final.
 */
export function classifyParadexAnswer(response: ExchangeResponse): RetryVerdict {
  return classifyTransient(response);
}

export interface ParadexClientOptions {
  baseUrl: string;
  /** Normalized L2 account address. */
  account: string;
  /** Normalized private key hex (main key or subkey). Kept in memory only. */
  privateKeyHex: string;
  /** Wall clock (ms) for auth timestamps and token age. */
  clock: () => number;
  limiter?: RateBudget;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

export class ParadexClient {
  private readonly http: ExchangeHttpClient;
  private chainId: string | null = null;
  private jwt: { token: string; issuedAt: number } | null = null;
  private pendingLogin: Promise<string> | null = null;

  constructor(private readonly options: ParadexClientOptions) {
    const budgets = new Map<string, RateBudget>();
    this.http = new ExchangeHttpClient({
      exchangeLabel: PARADEX_LABEL,
      baseUrl: options.baseUrl,
      limiter:
        options.limiter ??
        ((path) => {
          let budget = budgets.get(path);
          if (!budget) budgets.set(path, (budget = paradexBudget(options.baseUrl, options.account, path)));
          return budget;
        }),
      retry: { ...DEFAULT_RETRY, classify: classifyParadexAnswer, ...options.retry },
      timeoutMs: options.timeoutMs,
    });
  }

  get account(): string {
    return this.options.account;
  }

  /** starknet_chain_id from GET /v1/system/config (public), fetched once per client. */
  async starknetChainId(signal: AbortSignal): Promise<string> {
    if (this.chainId) return this.chainId;
    const response = await this.http.send({ method: 'GET', path: '/system/config' }, signal);
    if (response.status >= 300) throw paradexError(response, this.options.account);
    const config = parseAnswer(systemConfigSchema, parseJson(response, PARADEX_LABEL), 'a system config', response.where);
    this.chainId = config.starknet_chain_id;
    return this.chainId;
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

  private async login(signal: AbortSignal): Promise<string> {
    const chainId = await this.starknetChainId(signal);
    const { account, privateKeyHex, clock } = this.options;
    const response = await this.http.send(
      {
        method: 'POST',
        path: '/auth',
        // Signed per attempt: a retried login gets a fresh timestamp.
        sign: () => {
          const timestampS = Math.floor(clock() / 1000);
          return signAuthHeaders({
            account,
            privateKeyHex,
            chainId,
            timestampS,
            expirationS: timestampS + AUTH_SIGNATURE_VALIDITY_S,
          });
        },
      },
      signal,
    );
    if (response.status >= 300) throw paradexError(response, account);
    const { jwt_token } = parseAnswer(authResponseSchema, parseJson(response, PARADEX_LABEL), 'a login answer', response.where);
    this.jwt = { token: jwt_token, issuedAt: clock() };
    return jwt_token;
  }

  /** An authenticated GET; parsed JSON of a 2xx answer, PerpvolError otherwise. */
  async privateGet(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.token(signal);
      const response = await this.http.send(
        { method: 'GET', path, query, headers: { Authorization: `Bearer ${token}` } },
        signal,
      );
      if (response.status === 401 && attempt === 1) {
        // Expired early (clock drift) or revoked: log in again, once.
        if (this.jwt?.token === token) this.jwt = null;
        continue;
      }
      if (response.status >= 300) throw paradexError(response, this.options.account);
      return parseJson(response, PARADEX_LABEL);
    }
  }
}
