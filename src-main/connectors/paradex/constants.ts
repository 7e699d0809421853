/**
 * Paradex REST facts Perpvol relies on, each next to where the docs say so.
 */

/** https://docs.paradex.trade/api/general-information/server-urls — the `/v1` prefix is part of the origin. */
export const PARADEX_MAINNET_URL = 'https://api.prod.paradex.trade/v1';
export const PARADEX_TESTNET_URL = 'https://api.testnet.paradex.trade/v1';

export const PARADEX_LABEL = 'Paradex';

/**
 * JWTs "expire every 5 minutes. It is not possible to extend the expiration … refreshing JWT well
 * before expiry (e.g., after 3 minutes)" — https://docs.paradex.trade/api/general-information/authentication
 */
export const JWT_LIFETIME_MS = 5 * 60_000;
export const JWT_REFRESH_AFTER_MS = 3 * 60_000;

/**
 * How long the signed auth request itself stays valid (PARADEX-SIGNATURE-EXPIRATION, seconds).
 * The official SDKs use up to a day; a short window limits replay of a leaked header.
 * https://docs.paradex.trade/api/prod/auth/get-jwt
 */
export const AUTH_SIGNATURE_VALIDITY_S = 30 * 60;

/**
 * GET /v1/fills `page_size`: documented default 100 (https://docs.paradex.trade/api/prod/account/list-fills);
 * the docs do not state a maximum, and CCXT pages Paradex at 100, so we never ask for more.
 */
export const FILLS_PAGE_SIZE = 100;

/**
 * Rate limits — https://docs.paradex.trade/api/general-information/rate-limits/api :
 * - private `GET /*`: "120 req/s OR 600 req/m" per account, "also subject to an additional IP-based
 *   rate limit of 1500 req/m across all accounts from the same IP address";
 * - public endpoints: "Default 1500 req/m" per IP; `POST /auth`: "600 req/m" per IP.
 * Paradex meters them as buckets refilling continuously (…/rate-limits/common-questions); we keep to
 * the stricter windowed reading — never more than N in ANY window of that length — which no bucket
 * of the same N and window can refuse (../shared/exchanges/README.md, "Facts confirmed since").
 * Public GETs and private GETs spend one per-IP budget: the docs leave open whether the two 1500s
 * are one, so we assume they are.
 */
export const PRIVATE_GET_PER_ACCOUNT_PER_SECOND = { capacity: 120, intervalMs: 1_000 } as const;
export const PRIVATE_GET_PER_ACCOUNT = { capacity: 600, intervalMs: 60_000 } as const;
export const GET_PER_IP = { capacity: 1_500, intervalMs: 60_000 } as const;
export const AUTH_PER_IP = { capacity: 600, intervalMs: 60_000 } as const;

/**
 * Fill types that are trades of the user's (volume): FILL, LIQUIDATION, RPI, BLOCK_TRADE. TRANSFER
 * (position unwind transfers) and SETTLE_MARKET (settlement of an expired/delisted market) move
 * positions without a trade and are left out. Enum from the API spec (paradex-py responses.FillType).
 */
export const TRADE_FILL_TYPES: ReadonlySet<string> = new Set(['FILL', 'LIQUIDATION', 'RPI', 'BLOCK_TRADE']);

/** Perpetual futures markets are named BASE-USD-PERP (e.g. BTC-USD-PERP), settled in USDC. */
export const PERP_MARKET_SUFFIX = '-PERP';
/** GET /v1/fills `asset_kind` filter (PERP, PERP_OPTION, OPTION, SPOT): ask only for perps. */
export const PERP_ASSET_KIND = 'PERP';

/**
 * Incremental passes start this far before the previous pass ended, so fills that reached the API
 * a little after their `created_at` (they are listed once sent to chain for settlement) are not
 * missed. Repeats are harmless: the store dedupes on trade id.
 */
export const INCREMENTAL_OVERLAP_MS = 10 * 60_000;

/** Only for progress bars when a backfill has no lower bound: Paradex mainnet opened in 2023. */
export const PARADEX_HISTORY_START_MS = Date.UTC(2023, 0, 1);
