/**
 * Paradex HTTP for one account: paced by the shared limiters before anything is sent, bearer tokens
 * from its authenticator (a signed login or a read-only token); a 401 asks the authenticator for a
 * fresh token once (a login can be repeated, a read-only token cannot) and repeats the call.
 */
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  type ExchangeAnswer,
  type ExchangeRequest,
  type QueryValue,
  type RetryPolicy,
} from '../http/exchange-http-client.ts';
import { CombinedBudget, sharedRateLimiters, type RateBudget } from '../http/rate-limiter.ts';
import { readAnswer } from '../kit/answer-reader.ts';
import { limiterKey } from '../kit/limiter-key.ts';
import type { ParadexAuthenticator, ParadexTransport } from './authenticator.ts';
import { AUTH_PER_IP, GET_PER_IP, PARADEX_LABEL, PRIVATE_GET_PER_ACCOUNT, PRIVATE_GET_PER_ACCOUNT_PER_SECOND } from './constants.ts';
import { classifyParadexAnswer, PARADEX_ANSWERS } from './errors.ts';
import { parseAnswer, systemConfigSchema } from './schemas.ts';

/** Public routes (no account): only the per-IP budget applies. */
const PUBLIC_ROUTE = /^\/(v1\/)?(system|markets|bbo|orderbook|trades|insurance|referrals\/config)(\/|$)/;
const AUTH_ROUTE = /^\/(v1\/)?(auth|onboarding)(\/|$)/;

/**
 * The budgets a request to `path` spends (constants.ts cites each limit), shared by every client of
 * this origin — and, for private GETs, of this account: the account's per-second and per-minute
 * limits (narrowest first), then this machine's per-IP limit.
 */
export function paradexBudget(baseUrl: string, account: string, path: string): RateBudget {
  if (AUTH_ROUTE.test(path)) return sharedRateLimiters.get(limiterKey('paradex', baseUrl, 'auth-ip'), AUTH_PER_IP);
  const ip = sharedRateLimiters.get(limiterKey('paradex', baseUrl, 'get-ip'), GET_PER_IP);
  if (PUBLIC_ROUTE.test(path)) return ip;
  return new CombinedBudget([
    sharedRateLimiters.get(limiterKey('paradex', baseUrl, `account:${account}`, 'per-second'), PRIVATE_GET_PER_ACCOUNT_PER_SECOND),
    sharedRateLimiters.get(limiterKey('paradex', baseUrl, `account:${account}`, 'per-minute'), PRIVATE_GET_PER_ACCOUNT),
    ip,
  ]);
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
  limiter?: RateBudget;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

export class ParadexClient implements ParadexTransport {
  private readonly http: ExchangeHttpClient;
  private chainId: string | null = null;
  readonly auth: ParadexAuthenticator;

  constructor(private readonly options: ParadexClientOptions) {
    const budgets = new Map<string, RateBudget>();
    this.http = new ExchangeHttpClient({
      exchangeLabel: PARADEX_LABEL,
      baseUrl: options.baseUrl,
      limiter:
        options.limiter ??
        ((path) => {
          let budget = budgets.get(path);
          if (!budget) budgets.set(path, (budget = paradexBudget(options.baseUrl, options.limiterAccount, path)));
          return budget;
        }),
      retry: { ...DEFAULT_RETRY, classify: classifyParadexAnswer, ...options.retry },
      timeoutMs: options.timeoutMs,
    });
    this.auth = options.authenticator(this);
  }

  send(request: ExchangeRequest, signal: AbortSignal): Promise<ExchangeAnswer> {
    return this.http.send(request, signal);
  }

  /** starknet_chain_id from GET /v1/system/config (public), fetched once per client. */
  async starknetChainId(signal: AbortSignal): Promise<string> {
    if (this.chainId) return this.chainId;
    const response = await this.http.send({ method: 'GET', path: '/system/config' }, signal);
    const config = parseAnswer(systemConfigSchema, this.read(response), 'a system config', response.where);
    this.chainId = config.starknet_chain_id;
    return this.chainId;
  }

  /** An unauthenticated GET (system tables); parsed JSON of a 2xx answer, PerpvolError otherwise. */
  async publicGet(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    return this.read(await this.http.send({ method: 'GET', path, query }, signal));
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
      return this.read(response);
    }
  }

  /** The JSON of a 2xx answer, or the error Paradex's table gives it (kit/answer-reader.ts). */
  private read(answer: ExchangeAnswer): unknown {
    return readAnswer(PARADEX_ANSWERS, answer, this.options.accountLabel);
  }
}
