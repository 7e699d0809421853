/**
 * Paradex HTTP for one account: paced by the shared limiters before anything is sent, bearer tokens
 * from its authenticator (a signed login or a read-only token); a 401 asks the authenticator for a
 * fresh token once (a login can be repeated, a read-only token cannot) and repeats the call.
 */
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  parseJson,
  type ExchangeRequest,
  type ExchangeResponse,
  type QueryValue,
  type RetryPolicy,
  type RetryVerdict,
} from '../http/exchange-http-client.ts';
import { sharedRateLimiters, WeightedRateLimiter } from '../http/rate-limiter.ts';
import type { ParadexAuthenticator, ParadexTransport } from './authenticator.ts';
import { PARADEX_LABEL, PER_IP, PRIVATE_GET_PER_ACCOUNT } from './constants.ts';
import { paradexError } from './errors.ts';
import { parseAnswer, systemConfigSchema } from './schemas.ts';

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
  /** The REST base including `/v1` (base-url.ts). */
  baseUrl: string;
  /** Who the per-account rate limit is counted for: the account address, or a stand-in for a token's account. */
  limiterAccount: string;
  /** Shown in error messages: the account address, or a description of the token's account. */
  accountLabel: string;
  /** How bearer tokens are had: a signed login, or a read-only token. */
  authenticator: (transport: ParadexTransport) => ParadexAuthenticator;
  limiter?: WeightedRateLimiter;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

export class ParadexClient implements ParadexTransport {
  private readonly http: ExchangeHttpClient;
  private chainId: string | null = null;
  readonly auth: ParadexAuthenticator;

  constructor(private readonly options: ParadexClientOptions) {
    this.http = new ExchangeHttpClient({
      exchangeLabel: PARADEX_LABEL,
      baseUrl: options.baseUrl,
      limiter: options.limiter ?? sharedParadexLimiter(options.baseUrl, options.limiterAccount),
      retry: { ...DEFAULT_RETRY, classify: classifyParadexAnswer, ...options.retry },
      timeoutMs: options.timeoutMs,
    });
    this.auth = options.authenticator(this);
  }

  send(request: ExchangeRequest, signal: AbortSignal): Promise<ExchangeResponse> {
    return this.http.send(request, signal);
  }

  /** starknet_chain_id from GET /v1/system/config (public), fetched once per client. */
  async starknetChainId(signal: AbortSignal): Promise<string> {
    if (this.chainId) return this.chainId;
    const config = parseAnswer(systemConfigSchema, await this.publicGet('/system/config', [], signal), 'a system config');
    this.chainId = config.starknet_chain_id;
    return this.chainId;
  }

  /** An unauthenticated GET; parsed JSON of a 2xx answer, PerpvolError otherwise. */
  async publicGet(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    const response = await this.http.send({ method: 'GET', path, query }, signal);
    if (response.status >= 300) throw paradexError(response, this.options.accountLabel);
    return parseJson(response, PARADEX_LABEL);
  }

  /** An authenticated GET; parsed JSON of a 2xx answer, PerpvolError otherwise. */
  async privateGet(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.auth.token(signal);
      const response = await this.http.send(
        { method: 'GET', path, query, headers: { Authorization: `Bearer ${token}` } },
        signal,
      );
      if (response.status === 401) {
        // A login JWT may have expired early or been revoked: log in again, once.
        if (attempt === 1 && this.auth.renew(token)) continue;
        throw this.auth.refused(response, this.options.accountLabel);
      }
      if (response.status >= 300) throw paradexError(response, this.options.accountLabel);
      return parseJson(response, PARADEX_LABEL);
    }
  }
}
