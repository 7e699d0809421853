/**
 * HTTP to one exchange origin: paced by the shared rate budget, timed out, and retried only where a
 * retry can succeed (docs/exchanges.md, "When the exchange answers badly"). Otherwise it returns the
 * final answer whatever its status, so the connector can read the exchange's envelope.
 */
import { Agent, request } from 'undici';
import { PerpvolError } from '../../core/errors.ts';
import { classifierFor, type ErrorTable } from '../kit/error-table.ts';
import {
  connectionKeptFailing,
  exchangeTimeout,
  exchangeUnreachable,
  pacingTooLong,
  rateLimitedForNow,
  rateLimitedTooLong,
  readNetworkFailure,
} from './exchange-errors.ts';
import { realClock, type LimiterClock, type Permit, type RateBudget } from './rate-limiter.ts';

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
  /** Cost in the exchange's rate-limit unit (for a charge-by-answer request: the worst case). */
  weight?: number;
  /** Auth headers for what will be sent, asked before every attempt: signatures carry timestamps, so a retry is signed again. */
  sign?: (signed: { method: HttpMethod; path: string; queryString: string; body: string }) => Record<string, string> | Promise<Record<string, string>>;
}

export interface ExchangeResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

export interface ExchangeAnswer extends ExchangeResponse {
  /** "GET /v5/execution/list": the method and URL path as sent, for messages. */
  where: string;
  /** What the request really cost when the exchange charges by the answer (Hyperliquid fills). */
  settleWeight(usedWeight: number): void;
}

/** `delayMs`: when the exchange said to come back (its reset header); `rateLimited`: waited out until the window resets, no failed attempt. */
export type RetryVerdict = { retry: false } | { retry: true; delayMs?: number; rateLimited?: boolean };

export interface RetryPolicy {
  /** Attempts for transient failures (5xx, dropped connections, bodies cut off); back-off between them. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Rate-limit answers in a row, each waited out, before the request fails. */
  rateLimitedWindows: number;
}

/** The rate budget requests spend, or one per path (exchanges that limit each route on its own). */
export type Budgets = RateBudget | ((path: string) => RateBudget);

/** What the caller of an exchange's client may replace: tests shorten the back-off, or spend a budget without limits. */
export interface HttpTuning {
  /** Default: the budgets every client of the exchange shares. */
  limiter?: Budgets;
  /** What is worth a retry stays the exchange's error table's. */
  retry?: Partial<RetryPolicy>;
  /** How long an answer may take to start, and then to finish arriving. */
  timeoutMs?: number;
}

export interface ExchangeHttpClientOptions extends HttpTuning {
  /** The exchange's error table: its label for messages, and which answers are worth another try. */
  answers: ErrorTable;
  /** Origin with optional path prefix, e.g. 'https://api.prod.paradex.trade/v1'. */
  baseUrl: string;
  limiter: Budgets;
}

/** How long a connection may take to open (an address that swallows packets). */
const CONNECT_TIMEOUT_MS = 10_000;
/** Longest wait for an exchange-announced reset (Bybit's IP ban lasts 10 minutes, the worst documented). */
const MAX_RESET_WAIT_MS = 10 * 60_000;

/**
 * For test processes only (the app never calls these): a hung-socket test need not wait out 15 real
 * seconds per request to see the same exchange_timeout, and waits between retries may run on a clock
 * that skips them (test/support/skipping-clock.ts) — every retry still happens, in the same order,
 * through the rate limiter, which keeps its own clock. Both apply to every client of this process.
 */
let defaultTimeoutMs = 15_000;
let retryWaits: Pick<LimiterClock, 'sleep'> = realClock;
export function useDefaultAnswerTimeout(ms: number): void {
  defaultTimeoutMs = ms;
}
export function useRetryWaitClock(clock: Pick<LimiterClock, 'sleep'>): void {
  retryWaits = clock;
}

/**
 * A time limit the client can see: an exchange call should not spend its time waiting for what it
 * already knows will come too late (a 60-second rate-limit reset inside a 30-second "add account")
 * but say so at once. `AbortSignal.timeout` ends the call; the deadline is kept beside it.
 */
const deadlines = new WeakMap<AbortSignal, number>();
export function deadlineSignal(ms: number): AbortSignal {
  const signal = AbortSignal.timeout(ms);
  deadlines.set(signal, Date.now() + ms);
  return signal;
}
/** Time left before `signal`'s deadline; Infinity for a signal without one (a sync pass). */
const msLeft = (signal: AbortSignal): number => (deadlines.get(signal) ?? Infinity) - Date.now();
/** Whether `signal` ended because its time was up (not because someone cancelled). */
export function timedOut(signal: AbortSignal): boolean {
  const reason: unknown = signal.reason;
  return signal.aborted && reason instanceof DOMException && reason.name === 'TimeoutError';
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, rateLimitedWindows: 5 };

const sharedAgent = new Agent({ keepAliveTimeout: 10_000, connections: 8, connect: { timeout: CONNECT_TIMEOUT_MS } });

const encodeQuery = (query: [string, QueryValue][] = []): string =>
  query.flatMap(([key, value]) => (value === undefined ? [] : [`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`])).join('&');

