/**
 * `POST /info` to one Hyperliquid origin: paced by a limiter shared per origin (the budget is per
 * IP, so every account on this machine spends the same one), retried on 429/5xx, and validated
 * with zod so that a malformed answer never reaches the normalizer.
 */
import type { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import {
  DEFAULT_RETRY,
  ExchangeHttpClient,
  parseJson,
  type ExchangeResponse,
  type RetryPolicy,
} from '../http/exchange-http-client.ts';
import { sharedRateLimiters, type WeightedRateLimiter } from '../http/rate-limiter.ts';
import { fillsAnswerWeight, HYPERLIQUID_MAINNET_URL, HYPERLIQUID_RATE_LIMIT, ITEM_WEIGHTED_INFO_TYPES } from './limits.ts';

const LABEL = 'Hyperliquid';

export interface HyperliquidClientOptions {
  /** Overrides for tests (fast retries) or callers that manage their own budget. */
  retry?: RetryPolicy;
  limiter?: WeightedRateLimiter;
  timeoutMs?: number;
}

export type InfoRequestBody = { type: string } & Record<string, unknown>;

export class HyperliquidInfoClient {
  private readonly http: ExchangeHttpClient;
  private readonly limiter: WeightedRateLimiter;

  constructor(baseUrl: string | null, options: HyperliquidClientOptions = {}) {
    const base = originOf(baseUrl ?? HYPERLIQUID_MAINNET_URL);
    this.limiter = options.limiter ?? sharedRateLimiters.get(`hyperliquid ${new URL(base).origin}`, HYPERLIQUID_RATE_LIMIT);
    this.http = new ExchangeHttpClient({
      exchangeLabel: LABEL,
      baseUrl: base,
      limiter: this.limiter,
      retry: options.retry ?? DEFAULT_RETRY,
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
    const response = await this.http.send({ method: 'POST', path: '/info', body: JSON.stringify(body), weight }, signal);
    if (response.status !== 200) throw errorFor(response, body.type);
    const parsed = schema.safeParse(parseJson(response, LABEL));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'unexpected shape';
      throw new PerpvolError(
        'exchange_unavailable',
        'malformed_response',
        `Hyperliquid answered "${body.type}" in a shape Perpvol does not recognise (${where}). ` +
          'Nothing was stored from it; the sync will try again, and if this persists Perpvol needs an update.',
        true,
      );
    }
    this.refundUnused(body.type, parsed.data, weight);
    return parsed.data;
  }

  private refundUnused(type: string, answer: unknown, reserved: number): void {
    if (!ITEM_WEIGHTED_INFO_TYPES.has(type) || !Array.isArray(answer)) return;
    // The limiter never takes more than its capacity, so never give back more than that either.
    const unused = Math.min(reserved, this.limiter.limit.capacity) - fillsAnswerWeight(answer.length);
    if (unused > 0) this.limiter.refund(unused);
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
function errorFor(response: ExchangeResponse, type: string): PerpvolError {
  const detail = response.text.slice(0, 200).trim();
  if (response.status === 400 || response.status === 422) {
    return new PerpvolError(
      'bad_input',
      'hyperliquid_rejected_request',
      `Hyperliquid refused the "${type}" request (HTTP ${response.status}: ${detail || 'no detail'}). ` +
        'Check that the account address is a 0x address of 40 hex digits.',
    );
  }
  if (response.status === 429) {
    return new PerpvolError(
      'rate_limited',
      'rate_limited',
      'Hyperliquid kept answering "too many requests" although Perpvol paced itself; another program on this network may be ' +
        'using the same per-IP budget. Perpvol will try again at the next sync.',
      true,
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
  return new PerpvolError(
    'exchange_unavailable',
    'unexpected_status',
    `Hyperliquid answered HTTP ${response.status} to "${type}" (${detail || 'no detail'}). Check the base URL of this account.`,
    false,
  );
}
