/**
 * Signed, paced HTTP to one WOO X account. Each private endpoint has its own per-account budget, so
 * each gets its own limiter, shared by every connector using the same key (two syncs of one
 * account never add up past the limit). Answers are read through WOO X's error table (errors.ts).
 */
import { createHash, createHmac } from 'node:crypto';
import type { z } from 'zod';
import { ExchangeHttpClient, type HttpTuning, type QueryValue } from '../http/exchange-http-client.ts';
import { sharedRateLimiters, type RateLimit } from '../http/rate-limiter.ts';
import { parseOrMalformed, readAnswer } from '../kit/error-table.ts';
import { WOOX_ANSWERS } from './errors.ts';

/** https://developer.woox.io/api-reference/guide ("Staging: https://api.staging.woox.io"). */
export const WOOX_MAINNET_ORIGIN = 'https://api.woox.io';
export const WOOX_STAGING_ORIGIN = 'https://api.staging.woox.io';

/**
 * v3 "Get transaction history (in the past 2 years)", the only trade route documented to reach two
 * years back: https://developer.woox.io/api-reference/endpoint/trading/get_transactions
 */
export const TRANSACTION_HISTORY_PATH = '/v3/trade/transactionHistory';
/** "Limit: 2 requests per 1 second" per account (same page): never more than 2 in any one-second window. */
export const TRANSACTION_HISTORY_LIMIT = { capacity: 2, intervalMs: 1_000 } as const;
/** applicationId, account, alias: https://developer.woox.io/api-reference/endpoint/account/get_account_info */
export const ACCOUNT_INFO_PATH = '/v3/account/info';
/** Each key's permissions and allowed IPs: https://developer.woox.io/api-reference/endpoint/account/credentials */
export const ACCOUNT_CREDENTIALS_PATH = '/v3/account/credentials';
/** Both account routes: "10 requests per 60 seconds", each route its own budget. */
const ACCOUNT_ENDPOINT_LIMIT = { capacity: 10, intervalMs: 60_000 } as const;
/** The account's rates, in basis points: https://developer.woox.io/api-reference/endpoint/trading/get_tradingFee */
export const TRADING_FEE_PATH = '/v3/trade/tradingFee';

/** Limit per endpoint path; unknown paths get the strictest known one. */
const LIMIT_BY_PATH: Record<string, RateLimit> = {
  [TRANSACTION_HISTORY_PATH]: TRANSACTION_HISTORY_LIMIT,
  [ACCOUNT_INFO_PATH]: ACCOUNT_ENDPOINT_LIMIT,
  [ACCOUNT_CREDENTIALS_PATH]: ACCOUNT_ENDPOINT_LIMIT,
  // "Limit: 2 requests per 1 second".
  [TRADING_FEE_PATH]: { capacity: 2, intervalMs: 1_000 },
};

export interface WooxKey {
  apiKey: string;
  apiSecret: string;
}

export function hmacSha256Hex(secret: string, content: string): string {
  return createHmac('sha256', secret).update(content, 'utf8').digest('hex');
}

/**
 * WOO X v3 request signing (https://developer.woox.io/api-reference/guide): the secret's HMAC over
 * timestamp + METHOD + path, "?" + the query string exactly as sent, and the raw body
 * (e.g. `1578565539808GET/v3/algo/orders?algoType=STOP`).
 */
export function v3AuthHeaders(key: WooxKey, timestamp: number, request: { method: string; path: string; queryString: string; body: string }): Record<string, string> {
  const query = request.queryString ? `?${request.queryString}` : '';
  return {
    'x-api-key': key.apiKey,
    'x-api-timestamp': String(timestamp),
    'x-api-signature': hmacSha256Hex(key.apiSecret, `${timestamp}${request.method.toUpperCase()}${request.path}${query}${request.body}`),
  };
}

/** A short non-reversible tag of the key: per-key state (limiters, the stream's application ids) without holding the key itself. */
export function keyTag(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
}

export interface WooxClientOptions extends HttpTuning {
  baseUrl: string;
  key: WooxKey;
  /** Source of x-api-timestamp. */
  clock?: () => number;
}

export class WooxClient {
  private readonly http: ExchangeHttpClient;

  constructor(private readonly options: WooxClientOptions) {
    const who = `key:${keyTag(options.key.apiKey)}`;
    const budget = (path: string) => sharedRateLimiters.get(['woox', options.baseUrl, who, path], LIMIT_BY_PATH[path] ?? ACCOUNT_ENDPOINT_LIMIT);
    this.http = new ExchangeHttpClient({ answers: WOOX_ANSWERS, baseUrl: options.baseUrl, limiter: options.limiter ?? budget, retry: options.retry, timeoutMs: options.timeoutMs });
  }

  /** Signed v3 GET; resolves to the validated body or throws a PerpvolError. */
  async get<S extends z.ZodType>(path: string, query: [string, QueryValue][], schema: S, signal: AbortSignal): Promise<z.output<S>> {
    const clock = this.options.clock ?? Date.now;
    const response = await this.http.send(
      // Signed per attempt: a retry carries a fresh timestamp.
      { method: 'GET', path, query, sign: (request) => v3AuthHeaders(this.options.key, clock(), request) },
      signal,
    );
    return parseOrMalformed(WOOX_ANSWERS.label, schema, readAnswer(WOOX_ANSWERS, response), 'an answer', response.where);
  }
}
