import { Agent, request, type Dispatcher } from 'undici';
import { PerpvolError } from '../../core/errors.ts';
import { sleep, type WeightedRateLimiter } from './rate-limiter.ts';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface ExchangeRequest {
  method: HttpMethod;
  /** Path below the client's base URL, e.g. '/v5/execution/list'. */
  path: string;
  /** Sent in this order; undefined values are left out. Signatures depend on the exact string. */
  query?: [string, QueryValue][];
  /** The raw body exactly as it is sent (signatures are computed over these bytes). */
  body?: string;
  headers?: Record<string, string>;
  /** Cost in the exchange's rate-limit unit. */
  weight?: number;
  /**
   * Called before every attempt with what will be sent, returning auth headers. Signatures carry
   * timestamps, so a retry must be signed again rather than replayed.
   */
  sign?: (signed: { method: HttpMethod; path: string; queryString: string; body: string }) =>
    | Record<string, string>
    | Promise<Record<string, string>>;
}

export interface ExchangeResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

export type RetryVerdict = { retry: false } | { retry: true; delayMs?: number; reason: string };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Exchange-specific reading of an answer: whether it is worth another try and when (from the
   * exchange's reset headers). Network failures and timeouts always retry.
   */
  classify(response: ExchangeResponse): RetryVerdict;
}

export interface ExchangeHttpClientOptions {
  /** Exchange name for messages, e.g. 'Bybit'. */
  exchangeLabel: string;
  /** Origin with optional path prefix, e.g. 'https://api.prod.paradex.trade/v1'. */
  baseUrl: string;
  limiter: WeightedRateLimiter;
  retry: RetryPolicy;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Longest wait for an exchange-announced reset (Bybit's IP ban lasts 10 minutes, the worst documented). */
export const MAX_RESET_WAIT_MS = 10 * 60_000;

/** 429 and 5xx retry after exponential backoff unless the exchange said when; 4xx are final. */
export function defaultClassify(response: ExchangeResponse): RetryVerdict {
  if (response.status === 429) return { retry: true, reason: 'rate limited (HTTP 429)' };
  if (response.status >= 500) return { retry: true, reason: `server error (HTTP ${response.status})` };
  return { retry: false };
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  classify: defaultClassify,
};

let sharedAgent: Agent | undefined;
function agent(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 10_000, connections: 8 });
  return sharedAgent;
}

export function encodeQuery(query: [string, QueryValue][] | undefined): string {
  if (!query) return '';
  return query
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/**
 * HTTP to one exchange origin: paced by the shared limiter, timed out, retried with backoff that
 * honours the exchange's reset time. It returns the final answer whatever its status, so the
 * connector can read the exchange's error envelope; it throws only when no answer could be had.
 */
export class ExchangeHttpClient {
  private readonly base: URL;

  constructor(private readonly options: ExchangeHttpClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async send(req: ExchangeRequest, signal: AbortSignal): Promise<ExchangeResponse> {
    const { retry, limiter, exchangeLabel } = this.options;
    const queryString = encodeQuery(req.query);
    const url = new URL(req.path.replace(/^\//, ''), this.base);
    url.search = queryString;
    const body = req.body ?? '';
    let lastProblem = 'no attempt made';
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      await limiter.acquire(req.weight ?? 1, signal);
      let delayMs: number | undefined;
      try {
        const auth = req.sign ? await req.sign({ method: req.method, path: url.pathname, queryString, body }) : {};
        const response = await this.attempt(req, url, body, { ...req.headers, ...auth }, signal);
        const verdict = retry.classify(response);
        if (!verdict.retry) return response;
        lastProblem = verdict.reason;
        // Trust the exchange's reset time, but not a clock-skewed or garbled one that says "next week".
        delayMs = verdict.delayMs === undefined ? undefined : Math.min(Math.max(0, verdict.delayMs), MAX_RESET_WAIT_MS);
        if (delayMs !== undefined) limiter.drainUntil(performance.now() + delayMs);
        if (attempt === retry.maxAttempts) return response;
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (error instanceof PerpvolError) throw error;
        lastProblem = describeNetworkError(error);
      }
      await sleep(delayMs ?? backoff(attempt, retry), signal);
    }
    throw new PerpvolError(
      'exchange_unavailable',
      'exchange_unreachable',
      `${exchangeLabel} could not be reached at ${this.base.origin} after ${retry.maxAttempts} attempts (${lastProblem}). ` +
        'Check your internet connection or the exchange status page; Perpvol will try again at the next sync.',
      true,
    );
  }

  private async attempt(
    req: ExchangeRequest,
    url: URL,
    body: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<ExchangeResponse> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const response = await request(url, {
      method: req.method,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body || undefined,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      dispatcher: this.options.dispatcher ?? agent(),
    });
    const text = await response.body.text();
    const flatHeaders: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(response.headers)) {
      flatHeaders[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { status: response.statusCode, headers: flatHeaders, text };
  }
}

function backoff(attempt: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Full jitter keeps several accounts from retrying in lockstep.
  return Math.round(exponential / 2 + Math.random() * (exponential / 2));
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** Parses an answer's JSON, or explains that the exchange sent something else. */
export function parseJson(response: ExchangeResponse, exchangeLabel: string): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    throw new PerpvolError(
      'exchange_unavailable',
      'malformed_response',
      `${exchangeLabel} sent an answer that is not valid JSON (HTTP ${response.status}, ${response.text.length} bytes). ` +
        'Nothing was stored from it; the sync will try again.',
      true,
    );
  }
}
