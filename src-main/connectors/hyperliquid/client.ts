/**
 * `POST /info` to one Hyperliquid origin: paced by a limiter shared per origin (the budget is per
 * IP, so every account on this machine spends the same one), retried on 429/5xx, and validated
 * with zod so that a malformed answer never reaches the normalizer.
 */
import type { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import { unexpectedAnswer } from '../http/exchange-errors.ts';
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  parseJson,
  type ExchangeAnswer,
  type RetryPolicy,
} from '../http/exchange-http-client.ts';
import { sharedRateLimiters, type RateBudget } from '../http/rate-limiter.ts';
import { malformed } from '../kit/answer-reader.ts';
import { limiterKey } from '../kit/limiter-key.ts';
import { fillsAnswerWeight, HYPERLIQUID_MAINNET_URL, HYPERLIQUID_RATE_LIMIT, ITEM_WEIGHTED_INFO_TYPES } from './limits.ts';

const LABEL = 'Hyperliquid';

export interface HyperliquidClientOptions {
  /** Overrides for tests (fast retries) or callers that manage their own budget. */
  retry?: Partial<RetryPolicy>;
  limiter?: RateBudget;
  timeoutMs?: number;
}

export type InfoRequestBody = { type: string } & Record<string, unknown>;

export class HyperliquidInfoClient {
  private readonly http: ExchangeHttpClient;

  constructor(baseUrl: string | null, options: HyperliquidClientOptions = {}) {
    const base = originOf(baseUrl ?? HYPERLIQUID_MAINNET_URL);
    this.http = new ExchangeHttpClient({
      exchangeLabel: LABEL,
      baseUrl: base,
      // https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits — per IP: one budget per origin.
      limiter: options.limiter ?? sharedRateLimiters.get(limiterKey('hyperliquid', base, 'ip'), HYPERLIQUID_RATE_LIMIT),
      retry: { ...DEFAULT_RETRY, ...options.retry },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  /**
   * Sends one info request, reserving `weight` (for fills: the worst case, a full answer), and
   * returns its answer checked against `schema`. Once a fills answer shows its real size, the
   * weight it did not cost goes back to the shared budget, so incremental syncs and short last
   * pages do not hold back the requests after them.
   */
  async info<S extends z.ZodType>(body: InfoRequestBody, schema: S, weight: number, signal: AbortSignal): Promise<z.infer<S>> {
    const answer = await this.http.send({ method: 'POST', path: '/info', body: JSON.stringify(body), weight }, signal);
    if (answer.status !== 200) throw errorFor(answer, body.type);
    const parsed = schema.safeParse(parseJson(answer, LABEL));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'unexpected shape';
      throw malformed(LABEL, `${answer.where} "${body.type}"`, `an answer in a shape Perpvol cannot read (${where})`);
    }
    // The weight a fills answer did not cost goes back to the shared budget: the request was
    // budgeted for the largest answer before it was sent.
    if (ITEM_WEIGHTED_INFO_TYPES.has(body.type) && Array.isArray(parsed.data)) {
      answer.settleWeight(fillsAnswerWeight(parsed.data.length));
    }
    return parsed.data;
  }
}

function originOf(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new PerpvolError('bad_input', 'invalid_base_url', `"${baseUrl}" is not an http(s) URL; leave the base URL empty for Hyperliquid mainnet.`);
  }
}

/** The final non-200 answer (after retries) as an error a person can act on. */
function errorFor(response: ExchangeAnswer, type: string): PerpvolError {
  const detail = response.text.slice(0, 200).trim();
  if (response.status === 400 || response.status === 422) {
    return new PerpvolError(
      'bad_input',
      'hyperliquid_rejected_request',
      `Hyperliquid refused the "${type}" request (HTTP ${response.status}: ${detail || 'no detail'}). ` +
        'Check that the account address is a 0x address of 40 hex digits.',
    );
  }
  if (response.status >= 500) {
    return new PerpvolError(
      'exchange_unavailable',
      'exchange_error',
      `Hyperliquid had a server error (HTTP ${response.status}) and still had it after several tries. Perpvol will try again at the next sync.`,
      true,
    );
  }
  return unexpectedAnswer(LABEL, `${response.where} "${type}"`, response);
}
