/**
 * Signed GETs to Bybit V5: paced by a limiter shared by everyone using the same API key (Bybit
 * counts per UID and endpoint; one key is one UID), retried where a retry can succeed, and
 * unwrapped from Bybit's {retCode, retMsg, result} envelope into a result or a PerpvolError.
 */
import { createHash } from 'node:crypto';
import { PerpvolError } from '../../core/errors.ts';
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  type ExchangeResponse,
  type QueryValue,
  type RetryPolicy,
} from '../http/exchange-http-client.ts';
import { sharedRateLimiters, type WeightedRateLimiter } from '../http/rate-limiter.ts';
import { BYBIT_MAINNET_ORIGIN, CLIENT_LIMIT, RECV_WINDOW_MS, RET_CODE } from './constants.ts';
import { bybitError, classifyBybitResponse } from './errors.ts';
import { EnvelopeSchema, type BybitEnvelope } from './schemas.ts';
import { bybitAuthHeaders } from './sign.ts';

export interface BybitClientOptions {
  /** REST origin; null = mainnet. */
  baseUrl: string | null;
  apiKey: string;
  apiSecret: string;
  /** Defaults to the process-wide limiter of this key. */
  limiter?: WeightedRateLimiter;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  recvWindowMs?: number;
  /** Wall clock for request timestamps (ms); injectable for clock-skew tests. */
  clock?: () => number;
}

/** The limiter all accounts using this key share, so two syncs of one UID stay under its limit together. */
export function bybitKeyLimiter(origin: string, apiKey: string): WeightedRateLimiter {
  // Keyed by a digest, not the key itself, so no credential sits in a long-lived map key.
  const digest = createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
  return sharedRateLimiters.get(`bybit ${origin} ${digest}`, CLIENT_LIMIT);
}

export class BybitClient {
  private readonly http: ExchangeHttpClient;
  private readonly clock: () => number;
  private readonly recvWindow: number;

  constructor(private readonly options: BybitClientOptions) {
    const baseUrl = options.baseUrl ?? BYBIT_MAINNET_ORIGIN;
    this.clock = options.clock ?? Date.now;
    this.recvWindow = options.recvWindowMs ?? RECV_WINDOW_MS;
    this.http = new ExchangeHttpClient({
      exchangeLabel: 'Bybit',
      baseUrl,
      limiter: options.limiter ?? bybitKeyLimiter(new URL(baseUrl).origin, options.apiKey),
      retry: { ...DEFAULT_RETRY, ...options.retry, classify: classifyBybitResponse },
      timeoutMs: options.timeoutMs,
    });
  }

  /** GET `path` with `query` (sent in this order, which the signature covers) and return `result`. */
  async get(path: string, query: [string, QueryValue][], signal: AbortSignal): Promise<unknown> {
    const { apiKey, apiSecret } = this.options;
    const response = await this.http.send(
      {
        method: 'GET',
        path,
        query,
        sign: ({ queryString }) =>
          bybitAuthHeaders({ apiKey, apiSecret, timestamp: this.clock(), recvWindow: this.recvWindow, payload: queryString }),
      },
      signal,
    );
    const envelope = readEnvelope(response);
    if (envelope === null) throw bybitError(response, null);
    if (envelope.retCode !== RET_CODE.OK) throw bybitError(response, envelope);
    if (response.status !== 200) throw bybitError(response, null);
    return envelope.result;
  }
}

/** The Bybit envelope of an answer, or null when it is not one (HTML error page, cut-off body). */
function readEnvelope(response: ExchangeResponse): BybitEnvelope | null {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    if (response.status === 200) throw truncated(response);
    return null;
  }
  const parsed = EnvelopeSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  if (response.status === 200) throw truncated(response);
  return null;
}

function truncated(response: ExchangeResponse): PerpvolError {
  return new PerpvolError(
    'exchange_unavailable',
    'malformed_response',
    `Bybit sent an answer that is not a complete Bybit reply (HTTP ${response.status}, ${response.text.length} bytes). ` +
      'Nothing was stored from it; the sync will try again.',
    true,
  );
}