export class ExchangeHttpClient {
  private readonly base: URL;
  private readonly label: string;
  private readonly retry: RetryPolicy;
  private readonly classify: (response: ExchangeResponse) => RetryVerdict;

  constructor(private readonly options: ExchangeHttpClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.label = options.answers.label;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.classify = classifierFor(options.answers);
  }

  async send(req: ExchangeRequest, signal: AbortSignal): Promise<ExchangeAnswer> {
    const { retry, label } = this;
    const budget = typeof this.options.limiter === 'function' ? this.options.limiter(req.path) : this.options.limiter;
    const queryString = encodeQuery(req.query);
    const url = new URL(req.path.replace(/^\//, ''), this.base);
    url.search = queryString;
    const where = `${req.method} ${url.pathname}`;
    const body = req.body ?? '';
    let failures = 0;
    let rateLimited = 0;
    let waitedForLimits = 0;
    for (;;) {
      const permit = await this.acquire(budget, req.weight ?? 1, signal, where);
      let response: ExchangeResponse;
      try {
        const auth = req.sign ? await req.sign({ method: req.method, path: url.pathname, queryString, body }) : {};
        response = await this.attempt(req.method, url, body, { ...req.headers, ...auth }, signal);
      } catch (error) {
        const failure = readNetworkFailure(error);
        // Refused, unknown host, no route, TLS refused, no connection in time: not a byte of the
        // request reached the exchange, so it spends no budget (offline retries must not fill it).
        const neverSent = failure.kind === 'unreachable' || failure.code === 'UND_ERR_CONNECT_TIMEOUT';
        if (!signal.aborted && !(error instanceof PerpvolError) && neverSent) permit.cancel();
        else permit.complete(); // it may have reached the exchange: it counts
        if (signal.aborted) throw this.abortError(signal, where);
        if (error instanceof PerpvolError) throw error;
        if (failure.kind === 'timeout') {
          const waited = failure.code === 'UND_ERR_CONNECT_TIMEOUT' ? CONNECT_TIMEOUT_MS : (this.options.timeoutMs ?? defaultTimeoutMs);
          throw exchangeTimeout(label, where, waited);
        }
        if (failure.kind === 'unreachable') throw exchangeUnreachable(label, this.base.origin, failure.detail);
        failures += 1;
        const delay = backoff(failures, retry);
        if (failures >= retry.maxAttempts || delay > msLeft(signal)) throw connectionKeptFailing(label, where, failures, failure.detail);
        await this.sleep(delay, signal, where);
        continue;
      }
      permit.complete();
      const verdict = this.classify(response);
      if (!verdict.retry) return { ...response, where, settleWeight: (used) => permit.settle(used) };

      if (verdict.rateLimited) {
        rateLimited += 1;
        // The exchange's reset time when it gives one (capped: a garbled clock must not say "next
        // week"), else a whole window of the budget: by then everything it counted has left.
        const said = verdict.delayMs !== undefined && verdict.delayMs > 0 ? verdict.delayMs : budget.windowMs;
        const waitMs = Math.min(said, MAX_RESET_WAIT_MS);
        if (rateLimited > retry.rateLimitedWindows) throw rateLimitedTooLong(label, where, rateLimited, waitedForLimits);
        if (waitMs > msLeft(signal)) throw rateLimitedForNow(label, waitMs);
        // Everyone on this budget waits, not only this request; the budget holds the next attempt.
        budget.pauseFor(waitMs);
        waitedForLimits += waitMs;
        continue;
      }

      failures += 1;
      const delay = verdict.delayMs ?? backoff(failures, retry);
      // Out of attempts (or of time): the connector explains the last answer in the exchange's words.
      if (failures >= retry.maxAttempts || delay > msLeft(signal)) return { ...response, where, settleWeight: () => undefined };
      await this.sleep(Math.min(delay, MAX_RESET_WAIT_MS), signal, where);
    }
  }

  private async acquire(budget: RateBudget, weight: number, signal: AbortSignal, where: string): Promise<Permit> {
    try {
      return await budget.acquire(weight, signal);
    } catch (error) {
      if (signal.aborted && timedOut(signal)) throw pacingTooLong(this.label, where);
      throw error;
    }
  }

  private async sleep(ms: number, signal: AbortSignal, where: string): Promise<void> {
    try {
      await retryWaits.sleep(ms, signal);
    } catch {
      throw this.abortError(signal, where);
    }
  }

  /** A deadline that passed is the exchange's slowness (504); any other abort is the caller's own reason. */
  private abortError(signal: AbortSignal, where: string): unknown {
    return timedOut(signal) ? exchangeTimeout(this.label, where, null) : signal.reason;
  }

  private async attempt(method: HttpMethod, url: URL, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<ExchangeResponse> {
    const timeoutMs = this.options.timeoutMs ?? defaultTimeoutMs;
    const response = await request(url, {
      method,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body || undefined,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      dispatcher: sharedAgent,
    });
    const text = await response.body.text();
    const headerEntries = Object.entries(response.headers).map(([key, value]) => [key.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]);
    return { status: response.statusCode, headers: Object.fromEntries(headerEntries) as ExchangeResponse['headers'], text };
  }
}

function backoff(attempt: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Full jitter keeps several accounts from retrying in lockstep.
  return Math.round(exponential / 2 + Math.random() * (exponential / 2));
}
