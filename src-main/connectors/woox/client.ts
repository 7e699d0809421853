/**
 * Signed, paced HTTP to one WOO X account. Each private endpoint has its own per-account budget, so
 * each gets its own limiter, shared by every connector using the same key (two syncs of one
 * account never add up past the limit). Answers are parsed with large ids kept exact, error
 * envelopes become PerpvolErrors, and bodies are validated against a zod schema.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { classifyTransient, isCutOffJson } from '../http/answer-reading.ts';
import { unexpectedAnswer } from '../http/exchange-errors.ts';
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  type ExchangeAnswer,
  type ExchangeResponse,
  type QueryValue,
  type RetryPolicy,
  type RetryVerdict,
} from '../http/exchange-http-client.ts';
import { sharedRateLimiters, type RateBudget, type RateLimit } from '../http/rate-limiter.ts';
import { malformed } from '../kit/answer-reader.ts';
import { limiterKey } from '../kit/limiter-key.ts';
import {
  ACCOUNT_CREDENTIALS_PATH,
  ACCOUNT_ENDPOINT_LIMIT,
  ACCOUNT_INFO_PATH,
  TRADING_FEE_LIMIT,
  TRADING_FEE_PATH,
  TRANSACTION_HISTORY_LIMIT,
  TRANSACTION_HISTORY_PATH,
  WOOX_ERROR,
} from './constants.ts';
import { wooxError } from './errors.ts';
import { errorEnvelopeSchema, quoteLargeIntegers } from './schemas.ts';
import { authHeaders, v3SignedContent, type WooxKey } from './sign.ts';

export const WOOX_LABEL = 'WOO X';

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

const RETRYABLE_CODES = new Set<number>([WOOX_ERROR.UNKNOWN, WOOX_ERROR.INTERNAL_ERROR]);

/**
 * WOO X answers worth another try: throttling (-1003, or HTTP 429: waited out), 5xx, transient
 * envelope codes, JSON cut off mid-body. A 404, an HTML page or any other non-JSON answer is not
 * WOO X's API speaking and fails at once.
 */
export function classifyWooxResponse(response: ExchangeResponse): RetryVerdict {
  const shared = classifyTransient(response);
  if (shared.retry) return shared;
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return { retry: false };
  }
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (envelope.success && envelope.data.code === WOOX_ERROR.TOO_MANY_REQUESTS) {
    return { retry: true, rateLimited: true, reason: `too many requests (WOO X ${envelope.data.code})` };
  }
  if (envelope.success && RETRYABLE_CODES.has(envelope.data.code)) {
    return { retry: true, reason: `WOO X error ${envelope.data.code}` };
  }
  return { retry: false };
}

/** A short non-reversible tag of the key, so limiters are per key (and origin) without holding the key itself. */
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

  private limiter(path: string): RateBudget {
    if (this.options.limiterFor) return this.options.limiterFor(path);
    return sharedRateLimiters.get(limiterKey('woox', this.options.baseUrl, `key:${this.tag}`, path), LIMIT_BY_PATH[path] ?? ACCOUNT_ENDPOINT_LIMIT);
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
    return readAnswer(response, schema);
  }
}

function readAnswer<S extends z.ZodType>(answer: ExchangeAnswer, schema: S): z.output<S> {
  let body: unknown;
  try {
    body = JSON.parse(quoteLargeIntegers(answer.text));
  } catch {
    const ok = answer.status >= 200 && answer.status < 300;
    if (ok && isCutOffJson(answer.text)) {
      throw malformed(WOOX_LABEL, answer.where, `an answer cut off mid-body (${answer.text.length} bytes, every retry)`);
    }
    // A gateway's own page for a status WOO X documents (401, 429, 5xx) still says what happened.
    if (isDocumentedBareStatus(answer.status)) throw wooxError(null, answer.status);
    throw unexpectedAnswer(WOOX_LABEL, answer.where, answer);
  }
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (envelope.success) throw wooxError(envelope.data, answer.status);
  if (answer.status < 200 || answer.status >= 300) {
    if (isDocumentedBareStatus(answer.status)) throw wooxError(null, answer.status);
    throw unexpectedAnswer(WOOX_LABEL, answer.where, answer);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    throw malformed(WOOX_LABEL, answer.where, `an answer Perpvol cannot read (${detail})`);
  }
  return parsed.data;
}

/** Statuses WOO X's errors come with even without an envelope: auth refused, throttled, server trouble. */
function isDocumentedBareStatus(status: number): boolean {
  return status === 401 || status === 403 || status === 429 || status >= 500;
}
