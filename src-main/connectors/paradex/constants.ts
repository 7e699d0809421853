/** Paradex facts more than one file relies on; each file keeps the facts only it uses. */

/** https://docs.paradex.trade/api/general-information/server-urls — the `/v1` prefix is part of the origin. */
export const PARADEX_MAINNET_URL = 'https://api.prod.paradex.trade/v1';
export const PARADEX_TESTNET_URL = 'https://api.testnet.paradex.trade/v1';

export const PARADEX_LABEL = 'Paradex';

/**
 * Rate limits — https://docs.paradex.trade/api/general-information/rate-limits/api :
 * - private `GET /*`: "120 req/s OR 600 req/m" per account, "also subject to an additional IP-based
 *   rate limit of 1500 req/m across all accounts from the same IP address";
 * - public endpoints: "Default 1500 req/m" per IP; `POST /auth`: "600 req/m" per IP.
 * Paradex meters them as buckets refilling continuously (…/rate-limits/common-questions); we keep to
 * the stricter windowed reading — never more than N in ANY window of that length — which no bucket
 * of the same N and window can refuse (docs/exchanges.md, "Rate limits").
 * Public GETs and private GETs spend one per-IP budget: the docs leave open whether the two 1500s
 * are one, so we assume they are.
 */
export const PRIVATE_GET_PER_ACCOUNT_PER_SECOND = { capacity: 120, intervalMs: 1_000 } as const;
export const PRIVATE_GET_PER_ACCOUNT = { capacity: 600, intervalMs: 60_000 } as const;
export const GET_PER_IP = { capacity: 1_500, intervalMs: 60_000 } as const;
export const AUTH_PER_IP = { capacity: 600, intervalMs: 60_000 } as const;

/** Fee tiers count "14D volume" (https://docs.paradex.trade/trading/trading-fees); stands in when the tier table's window cannot be read. */
export const FEE_TIER_WINDOW_DAYS = 14;
