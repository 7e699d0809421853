/** GETs to Bybit V5, signed and paced per UID and route (docs/exchanges.md, "Rate limits"), read through errors.ts. */
import { createHash, createHmac } from 'node:crypto';
import type { z } from 'zod';
import { parseOrMalformed, readAnswer } from '../kit/error-table.ts';
import { ExchangeHttpClient, type HttpTuning, type QueryValue } from '../http/exchange-http-client.ts';
import { CombinedBudget, sharedRateLimiters, type RateBudget } from '../http/rate-limiter.ts';
import { BYBIT_ANSWERS } from './errors.ts';
import { EXECUTION_LIST_PATH, FEE_RATE_PATH, QUERY_API_PATH } from './schemas.ts';

/** https://bybit-exchange.github.io/docs/v5/guide — REST base endpoint. */
export const BYBIT_MAINNET_ORIGIN = 'https://api.bybit.com';

/** https://bybit-exchange.github.io/docs/v5/guide — X-BAPI-RECV-WINDOW in ms (default 5000). */
const RECV_WINDOW_MS = 5_000;

/**
 * https://bybit-exchange.github.io/docs/v5/rate-limit — "rolling time window per second and UID", per endpoint.
 * Routes without a row get the lowest read figure (5/s); public market data has no UID and is paced at it per origin.
 */
export const EXECUTION_LIST_LIMIT = { capacity: 50, intervalMs: 1_000 } as const;
const DEFAULT_ROUTE_LIMIT = { capacity: 5, intervalMs: 1_000 } as const;
const ROUTE_LIMITS: Readonly<Record<string, { capacity: number; intervalMs: number }>> = {
  [EXECUTION_LIST_PATH]: EXECUTION_LIST_LIMIT, // Trade table: "50/s"
  [QUERY_API_PATH]: { capacity: 10, intervalMs: 1_000 }, // User table: "10 req/s"
  [FEE_RATE_PATH]: { capacity: 5, intervalMs: 1_000 }, // Account table: "5/s"
};
/** Same page, "HTTP IP limit": "600 requests within a 5-second window per IP". */
const IP_LIMIT = { capacity: 600, intervalMs: 5_000 } as const;

const isPublic = (path: string): boolean => path.startsWith('/v5/market/');

/**
 * The four auth headers for one attempt; a retry must call this again (the timestamp moves).
 * https://bybit-exchange.github.io/docs/v5/guide ("Create a request"): lowercase hex HMAC-SHA256(secret,
 * timestamp + apiKey + recvWindow + payload), the payload being a GET's query string without '?', byte
 * for byte as sent (not re-sorted), or a POST's raw body.
 */
export function bybitAuthHeaders(input: { apiKey: string; apiSecret: string; timestamp: number | string; recvWindow: number | string; payload: string }): Record<string, string> {
  const prehash = `${input.timestamp}${input.apiKey}${input.recvWindow}${input.payload}`;
  return {
    'X-BAPI-API-KEY': input.apiKey,
    'X-BAPI-TIMESTAMP': String(input.timestamp),
    'X-BAPI-RECV-WINDOW': String(input.recvWindow),
    'X-BAPI-SIGN': createHmac('sha256', input.apiSecret).update(prehash, 'utf8').digest('hex'),
  };
}

/** `limiter` defaults to the process-wide budgets of this UID (or key), per route, and of this machine's IP (per origin). */
export interface BybitClientOptions extends HttpTuning {
  /** REST origin; null = mainnet. */
  baseUrl: string | null;
  apiKey: string;
  apiSecret: string;
  /** The account's UID when known (the key check tells it): limits are per UID. */
  uid?: string | null;
  /** Wall clock for request timestamps (ms); injectable for clock-skew tests. */
  clock?: () => number;
}

export class BybitClient {
  private readonly http: ExchangeHttpClient;
  /** The REST origin, e.g. https://api.bybit.com: what public data is shared by. */
  readonly origin: string;

  constructor(private readonly options: BybitClientOptions) {
    const baseUrl = options.baseUrl ?? BYBIT_MAINNET_ORIGIN;
    const origin = (this.origin = new URL(baseUrl).origin);
    // Budgets are per UID; before it is known (while a key is checked) the key stands for it, by a
    // digest so that no credential sits in a long-lived map key. Public market data is paced per origin.
    const who = options.uid ? `uid:${options.uid}` : `key:${createHash('sha256').update(options.apiKey).digest('hex').slice(0, 16)}`;
    const budget = (path: string): RateBudget =>
      new CombinedBudget([
        sharedRateLimiters.get(['bybit', origin, isPublic(path) ? 'public' : who, path], ROUTE_LIMITS[path] ?? DEFAULT_ROUTE_LIMIT),
        sharedRateLimiters.get(['bybit', origin, 'ip'], IP_LIMIT),
      ]);
    this.http = new ExchangeHttpClient({ answers: BYBIT_ANSWERS, baseUrl, limiter: options.limiter ?? budget, retry: options.retry, timeoutMs: options.timeoutMs });
  }

  /**
   * GET `path` with `query` (sent in this order, which the signature covers) and return its `result`,
   * checked against `schema`. Public market data (/v5/market/…) goes unsigned.
   */
  async get<S extends z.ZodType>(path: string, query: [string, QueryValue][], schema: S, what: string, signal: AbortSignal): Promise<z.output<S>> {
    const { apiKey, apiSecret, clock = Date.now } = this.options;
    const sign = ({ queryString }: { queryString: string }) =>
      bybitAuthHeaders({ apiKey, apiSecret, timestamp: clock(), recvWindow: RECV_WINDOW_MS, payload: queryString });
    const request = { method: 'GET' as const, path, query, ...(isPublic(path) ? {} : { sign }) };
    return parseOrMalformed('Bybit', schema, readAnswer(BYBIT_ANSWERS, await this.http.send(request, signal)), what, `GET ${path}`);
  }
}

/**
 * Bybit hands out nextPageCursor already percent-encoded (e.g. "123%3A0%2C123%3A0") and expects it
 * back as is. The HTTP client percent-encodes every value, so keep the decoded form: encoding it
 * once yields exactly what Bybit sent.
 */
export function sendableCursor(cursor: string): string {
  try {
    return decodeURIComponent(cursor);
  } catch {
    return cursor;
  }
}
