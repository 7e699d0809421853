/**
 * Signed GETs to Bybit V5: paced per route by limiters shared by everyone spending the same UID's
 * budget, plus this machine's per-IP budget; retried where a retry can succeed; and read through
 * Bybit's answer format (errors.ts) into its `result` or a PerpvolError.
 */
import { createHash, createHmac } from 'node:crypto';
import { readAnswer } from '../kit/answer-reader.ts';
import { limiterKey } from '../kit/limiter-key.ts';
import { DEFAULT_RETRY, ExchangeHttpClient, type QueryValue, type RetryPolicy } from '../http/exchange-http-client.ts';
import { CombinedBudget, sharedRateLimiters, type RateBudget } from '../http/rate-limiter.ts';
import { BYBIT_MAINNET_ORIGIN, DEFAULT_ROUTE_LIMIT, IP_LIMIT, RECV_WINDOW_MS, ROUTE_LIMITS } from './constants.ts';
import { BYBIT_ANSWERS, classifyBybitResponse } from './errors.ts';

export interface BybitSignInput {
  apiKey: string;
  apiSecret: string;
  timestamp: number | string;
  recvWindow: number | string;
  /** GET: the query string without '?', byte for byte as sent (not re-sorted); POST: the raw body. */
  payload: string;
}

/** https://bybit-exchange.github.io/docs/v5/guide ("Create a request"): lowercase hex HMAC-SHA256(secret, timestamp + apiKey + recvWindow + payload). */
export function bybitSignature(input: BybitSignInput): string {
  const prehash = `${input.timestamp}${input.apiKey}${input.recvWindow}${input.payload}`;
  return createHmac('sha256', input.apiSecret).update(prehash, 'utf8').digest('hex');
}

/** The four auth headers for one attempt; a retry must call this again (the timestamp moves). */
export function bybitAuthHeaders(input: BybitSignInput): Record<string, string> {
  return {
    'X-BAPI-API-KEY': input.apiKey,
    'X-BAPI-TIMESTAMP': String(input.timestamp),
    'X-BAPI-RECV-WINDOW': String(input.recvWindow),
    'X-BAPI-SIGN': bybitSignature(input),
  };
}

export interface BybitClientOptions {
  /** REST origin; null = mainnet. */
  baseUrl: string | null;
  apiKey: string;
  apiSecret: string;
  /** The account's UID when known (the key check tells it): limits are per UID. */
  uid?: string | null;
  /** Defaults to the process-wide budgets of this UID (or key), per route, and of this machine's IP (per origin). */
  limiter?: RateBudget;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
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
        sharedRateLimiters.get(limiterKey('bybit', origin, path.startsWith('/v5/market/') ? 'public' : who, path), ROUTE_LIMITS[path] ?? DEFAULT_ROUTE_LIMIT),
        sharedRateLimiters.get(limiterKey('bybit', origin, 'ip'), IP_LIMIT),
      ]);
    this.http = new ExchangeHttpClient({
      exchangeLabel: 'Bybit',
      baseUrl,
      limiter: options.limiter ?? budget,
      retry: { ...DEFAULT_RETRY, ...options.retry, classify: classifyBybitResponse },
      timeoutMs: options.timeoutMs,
    });
  }

  /** GET `path` with `query` (sent in this order, which the signature covers) and return `result`. */
  async get(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    const { apiKey, apiSecret, clock = Date.now } = this.options;
    const sign = ({ queryString }: { queryString: string }) =>
      bybitAuthHeaders({ apiKey, apiSecret, timestamp: clock(), recvWindow: RECV_WINDOW_MS, payload: queryString });
    return readAnswer(BYBIT_ANSWERS, await this.http.send({ method: 'GET', path, query, sign }, signal));
  }

  /** GET public market data (/v5/market/…): unsigned. */
  async publicGet(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    return readAnswer(BYBIT_ANSWERS, await this.http.send({ method: 'GET', path, query }, signal));
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
