/**
 * Signed, paced HTTP to one WOO X account. Each private endpoint has its own per-account budget, so
 * each gets its own limiter, shared by every connector using the same key (two syncs of one
 * account never add up past the limit). Answers are read through WOO X's error table (errors.ts).
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { DEFAULT_RETRY, ExchangeHttpClient, type QueryValue, type RetryPolicy } from '../http/exchange-http-client.ts';
import { sharedRateLimiters, type RateBudget, type RateLimit } from '../http/rate-limiter.ts';
import { parseOrMalformed, readAnswer } from '../kit/answer-reader.ts';
import { limiterKey } from '../kit/limiter-key.ts';
import {
  ACCOUNT_CREDENTIALS_PATH,
  ACCOUNT_ENDPOINT_LIMIT,
  ACCOUNT_INFO_PATH,
  TRADING_FEE_LIMIT,
  TRADING_FEE_PATH,
  TRANSACTION_HISTORY_LIMIT,
  TRANSACTION_HISTORY_PATH,
} from './constants.ts';
import { classifyWooxResponse, WOOX_ANSWERS, WOOX_LABEL } from './errors.ts';
import { authHeaders, v3SignedContent, type WooxKey } from './sign.ts';

/** Limit per endpoint path (constants.ts cites each); unknown paths get the strictest known one. */
const LIMIT_BY_PATH: Record<string, RateLimit> = {
  [TRANSACTION_HISTORY_PATH]: TRANSACTION_HISTORY_LIMIT,
  [ACCOUNT_INFO_PATH]: ACCOUNT_ENDPOINT_LIMIT,
  [ACCOUNT_CREDENTIALS_PATH]: ACCOUNT_ENDPOINT_LIMIT,
  [TRADING_FEE_PATH]: TRADING_FEE_LIMIT,
};

export interface WooxClientOptions {
  baseUrl: string;
  key: WooxKey;
  timeoutMs?: number;
  /** Backoff tuning (tests shorten it); classification stays WOO X's. */
  retry?: Partial<Omit<RetryPolicy, 'classify'>>;
  /** Budget per path, replacing the shared ones (tests against a simulator without limits). */
  limiterFor?: (path: string) => RateBudget;
  /** Source of x-api-timestamp. */
  clock?: () => number;
}

export class WooxClient {
  /** One HTTP client per endpoint, because each endpoint spends its own limiter. */
  private readonly clients = new Map<string, ExchangeHttpClient>();

  constructor(private readonly options: WooxClientOptions) {}

  private httpFor(path: string): ExchangeHttpClient {
    let client = this.clients.get(path);
    if (!client) {
      client = new ExchangeHttpClient({
        exchangeLabel: WOOX_LABEL,
        baseUrl: this.options.baseUrl,
        limiter: this.limiter(path),
        retry: { ...DEFAULT_RETRY, ...this.options.retry, classify: classifyWooxResponse },
        ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
      });
      this.clients.set(path, client);
    }
    return client;
  }

  private limiter(path: string): RateBudget {
    if (this.options.limiterFor) return this.options.limiterFor(path);
    // A short non-reversible tag of the key: limiters per key (and origin) without holding the key itself.
    const tag = createHash('sha256').update(this.options.key.apiKey).digest('hex').slice(0, 16);
    return sharedRateLimiters.get(limiterKey('woox', this.options.baseUrl, `key:${tag}`, path), LIMIT_BY_PATH[path] ?? ACCOUNT_ENDPOINT_LIMIT);
  }

  /** Signed v3 GET; resolves to the validated body or throws a PerpvolError. */
  async get<S extends z.ZodType>(path: string, query: [string, QueryValue][], schema: S, signal: AbortSignal): Promise<z.output<S>> {
    const clock = this.options.clock ?? Date.now;
    const response = await this.httpFor(path).send(
      {
        method: 'GET',
        path,
        query,
        // Signed per attempt: a retry carries a fresh timestamp.
        sign: ({ method, path: signedPath, queryString, body }) => {
          const timestamp = clock();
          return authHeaders(this.options.key, timestamp, v3SignedContent({ timestamp, method, path: signedPath, queryString, body }));
        },
      },
      signal,
    );
    return parseOrMalformed(WOOX_LABEL, schema, readAnswer(WOOX_ANSWERS, response), 'an answer', response.where);
  }
}
