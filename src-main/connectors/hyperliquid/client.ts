/**
 * `POST /info` to one Hyperliquid origin: paced by a limiter shared per origin (the budget is per
 * IP, so every account on this machine spends the same one), retried on 429/5xx, and validated
 * with zod so that a malformed answer never reaches the normalizer.
 */
import type { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import { DEFAULT_RETRY, ExchangeHttpClient, type RetryPolicy } from '../http/exchange-http-client.ts';
import { sharedRateLimiters, type RateBudget } from '../http/rate-limiter.ts';
import { parseOrMalformed, readAnswer } from '../kit/answer-reader.ts';
import { limiterKey } from '../kit/limiter-key.ts';
import { classifyHyperliquidAnswer, HYPERLIQUID_ANSWERS, HYPERLIQUID_LABEL as LABEL } from './errors.ts';
import { fillsAnswerWeight, HYPERLIQUID_MAINNET_URL, HYPERLIQUID_RATE_LIMIT, ITEM_WEIGHTED_INFO_TYPES } from './limits.ts';

export interface HyperliquidClientOptions {
  /** For tests (fast retries) or callers that manage their own budget. */
  retry?: Partial<RetryPolicy>;
  limiter?: RateBudget;
  timeoutMs?: number;
}

export class HyperliquidInfoClient {
  private readonly http: ExchangeHttpClient;

  constructor(baseUrl: string | null, options: HyperliquidClientOptions = {}) {
    const base = originOf(baseUrl ?? HYPERLIQUID_MAINNET_URL);
    this.http = new ExchangeHttpClient({
      exchangeLabel: LABEL,
      baseUrl: base,
      // the budget is per IP (limits.ts): one per origin, shared by every account on this machine
      limiter: options.limiter ?? sharedRateLimiters.get(limiterKey('hyperliquid', base, 'ip'), HYPERLIQUID_RATE_LIMIT),
      retry: { ...DEFAULT_RETRY, ...options.retry, classify: classifyHyperliquidAnswer },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  /**
   * Sends one info request, reserving `weight` (for fills: the worst case, a full answer), and
   * returns its answer checked against `schema`.
   */
  async info<S extends z.ZodType>(body: { type: string } & Record<string, unknown>, schema: S, weight: number, signal: AbortSignal): Promise<z.infer<S>> {
    const sent = await this.http.send({ method: 'POST', path: '/info', body: JSON.stringify(body), weight }, signal);
    const answer = { ...sent, where: `${sent.where} "${body.type}"` };
    const data = parseOrMalformed(LABEL, schema, readAnswer(HYPERLIQUID_ANSWERS, answer, body.type), 'an answer', answer.where);
    // The weight a fills answer did not cost goes back to the shared budget, so incremental syncs
    // and short last pages do not hold back the requests after them.
    if (ITEM_WEIGHTED_INFO_TYPES.has(body.type) && Array.isArray(data)) sent.settleWeight(fillsAnswerWeight(data.length));
    return data;
  }
}

function originOf(baseUrl: string): string {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new PerpvolError('bad_input', 'invalid_base_url', `"${baseUrl}" is not an http(s) URL; leave the base URL empty for Hyperliquid mainnet.`);
  }
  return url.toString().replace(/\/$/, '');
}
