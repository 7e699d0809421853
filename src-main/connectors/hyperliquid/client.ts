/**
 * `POST /info` to one Hyperliquid origin: paced by a limiter shared per origin, retried on 429/5xx,
 * and validated with zod so that a malformed answer never reaches the normalizer.
 */
import type { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import { ExchangeHttpClient, type HttpTuning } from '../http/exchange-http-client.ts';
import { sharedRateLimiters, type RateLimit } from '../http/rate-limiter.ts';
import { parseOrMalformed, readAnswer } from '../kit/error-table.ts';
import { HYPERLIQUID_ANSWERS } from './errors.ts';

/** https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api — mainnet and testnet API URLs. */
export const HYPERLIQUID_MAINNET_URL = 'https://api.hyperliquid.xyz';
export const HYPERLIQUID_TESTNET_URL = 'https://api.hyperliquid-testnet.xyz';

/**
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits — "REST requests
 * share an aggregated weight limit of 1200 per minute" per IP, read as never more than 1200 inside
 * ANY 60 seconds (docs/exchanges.md, "Rate limits"). Weights below are from the same page (2026-11).
 */
export const HYPERLIQUID_RATE_LIMIT: RateLimit = { capacity: 1200, intervalMs: 60_000 };
/** clearinghouseState and a few others. */
export const LIGHT_INFO_WEIGHT = 2;
/** "All other documented info requests" (userFees, portfolio, userFills…). */
export const INFO_WEIGHT = 20;

/** Info request types that cost "an additional rate limit weight per 20 items returned". */
const ITEM_WEIGHTED_INFO_TYPES: ReadonlySet<string> = new Set(['userFills', 'userFillsByTime']);

/**
 * What a fills answer of `items` rows costs. Rounded up: the docs do not say whether a partial 20
 * counts, and over-estimating only leaves weight unspent, never earns a 429.
 */
export const fillsAnswerWeight = (items: number): number => INFO_WEIGHT + Math.ceil(items / 20);

export class HyperliquidInfoClient {
  private readonly http: ExchangeHttpClient;

  constructor(baseUrl: string | null, options: HttpTuning = {}) {
    const base = originOf(baseUrl ?? HYPERLIQUID_MAINNET_URL);
    // the budget is per IP: one per origin, shared by every account on this machine
    const limiter = options.limiter ?? sharedRateLimiters.get(['hyperliquid', base, 'ip'], HYPERLIQUID_RATE_LIMIT);
    this.http = new ExchangeHttpClient({ answers: HYPERLIQUID_ANSWERS, baseUrl: base, limiter, retry: options.retry, timeoutMs: options.timeoutMs });
  }

  async info<S extends z.ZodType>(body: { type: string } & Record<string, unknown>, schema: S, weight: number, signal: AbortSignal): Promise<z.infer<S>> {
    const sent = await this.http.send({ method: 'POST', path: '/info', body: JSON.stringify(body), weight }, signal);
    const answer = { ...sent, where: `${sent.where} "${body.type}"` };
    const data = parseOrMalformed(HYPERLIQUID_ANSWERS.label, schema, readAnswer(HYPERLIQUID_ANSWERS, answer, body.type), 'an answer', answer.where);
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
