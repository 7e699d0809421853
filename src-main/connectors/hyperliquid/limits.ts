/** Hyperliquid's documented numbers, each next to where it is written down. */
import type { RateLimit } from '../http/rate-limiter.ts';

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

/**
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#retrieve-a-users-fills-by-time
 * "Returns at most 2000 fills per response and only the 10000 most recent fills are available".
 */
export const FILLS_PER_ANSWER = 2_000;
export const SERVED_FILLS_CAP = 10_000;

/** Info request types that cost "an additional rate limit weight per 20 items returned". */
export const ITEM_WEIGHTED_INFO_TYPES: ReadonlySet<string> = new Set(['userFills', 'userFillsByTime']);

/**
 * What a fills answer of `items` rows costs. Rounded up: the docs do not say whether a partial 20
 * counts, and over-estimating only leaves weight unspent, never earns a 429.
 */
export const fillsAnswerWeight = (items: number): number => INFO_WEIGHT + Math.ceil(items / 20);
/** The limiter is paid before sending, so a fills request budgets the largest answer it can get. */
export const FILLS_REQUEST_WEIGHT = fillsAnswerWeight(FILLS_PER_ANSWER);

/**
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees — the tier is by "14d weighted
 * volume", assessed daily in UTC; the window that ends today includes today (the next assessment reads it).
 */
export const FEE_TIER_WINDOW_DAYS = 14;
export const FEE_TIERS_URL = 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees';
