/**
 * Paradex HTTP for one account: paced by the shared limiters before anything is sent, logged in
 * with a signed POST /v1/auth, and holding the JWT the way the docs ask — reused for 3 of its 5
 * minutes, then replaced; a 401 (expired or revoked token) logs in again once and repeats the call.
 */
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  parseJson,
  type ExchangeResponse,
  type QueryValue,
  type RetryPolicy,
  type RetryVerdict,
} from '../http/exchange-http-client.ts';
import { sharedRateLimiters, WeightedRateLimiter } from '../http/rate-limiter.ts';
import { signAuthHeaders } from './auth-signature.ts';
import {
  AUTH_SIGNATURE_VALIDITY_S,
  JWT_REFRESH_AFTER_MS,
  PARADEX_LABEL,
  PER_IP,
  PRIVATE_GET_PER_ACCOUNT,
} from './constants.ts';
import { paradexError } from './errors.ts';
import { authResponseSchema, parseAnswer, systemConfigSchema } from './schemas.ts';

/** Spends from the per-IP and the per-account budget before each request. */
class AccountAndIpLimiter extends WeightedRateLimiter {
  constructor(
    private readonly account: WeightedRateLimiter,
    private readonly ip: WeightedRateLimiter,
  ) {
    super(account.limit);
  }

  override async acquire(weight = 1, signal?: AbortSignal): Promise<void> {
    await this.ip.acquire(weight, signal);
    await this.account.acquire(weight, signal);
  }

  override drainUntil(resumeAtMs: number): void {
    this.account.drainUntil(resumeAtMs);
    this.ip.drainUntil(resumeAtMs);
  }
}

/** The limiter every client of this account (and this IP) shares, keyed by origin and address. */
export function sharedParadexLimiter(baseUrl: string, account: string): WeightedRateLimiter {
  const origin = new URL(baseUrl).origin;
  return new AccountAndIpLimiter(
    sharedRateLimiters.get(`paradex:${origin}:account:${account}`, PRIVATE_GET_PER_ACCOUNT),
    sharedRateLimiters.get(`paradex:${origin}:ip`, PER_IP),
  );
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** 429/5xx retry (honouring Retry-After when sent); a 2xx cut off mid-body is fetched again too. */
export function classifyParadexAnswer(response: ExchangeResponse): RetryVerdict {
  if (response.status === 429) {
    return { retry: true, delayMs: retryAfterMs(response.headers['retry-after']), reason: 'rate limited (HTTP 429)' };
  }
  if (response.status >= 500) return { retry: true, reason: `server error (HTTP ${response.status})` };
  if (response.status < 300 && !isJson(response.text)) return { retry: true, reason: 'incomplete JSON answer' };
  return { retry: false };
}

export interface ParadexClientOptions {
  baseUrl: string;
  /** Normalized L2 account address. */
  account: string;
  /** Normalized private key hex (main key or subkey). Kept in memory only. */
  privateKeyHex: string;
  /** Wall clock (ms) for auth timestamps and token age. */
  clock: () => number;
  limiter?: WeightedRateLimiter;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

export class ParadexClient {
  private readonly http: ExchangeHttpClient;
  private chainId: string | null = null;
  private jwt: { token: string; issuedAt: number } | null = null;
  private pendingLogin: Promise<string> | null = null;

  constructor(private readonly options: ParadexClientOptions) {
    this.http = new ExchangeHttpClient({
      exchangeLabel: PARADEX_LABEL,
      baseUrl: options.baseUrl,
      limiter: options.limiter ?? sharedParadexLimiter(options.baseUrl, options.account),
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
    const config = parseAnswer(systemConfigSchema, parseJson(response, PARADEX_LABEL), 'a system config');
    this.chainId = config.starknet_chain_id;
    return this.chainId;
  }

  /** An unauthenticated GET (system tables); parsed JSON of a 2xx answer, PerpvolError otherwise. */
  async publicGet(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    const response = await this.http.send({ method: 'GET', path, query }, signal);
    if (response.status >= 300) throw paradexError(response, this.options.account);
    return parseJson(response, PARADEX_LABEL);
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
    const { jwt_token } = parseAnswer(authResponseSchema, parseJson(response, PARADEX_LABEL), 'a login answer');
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
