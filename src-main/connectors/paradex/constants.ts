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
 * private `GET /*` 120 req/s OR 600 req/min per account, plus 1500 req/min per IP across accounts;
 * `POST /auth` 600 req/min per IP; public default 1500 req/min per IP. Leaky bucket, continuous refill
 * (…/rate-limits/common-questions). We pace under the per-minute figures with a tiny burst, so
 * neither the per-second nor the per-minute bucket can ever be emptied.
 */
export const PRIVATE_GET_PER_ACCOUNT = { capacity: 10, intervalMs: 1_000 } as const; // 600/min
export const PER_IP = { capacity: 25, intervalMs: 1_000 } as const; // 1500/min

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

/**
 * Fee tiers. "Spot & Perps taker fees are based on your 14D volume … combined 14D volume across your
 * main account and subaccount(s)" (https://docs.paradex.trade/trading/trading-fees). GET
 * /v1/account/info answers `volume_tiers` {kind: {tier, volume}} ("Traded volume for the tier's
 * duration window") and `fees` {maker_rate, taker_rate, …}; the public GET /v1/system/volume-tiers
 * lists every kind's ladder: kind, tier_name, min_volume, min_volume_duration ("14d"), sort_order,
 * fee_rates (https://docs.paradex.trade/api/prod/system/get-volume-tiers).
 */
export const ACCOUNT_INFO_PATH = '/account/info';
export const VOLUME_TIERS_PATH = '/system/volume-tiers';
export const FEE_TIER_WINDOW_DAYS = 14;
export const FEE_TIERS_URL = 'https://docs.paradex.trade/trading/trading-fees';
/** Order classifications with their own ladders: Pro (API orders) pays fees, Retail (UI) trades free. */
export const PRO_KIND = 'pro';
export const RETAIL_KIND = 'retail';
