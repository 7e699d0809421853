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
 * of the same N and window can refuse (docs/exchanges.md, "Rate limits").
 * Public GETs and private GETs spend one per-IP budget: the docs leave open whether the two 1500s
 * are one, so we assume they are.
 */
export const PRIVATE_GET_PER_ACCOUNT_PER_SECOND = { capacity: 120, intervalMs: 1_000 } as const;
export const PRIVATE_GET_PER_ACCOUNT = { capacity: 600, intervalMs: 60_000 } as const;
export const GET_PER_IP = { capacity: 1_500, intervalMs: 60_000 } as const;
export const AUTH_PER_IP = { capacity: 600, intervalMs: 60_000 } as const;

/**
 * Every `fill_type` of GET /v1/fills (API spec responses.FillType: LIQUIDATION, UNWIND_TRANSFER,
 * FILL, SETTLE_MARKET, RPI, BLOCK_TRADE), decided on purpose. 'volume': the user's position traded
 * at a price, with a fee — what Paradex's fee tiers count as your 14-day volume
 * (https://docs.paradex.trade/trading/trading-fees names "14D volume" without a per-type list, so
 * every trade counts and every transfer or settlement does not):
 * - FILL: an order matched in the order book.
 * - RPI: a fill of a Retail Price Improvement order, matched in the book like any other
 *   (https://docs.paradex.trade/trading/rpi).
 * - BLOCK_TRADE: a leg of a block trade settled from an RFQ (markets' `trading_mode` RFQ_ONLY
 *   "accepts only block-trade legs from RFQ settlement").
 * - LIQUIDATION: the account's position closed by liquidation at a price, with its penalty
 *   (https://docs.paradex.trade/risk/liquidations) — executions of the account's position, as Bybit's
 *   takeovers are counted.
 * 'not_volume':
 * - SETTLE_MARKET: a market settled at expiry or delisting — no trade.
 * - UNWIND_TRANSFER (named TRANSFER before release 1.155.3, 2026-07-22: "Renamed TRANSFER type to
 *   UNWIND_TRANSFER on fills and trades API and WS against vault operators"): positions transferred
 *   to or from a vault operator — a transfer, not trading.
 * Any other type is kept aside as unclassified, with a warning.
 */
export const FILL_TYPE_DECISIONS: Readonly<Record<string, 'volume' | 'not_volume'>> = {
  FILL: 'volume',
  RPI: 'volume',
  BLOCK_TRADE: 'volume',
  LIQUIDATION: 'volume',
  SETTLE_MARKET: 'not_volume',
  UNWIND_TRANSFER: 'not_volume',
  TRANSFER: 'not_volume',
};
/** A row without `fill_type` (older answers) is an order-book fill. */
export const DEFAULT_FILL_TYPE = 'FILL';

/**
 * A fill's `id` is "Unique string ID of fill per FillType" (API spec responses.FillResult): two
 * fills of different types may share one. A FILL keeps its bare id (as every earlier Perpvol stored
 * it); another type's id is prefixed with its type, e.g. "LIQUIDATION:8615262148007718462".
 */
export function paradexTradeId(fillType: string, id: string): string {
  return fillType === DEFAULT_FILL_TYPE ? id : `${fillType}:${id}`;
}

/**
 * GET /v1/tradebusts (https://docs.paradex.trade/api/prod/account/tradebusts): "paginated tradebusts
 * for the account. A tradebust occurs when a fill fails to clear and settle on the Paradex Chain" —
 * a trade matched off-chain that the chain rejected (https://docs.paradex.trade/risk/trade-busts),
 * its results "reverted". Query `start_at`/`end_at` (ms), `cursor`, `page_size` 1–5000 (default
 * 100); rows {account, busted_fill_id, created_at}. The bust names the fill's id but not its type:
 * it takes out the matched trades of that id (FILL, RPI, BLOCK_TRADE), never a LIQUIDATION (a
 * position transfer, never matched off-chain: `orderbook_seq_no` "0 for position transfers").
 */
export const TRADEBUSTS_PATH = '/tradebusts';
export const TRADEBUSTS_PAGE_SIZE = 5_000;
export const BUSTABLE_FILL_TYPES: readonly string[] = ['FILL', 'RPI', 'BLOCK_TRADE'];
/** Each pass reads busts again from this far before where the last one stopped (a bust is listed after its fill). */
export const BUSTS_OVERLAP_MS = 60 * 60_000;

/**
 * GET /v1/markets (public; https://docs.paradex.trade/api/prod/markets/get-markets): every market's
 * `symbol`, `asset_kind` and `base_currency`. AssetKind (API spec responses.AssetKind): PERP is a
 * perpetual, FUTURE a dated future; SPOT, OPTION and PERP_OPTION are never volume here. A market the
 * list does not have (delisted) is read by its name (core/instrument.ts: …-PERP). Read once a day per
 * origin, shared by its accounts.
 */
export const MARKETS_PATH = '/markets';
export const MARKETS_REFRESH_MS = 86_400_000;
/** A market the list lacks sends for a newer list, at most this often. */
export const MARKETS_RETRY_MS = 60 * 60_000;
export const ASSET_KIND_DECISIONS: Readonly<Record<string, 'perpetual' | 'dated_future' | 'not_volume'>> = {
  PERP: 'perpetual',
  FUTURE: 'dated_future',
  SPOT: 'not_volume',
  OPTION: 'not_volume',
  PERP_OPTION: 'not_volume',
};

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
