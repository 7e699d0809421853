/**
 * Signed GETs to Bybit V5: paced per route by limiters shared by everyone spending the same UID's
 * budget, plus this machine's per-IP budget; retried where a retry can succeed; and unwrapped from
 * Bybit's {retCode, retMsg, result} envelope into a result or a PerpvolError (errors.ts).
 */
import { createHash } from 'node:crypto';
import { readAnswer } from '../kit/answer-reader.ts';
import { limiterKey } from '../kit/limiter-key.ts';
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  type QueryValue,
  type RetryPolicy,
} from '../http/exchange-http-client.ts';
import { CombinedBudget, sharedRateLimiters, type RateBudget } from '../http/rate-limiter.ts';
import { BYBIT_MAINNET_ORIGIN, DEFAULT_ROUTE_LIMIT, IP_LIMIT, RECV_WINDOW_MS, ROUTE_LIMITS } from './constants.ts';
import { BYBIT_ANSWERS, classifyBybitResponse } from './errors.ts';
import { bybitAuthHeaders } from './sign.ts';

export interface BybitClientOptions {
  /** REST origin; null = mainnet. */
  baseUrl: string | null;
  apiKey: string;
  apiSecret: string;
  /** The account's UID when known (the key check tells it): limits are per UID. */
  uid?: string | null;
  /** Defaults to the process-wide budgets of this UID (or key) and this machine's IP. */
  limiter?: RateBudget;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  recvWindowMs?: number;
  /** Wall clock for request timestamps (ms); injectable for clock-skew tests. */
  clock?: () => number;
}

/**
 * What a request to `path` spends: its route's per-UID budget and the per-IP budget, both shared
 * process-wide. Before the UID is known (while a key is being checked) the key stands for it —
 * keyed by a digest, so no credential sits in a long-lived map key.
 */
export function bybitBudget(origin: string, owner: { uid?: string | null; apiKey: string }, path: string): RateBudget {
  const who = owner.uid ? `uid:${owner.uid}` : `key:${createHash('sha256').update(owner.apiKey).digest('hex').slice(0, 16)}`;
  return new CombinedBudget([
    sharedRateLimiters.get(limiterKey('bybit', origin, who, path), ROUTE_LIMITS[path] ?? DEFAULT_ROUTE_LIMIT),
    sharedRateLimiters.get(limiterKey('bybit', origin, 'ip'), IP_LIMIT),
  ]);
}

/**
 * What a public request (market data: no key, no UID) spends: its route's budget for this origin,
 * shared by every account, and the per-IP budget.
 */
export function bybitPublicBudget(origin: string, path: string): RateBudget {
  return new CombinedBudget([
    sharedRateLimiters.get(limiterKey('bybit', origin, 'public', path), ROUTE_LIMITS[path] ?? DEFAULT_ROUTE_LIMIT),
    sharedRateLimiters.get(limiterKey('bybit', origin, 'ip'), IP_LIMIT),
  ]);
}

/** Paths Bybit serves without a key (https://bybit-exchange.github.io/docs/v5/market/instrument and the rest of /v5/market). */
const isPublicPath = (path: string): boolean => path.startsWith('/v5/market/');

export class BybitClient {
  private readonly http: ExchangeHttpClient;
  private readonly clock: () => number;
  private readonly recvWindow: number;
  /** The REST origin, e.g. https://api.bybit.com: what public data is shared by. */
  readonly origin: string;

  constructor(private readonly options: BybitClientOptions) {
    const baseUrl = options.baseUrl ?? BYBIT_MAINNET_ORIGIN;
    const origin = new URL(baseUrl).origin;
    this.origin = origin;
    const budgets = new Map<string, RateBudget>();
    this.clock = options.clock ?? Date.now;
    this.recvWindow = options.recvWindowMs ?? RECV_WINDOW_MS;
    this.http = new ExchangeHttpClient({
      exchangeLabel: 'Bybit',
      baseUrl,
      limiter:
        options.limiter ??
        ((path) => {
          let budget = budgets.get(path);
          if (!budget) budgets.set(path, (budget = isPublicPath(path) ? bybitPublicBudget(origin, path) : bybitBudget(origin, options, path)));
          return budget;
        }),
      retry: { ...DEFAULT_RETRY, ...options.retry, classify: classifyBybitResponse },
      timeoutMs: options.timeoutMs,
    });
  }

  /** GET `path` with `query` (sent in this order, which the signature covers) and return `result`. */
  async get(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    const { apiKey, apiSecret } = this.options;
    return readAnswer(
      BYBIT_ANSWERS,
      await this.http.send(
        {
          method: 'GET',
          path,
          query,
          sign: ({ queryString }) =>
            bybitAuthHeaders({ apiKey, apiSecret, timestamp: this.clock(), recvWindow: this.recvWindow, payload: queryString }),
        },
        signal,
      ),
    );
  }

  /** GET public market data (/v5/market/…): unsigned, paced per origin rather than per UID. */
  async publicGet(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    return readAnswer(BYBIT_ANSWERS, await this.http.send({ method: 'GET', path, query }, signal));
  }
}

/**
 * Bybit hands out nextPageCursor already percent-encoded (e.g. "123%3A0%2C123%3A0", or for
 * instruments "first%3DBIOUSDT%26last%3DBIOUSDT") and expects it back as is. The HTTP client
 * percent-encodes every value, so keep the decoded form: encoding it once yields exactly what Bybit sent.
 */
export function sendableCursor(cursor: string): string {
  try {
    return decodeURIComponent(cursor);
  } catch {
    return cursor;
  }
}
