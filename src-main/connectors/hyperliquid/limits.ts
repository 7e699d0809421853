/**
 * Hyperliquid's documented numbers, each next to where it is written down.
 */
import type { RateLimit } from '../http/rate-limiter.ts';

/** https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api — mainnet and testnet API URLs. */
export const HYPERLIQUID_MAINNET_URL = 'https://api.hyperliquid.xyz';
export const HYPERLIQUID_TESTNET_URL = 'https://api.hyperliquid-testnet.xyz';

/**
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits
 * "The following rate limits apply per IP address: REST requests share an aggregated weight limit
 * of 1200 per minute." Read as a window: never more than 1200 weight inside ANY 60 seconds
 * (docs/exchanges.md, "Rate limits"); one budget per origin, shared by every
 * account on this machine. Weights below were confirmed on the same page (2026-11).
 */
export const HYPERLIQUID_RATE_LIMIT: RateLimit = { capacity: 1200, intervalMs: 60_000 };

/** Same page: "l2Book, allMids, clearinghouseState, orderStatus, spotClearinghouseState, exchangeStatus" weigh 2 (userRole 60). */
export const LIGHT_INFO_WEIGHT = 2;
/** Same page: "All other documented info requests have weight 20" (userFees, portfolio, userFills…). */
export const INFO_WEIGHT = 20;
/**
 * Same page: userFills and userFillsByTime carry "an additional rate limit weight per 20 items
 * returned". The limiter must be paid before sending, so a fills request budgets the largest
 * answer it can get.
 */
export const ITEMS_PER_EXTRA_WEIGHT = 20;

/**
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#retrieve-a-users-fills-by-time
 * "Returns at most 2000 fills per response and only the 10000 most recent fills are available".
 */
export const FILLS_PER_ANSWER = 2_000;
export const SERVED_FILLS_CAP = 10_000;

export const FILLS_REQUEST_WEIGHT = INFO_WEIGHT + Math.ceil(FILLS_PER_ANSWER / ITEMS_PER_EXTRA_WEIGHT);

/** Info request types that cost extra weight per 20 items returned (same rate-limit page). */
export const ITEM_WEIGHTED_INFO_TYPES: ReadonlySet<string> = new Set(['userFills', 'userFillsByTime']);

/**
 * What a fills answer of `items` rows really costs. Rounded up: the docs do not say whether a
 * partial 20 counts, and over-estimating only leaves weight unspent, never earns a 429.
 */
export function fillsAnswerWeight(items: number): number {
  return INFO_WEIGHT + Math.ceil(items / ITEMS_PER_EXTRA_WEIGHT);
}

/**
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees — "fees are based on your rolling 14
 * day volume"; "Sub-account volume counts toward the master account and all sub-accounts share the
 * same fee tier. Vault volume is treated separately"; the tier table is by "14d weighted volume"
 * (perps + 2 × spot), assessed daily in UTC. The window that ends today includes today: it is the
 * one the next assessment reads.
 */
export const FEE_TIER_WINDOW_DAYS = 14;
export const FEE_TIERS_URL = 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees';
