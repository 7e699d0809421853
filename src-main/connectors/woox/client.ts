/**
 * Signed, paced HTTP to one WOO X account. Each private endpoint has its own per-account budget, so
 * each gets its own limiter, shared by every connector using the same key (two syncs of one
 * account never add up past the limit). Answers are parsed with large ids kept exact, error
 * envelopes become PerpvolErrors, and bodies are validated against a zod schema.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  type ExchangeResponse,
  type QueryValue,
  type RetryPolicy,
  type RetryVerdict,
} from '../http/exchange-http-client.ts';
import { sharedRateLimiters, type RateLimit, type WeightedRateLimiter } from '../http/rate-limiter.ts';
import {
  ACCOUNT_CREDENTIALS_PATH,
  ACCOUNT_ENDPOINT_PACE,
  ACCOUNT_INFO_PATH,
  TRADING_FEE_PACE,
  TRADING_FEE_PATH,
  TRANSACTION_HISTORY_PACE,
  TRANSACTION_HISTORY_PATH,
  WOOX_ERROR,
} from './constants.ts';
import { wooxError } from './errors.ts';
import { errorEnvelopeSchema, quoteLargeIntegers } from './schemas.ts';
import { authHeaders, v3SignedContent, type WooxKey } from './sign.ts';

export const WOOX_LABEL = 'WOO X';

/** Pace per endpoint path; unknown paths get the strictest known pace. */
const PACE_BY_PATH: Record<string, RateLimit> = {
  [TRANSACTION_HISTORY_PATH]: TRANSACTION_HISTORY_PACE,
  [ACCOUNT_INFO_PATH]: ACCOUNT_ENDPOINT_PACE,
  [ACCOUNT_CREDENTIALS_PATH]: ACCOUNT_ENDPOINT_PACE,
  [TRADING_FEE_PATH]: TRADING_FEE_PACE,
};

export interface WooxClientOptions {
  baseUrl: string;
  key: WooxKey;
  timeoutMs?: number;
  /** Backoff tuning (tests shorten it); classification stays WOO X's. */
  retry?: Partial<Omit<RetryPolicy, 'classify'>>;
  /** Limiter per path, replacing the shared ones (tests against a simulator without limits). */
  limiterFor?: (path: string) => WeightedRateLimiter;
  /** Source of x-api-timestamp. */
  clock?: () => number;
}

const RETRYABLE_CODES = new Set<number>([WOOX_ERROR.TOO_MANY_REQUESTS, WOOX_ERROR.UNKNOWN, WOOX_ERROR.INTERNAL_ERROR]);

/** WOO X answers worth another try: throttling, 5xx, transient envelope codes, cut-off bodies. */
export function classifyWooxResponse(response: ExchangeResponse): RetryVerdict {
  const retryAfter = Number(response.headers['retry-after']);
  const delayMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
  if (response.status === 429) return { retry: true, reason: 'rate limited (HTTP 429)', ...(delayMs ? { delayMs } : {}) };
  if (response.status >= 500) return { retry: true, reason: `server error (HTTP ${response.status})` };
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return { retry: true, reason: `unreadable answer (HTTP ${response.status}, ${response.text.length} bytes)` };
  }
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (envelope.success && RETRYABLE_CODES.has(envelope.data.code)) {
    return { retry: true, reason: `WOO X error ${envelope.data.code}` };
  }
  return { retry: false };
}

/** A short non-reversible tag of the key, so limiters are per key without holding the key itself. */
function keyTag(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
}

export class WooxClient {
  private readonly tag: string;
  /** One HTTP client per endpoint, because each endpoint spends its own limiter. */
  private readonly clients = new Map<string, ExchangeHttpClient>();

  constructor(private readonly options: WooxClientOptions) {
    this.tag = keyTag(options.key.apiKey);
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

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

  private limiter(path: string): WeightedRateLimiter {
    if (this.options.limiterFor) return this.options.limiterFor(path);
    return sharedRateLimiters.get(`woox:${this.tag}:${path}`, PACE_BY_PATH[path] ?? ACCOUNT_ENDPOINT_PACE);
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
    return readAnswer(response, schema, path);
  }
}

function readAnswer<S extends z.ZodType>(response: ExchangeResponse, schema: S, path: string): z.output<S> {
  let body: unknown;
  try {
    body = JSON.parse(quoteLargeIntegers(response.text));
  } catch {
    throw malformed(`an answer that is not valid JSON (HTTP ${response.status}, ${response.text.length} bytes)`, path);
  }
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (envelope.success) throw wooxError(envelope.data, response.status);
  if (response.status < 200 || response.status >= 300) throw wooxError(null, response.status);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    throw malformed(`an answer Perpvol does not understand (${where})`, path);
  }
  return parsed.data;
}

function malformed(what: string, path: string): PerpvolError {
  return new PerpvolError(
    'exchange_unavailable',
    'malformed_response',
    `${WOOX_LABEL} sent ${what} for ${path}. Nothing was stored from it; the sync will try again, and if this ` +
      'persists the WOO X API may have changed — update Perpvol.',
    true,
  );
}
