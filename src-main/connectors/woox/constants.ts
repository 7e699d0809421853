/**
 * WOO X API facts the connector depends on, each next to where it is documented. Values the docs
 * leave open are marked as our reading, with what the connector does to stay correct either way.
 */
import { MS_PER_DAY } from '../../core/days.ts';

/** Base endpoints: https://developer.woox.io/api-reference/guide ("Staging: https://api.staging.woox.io"). */
export const WOOX_MAINNET_ORIGIN = 'https://api.woox.io';
export const WOOX_STAGING_ORIGIN = 'https://api.staging.woox.io';

/**
 * The trade-history route. WOO X offers three:
 * - v1 `GET /v1/client/trades` (start_t/end_t/page/size) and v1 `GET /v1/client/hist_trades`
 *   (fromId/limit) — the legacy API at https://docs.woox.io/, superseded by v3;
 * - v3 `GET /v3/trade/transactionHistory`, "Get transaction history (in the past 2 years)":
 *   https://developer.woox.io/api-reference/endpoint/trading/get_transactions
 * v3 is the one documented to reach two years back (v3 `/trade/transaction` only 3 months), so
 * it is the one Perpvol walks. Query: symbol?, startTime, endTime (ms), fromId, limit.
 */
export const TRANSACTION_HISTORY_PATH = '/v3/trade/transactionHistory';
/** "in the past 2 years" (same page). 730 days: anything older the exchange no longer serves. */
export const HISTORY_SPAN_MS = 730 * MS_PER_DAY;
/**
 * Rows per request, largest first. The page documents `limit` ("Number of results per request")
 * without a default or maximum; its example answer says recordsPerPage 25, and CCXT's maintained
 * WOO X client pages this route 500 at a time (ts/src/woo.ts fetchMyTrades:
 * fetchPaginatedCallIncremental(…, 'page', 500)), so 500 is asked first. Should WOO X refuse a size
 * (-1005), the walker steps down this list and keeps the first size accepted; should it serve fewer
 * rows than asked without a word, meta.total (or the next request) shows there are more.
 */
export const TRANSACTION_PAGE_LIMITS: readonly number[] = [500, 200, 100, 50, 25];
/**
 * The connector asks for history in time windows. The docs give no maximum span for
 * startTime/endTime; a window of 30 days keeps every request well inside any plausible bound while
 * a two-year backfill stays at ~25 windows (one request each when a window holds ≤ 500 trades).
 * Windows share their edge millisecond, so a fill exactly on an edge is served whether the exchange
 * treats endTime as inclusive or exclusive (the store dedupes the repeat).
 */
export const WINDOW_MS = 30 * MS_PER_DAY;
/** Incremental passes restart this far before the last pass's end, for fills indexed late. */
export const INCREMENTAL_OVERLAP_MS = 60_000;

/**
 * Private endpoints are limited per account (application id), per endpoint:
 * https://docs.woox.io/ "Rate Limit" ("For private endpoints, the rate limit is calculated based on
 * the account"). transactionHistory: "Limit: 2 requests per 1 second"
 * (https://developer.woox.io/api-reference/endpoint/trading/get_transactions). Read as a window:
 * never more than 2 inside any one-second window (docs/exchanges.md, "Rate limits"); the windowed limiter (connectors/http/rate-limiter.ts) keeps exactly that.
 */
export const TRANSACTION_HISTORY_LIMIT = { capacity: 2, intervalMs: 1_000 } as const;

/**
 * `GET /v3/account/info` → applicationId, account, alias, accountType ("Limit: 10 requests per 60
 * seconds"): https://developer.woox.io/api-reference/endpoint/account/get_account_info
 */
export const ACCOUNT_INFO_PATH = '/v3/account/info';
/**
 * `GET /v3/account/credentials` → per API key: accountName, userId, apiKey, permissions
 * (e.g. ["READ","TRADE","WITHDRAWAL"]), allowedIPs ("Limit 10 requests per 60 seconds"):
 * https://developer.woox.io/api-reference/endpoint/account/credentials
 */
export const ACCOUNT_CREDENTIALS_PATH = '/v3/account/credentials';
/**
 * The credentials list is paged: `page` (default 1) and `size` ("the page size you wish to query,
 * default = 25, 1000 at max", same page). An account can hold many keys (sub-accounts, bots), so the
 * check reads page after page until it finds the key, at the largest size to need the fewest.
 */
export const CREDENTIALS_PAGE_SIZE = 1_000;
/**
 * Reading a key's permissions is optional: the account is identified by /v3/account/info. The
 * listing gets this long (from the start of the check, inside add-account's 30 s) before Perpvol
 * gives up on it and adds the account with a warning that the permissions are unknown.
 */
export const PERMISSION_LOOKUP_BUDGET_MS = 20_000;
/** Both account routes: "10 requests per 60 seconds", each route its own budget, never 11 in any 60 s. */
export const ACCOUNT_ENDPOINT_LIMIT = { capacity: 10, intervalMs: 60_000 } as const;

/**
 * `GET /v3/trade/tradingFee?symbol=…` → data {symbol, takerFee, makerFee}: the rates this account
 * pays on that symbol, in basis points (the docs' example answers "10" and "8" for SPOT_BTC_USDT,
 * i.e. 0.10 % and 0.08 %); "Limit: 2 requests per 1 second":
 * https://developer.woox.io/api-reference/endpoint/trading/get_tradingFee
 * Numbers and strings have both been seen for such fields; the schema takes either.
 */
export const TRADING_FEE_PATH = '/v3/trade/tradingFee';
/** Its own budget, as every private route's: never more than 2 inside any one-second window. */
export const TRADING_FEE_LIMIT = { capacity: 2, intervalMs: 1_000 } as const;
/** The perpetual asked for: WOO X's futures rates are per account tier, not per symbol. */
export const TRADING_FEE_REFERENCE_SYMBOL = 'PERP_BTC_USDT';
export const BASIS_POINTS_PER_UNIT = 10_000;
/**
 * WOO X's fees follow its "My WOO" holding tier together with 30-day trading volume, tiers updated
 * daily at 00:00 UTC (https://support.woox.io/hc/en-us/articles/44469977475481--My-WOO). The
 * 30-day window is our reading of those pages; the API reports the rates, not the window.
 */
export const FEE_TIER_WINDOW_DAYS = 30;
export const FEE_TIERS_URL = 'https://support.woox.io/hc/en-us/articles/44469977475481--My-WOO';

/** Permissions of a key that can move funds out (credentials endpoint above). */
export const FUND_MOVING_PERMISSIONS: readonly string[] = ['WITHDRAWAL', 'WITHDRAW', 'TRANSFER', 'INTERNAL_TRANSFER'];
