/**
 * Paradex REST facts Perpvol relies on, each next to where the docs say so.
 */

/** https://docs.paradex.trade/api/general-information/server-urls — the `/v1` prefix is part of the origin. */
export const PARADEX_MAINNET_URL = 'https://api.prod.paradex.trade/v1';
export const PARADEX_TESTNET_URL = 'https://api.testnet.paradex.trade/v1';
/**
 * The API version path every REST route lives under (openapi.json `servers: [{url: "…/v1"}]`).
 * Users paste the host either way; a baseUrl without it gets it added (base-url.ts).
 */
export const API_VERSION_PATH = '/v1';

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
 * GET /v1/fills `page_size`: "minimum 1, maximum 5000, default 100" (API spec, tradeparadex/paradex-docs
 * fern/apis/prod_rest/openapi/openapi.json, GET /fills; https://docs.paradex.trade/api/prod/account/list-fills).
 * We ask for the documented maximum: Paradex limits requests, not rows, so a two-year backfill needs
 * 50× fewer requests than at the default. A server that refuses it (400) is asked again with the
 * next size down — the documented default is always accepted; one that silently serves fewer rows
 * is simply followed by its `next` cursor (a short page never means "done").
 */
export const FILLS_PAGE_SIZES: readonly number[] = [5000, 1000, 100];

/**
 * Subkeys log in at `POST /v1/auth/{public_key}` (header PARADEX-STARKNET-ACCOUNT = the main
 * account, signature by the subkey); `POST /v1/auth` verifies against the account's main key only —
 * https://docs.paradex.trade/trading/api-authentication ("Generating Auth Tokens"; paradex-docs
 * fern/pages/developer-portal/general-information/api-authentication.mdx). The official SDK logs
 * every key in through the `{public_key}` path (paradex-py `ParadexApiClient.auth`), so that path
 * is tried first unless the account remembers that the plain one is what works.
 */
export const MAIN_KEY_AUTH_PATH = '/auth';
export const subkeyAuthPath = (publicKey: string): string => `/auth/${publicKey}`;

/**
 * Read-only tokens: "special JWT Tokens with extended expiry dates", GET-only, revocable, created in
 * Settings → Key Management → "Read-only" tab → "+ Add New Key" (name and expiration; shown once) —
 * https://docs.paradex.trade/trading/api-authentication ("Readonly Access"). The account shows a
 * warning this long before the token's `exp`, so there is time to create the next one.
 */
export const READONLY_TOKEN_WARN_BEFORE_MS = 7 * 86_400_000;

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

/**
 * Fee tiers. "Spot & Perps taker fees are based on your 14D volume … combined 14D volume across your
 * main account and subaccount(s)" (https://docs.paradex.trade/trading/trading-fees; paradex-docs
 * fern/pages/trading/trading-fees.mdx). GET /v1/account/info answers `volume_tiers` {kind: {tier,
 * volume}} ("Traded volume for the tier's duration window") and `fees` {maker_rate, taker_rate, …};
 * the public GET /v1/system/volume-tiers lists every kind's ladder: kind, tier_name, min_volume,
 * min_volume_duration ("14d"), sort_order, fee_rates
 * (https://docs.paradex.trade/api/prod/system/get-volume-tiers). FEE_TIER_WINDOW_DAYS stands in
 * when the table's window cannot be read.
 */
export const ACCOUNT_INFO_PATH = '/account/info';
export const VOLUME_TIERS_PATH = '/system/volume-tiers';
export const FEE_TIER_WINDOW_DAYS = 14;
export const FEE_TIERS_URL = 'https://docs.paradex.trade/trading/trading-fees';
/** Order classifications with their own ladders: Pro (API orders) pays fees, Retail (UI) trades free. */
export const PRO_KIND = 'pro';
export const RETAIL_KIND = 'retail';
