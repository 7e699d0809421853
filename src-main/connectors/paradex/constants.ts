/** Paradex facts more than one file relies on; each file keeps the facts only it uses. */

/** https://docs.paradex.trade/api/general-information/server-urls — the `/v1` prefix is part of the origin. */
export const PARADEX_MAINNET_URL = 'https://api.prod.paradex.trade/v1';
export const PARADEX_TESTNET_URL = 'https://api.testnet.paradex.trade/v1';

export const PARADEX_LABEL = 'Paradex';

/**
 * https://docs.paradex.trade/api/general-information/rate-limits/api: private GETs "120 req/s OR 600 req/m" per account
 * and 1500 req/m per IP; public endpoints 1500 req/m per IP (the docs leave open whether the two 1500s are one: we assume
 * so); POST /auth 600 req/m per IP. Paradex meters refilling buckets; we keep to the stricter windowed reading, never N
 * in ANY window, which no bucket of the same N can refuse (docs/exchanges.md, "Rate limits").
 */
export const PRIVATE_GET_PER_ACCOUNT_PER_SECOND = { capacity: 120, intervalMs: 1_000 } as const;
export const PRIVATE_GET_PER_ACCOUNT = { capacity: 600, intervalMs: 60_000 } as const;
export const GET_PER_IP = { capacity: 1_500, intervalMs: 60_000 } as const;
export const AUTH_PER_IP = { capacity: 600, intervalMs: 60_000 } as const;

/** Fee tiers count "14D volume" (https://docs.paradex.trade/trading/trading-fees); stands in when the tier table's window cannot be read. */
export const FEE_TIER_WINDOW_DAYS = 14;
