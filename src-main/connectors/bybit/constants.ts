/**
 * Facts of Bybit's V5 REST API that the connector depends on, each next to the page it comes from.
 * When Bybit changes one of these, this is the only file to edit.
 */
import { MS_PER_DAY } from '../../core/days.ts';

/** https://bybit-exchange.github.io/docs/v5/guide — REST base endpoints. */
export const BYBIT_MAINNET_ORIGIN = 'https://api.bybit.com';
export const BYBIT_TESTNET_ORIGIN = 'https://api-testnet.bybit.com';

/** https://bybit-exchange.github.io/docs/v5/order/execution — "Get Trade History". */
export const EXECUTION_LIST_PATH = '/v5/execution/list';
/** https://bybit-exchange.github.io/docs/v5/user/apikey-info — "Any permission can access this endpoint". */
export const QUERY_API_PATH = '/v5/user/query-api';

/**
 * https://bybit-exchange.github.io/docs/v5/account/fee-rate — "Get Fee Rate": category (linear,
 * inverse, spot, option) and symbol → list[{symbol, takerFeeRate, makerFeeRate}]. Limited to 5
 * requests/s per UID (https://bybit-exchange.github.io/docs/v5/rate-limit), far above the one call
 * Perpvol makes every few minutes, and paced by the key's shared limiter like every other call.
 */
export const FEE_RATE_PATH = '/v5/account/fee-rate';
/** The perpetual asked for the account's contract rates: every USDT perpetual shares the VIP rates. */
export const FEE_RATE_REFERENCE = { category: 'linear', symbol: 'BTCUSDT' } as const;
/**
 * https://www.bybit.com/en/help-center/article/Trading-Fee-Structure — "The VIP level is determined
 * based on either your asset balance or your trading volume over the past 30 days"; "VIP levels are
 * refreshed daily at 7:00 AM UTC. Subaccounts will automatically adopt the fee structure of their
 * Main Account." The contract ladder counts derivatives (perpetual and futures) volume. The level
 * itself is `vipLevel` of /v5/user/query-api (enum: "No VIP", "VIP-1" … "VIP-5", "VIP-Supreme",
 * "PRO-1" … "PRO-6": https://bybit-exchange.github.io/docs/v5/enum#viplevel).
 */
export const FEE_TIER_WINDOW_DAYS = 30;
export const FEE_TIERS_URL = 'https://www.bybit.com/en/help-center/article/Trading-Fee-Structure';

/**
 * https://bybit-exchange.github.io/docs/v5/guide — auth headers. X-BAPI-RECV-WINDOW is in ms
 * (default 5000); the server accepts server_time − recv_window ≤ timestamp < server_time + 1000.
 */
export const HEADER_API_KEY = 'X-BAPI-API-KEY';
export const HEADER_TIMESTAMP = 'X-BAPI-TIMESTAMP';
export const HEADER_SIGN = 'X-BAPI-SIGN';
export const HEADER_RECV_WINDOW = 'X-BAPI-RECV-WINDOW';
export const RECV_WINDOW_MS = 5_000;
/** How far ahead of server time a timestamp may be (same page: "< server_time + 1000"). */
export const MAX_TIMESTAMP_AHEAD_MS = 1_000;

/**
 * https://bybit-exchange.github.io/docs/v5/order/execution — startTime/endTime: "If both are
 * passed, the rule is endTime - startTime <= 7 days"; without them only the last 7 days come back,
 * so a backfill must walk explicit windows.
 */
export const MAX_WINDOW_MS = 7 * MS_PER_DAY;
/**
 * Same page, titled "Get Trade History (2 years)" (earlier revisions: "Unified account supports
 * getting the past 730 days historical trades data").
 */
export const HISTORY_DAYS = 730;
export const HISTORY_MS = HISTORY_DAYS * MS_PER_DAY;
/** Same page: limit "[1, 100]. Default: 50". We always ask for the most. */
export const MAX_PAGE_LIMIT = 100;
/**
 * Same page: category is one of linear, inverse, spot, option. Perpetual (and dated) futures live in
 * linear (USDT/USDC settled) and inverse (coin settled); spot and options are not perp volume.
 */
export const PERP_CATEGORIES = ['linear', 'inverse'] as const;
export type PerpCategory = (typeof PERP_CATEGORIES)[number];
/**
 * Every execType GET /v5/execution/list can carry (https://bybit-exchange.github.io/docs/v5/enum#exectype),
 * decided on purpose. 'volume': an execution of the user's position at a price against another
 * party, with a trading fee — what Bybit's VIP program counts as your derivatives trading volume
 * (https://www.bybit.com/en/help-center/article/Trading-Fee-Structure counts the 30-day "trading
 * volume"; Bybit publishes no per-type list, so every execution that trades your position counts
 * and every row that only books money or moves a position without a trade does not):
 * - Trade: a regular trade.
 * - AdlTrade: "Auto-Deleveraging" — your position closed against a liquidated counterparty's, at a price.
 * - BustTrade: "Takeover liquidation" — your position taken over by the liquidation engine at its bankruptcy price.
 * - BlockTrade: a block (RFQ) trade; fees "paid to the Exchange executing the block trade"
 *   (https://bybit-exchange.github.io/docs/v5/rfq/trade/trade-list).
 * - FutureSpread: "Spread leg execution" — each leg of a spread order is a trade of that leg's perpetual or
 *   future, with its own fee (execution.mdx: execFeeV2 is only the spot leg's, which is never requested here).
 * 'not_volume': rows that are not trades:
 * - Funding: "Funding fee"; Delivery: "USDT futures delivery; Position closed due to delisting";
 *   Settle: "Inverse futures settlement"; CorporateAction: "Stock split or reverse stock split".
 * - MovePosition: a position moved between the master account and its sub-accounts
 *   (https://bybit-exchange.github.io/docs/v5/position/move-position: "There is no trading fee", and
 *   its trades "will not be displayed in the Recent Trade") — a transfer, not trading.
 * Anything else — `UNKNOWN` ("May be returned by a classic account") and any type added after this
 * list — is neither: it goes to the unclassified bucket, out of volume, with a warning.
 */
export const EXEC_TYPE_DECISIONS: Readonly<Record<string, 'volume' | 'not_volume'>> = {
  Trade: 'volume',
  AdlTrade: 'volume',
  BustTrade: 'volume',
  BlockTrade: 'volume',
  FutureSpread: 'volume',
  Funding: 'not_volume',
  Delivery: 'not_volume',
  Settle: 'not_volume',
  CorporateAction: 'not_volume',
  MovePosition: 'not_volume',
};

/**
 * https://bybit-exchange.github.io/docs/v5/market/instrument — "Get Instruments Info": category
 * (linear | inverse), `limit` "[1, 1000]. Default: 500" ("there are now more than 500 linear
 * symbols… you will need to use cursor for pagination"), `cursor` from `nextPageCursor`. Public: no
 * key. Without `status` only `Trading` symbols are listed, so a future past its expiry (Delivering,
 * Closed) is missing and its name decides (the expiry suffix, core/instrument.ts).
 */
export const INSTRUMENTS_INFO_PATH = '/v5/market/instruments-info';
export const INSTRUMENTS_PAGE_LIMIT = 1_000;
/** Instruments are listed and delisted a few times a week: the list is read again once a day. */
export const INSTRUMENTS_REFRESH_MS = MS_PER_DAY;
/** A symbol the list does not have sends for a newer list, but at most this often (a delisted one never appears). */
export const INSTRUMENTS_RETRY_MS = 60 * 60_000;
/** A list longer than this many pages is a paging loop, not Bybit's market. */
export const INSTRUMENTS_MAX_PAGES = 50;
/**
 * https://bybit-exchange.github.io/docs/v5/enum#contracttype — what instruments-info says a
 * linear or inverse symbol is: LinearPerpetual, InversePerpetual; LinearFutures ("USDT/USDC
 * Futures"), InverseFutures. Any other value is a market Perpvol does not know.
 */
export const CONTRACT_TYPE_KINDS: Readonly<Record<string, 'perpetual' | 'dated_future'>> = {
  LinearPerpetual: 'perpetual',
  InversePerpetual: 'perpetual',
  LinearFutures: 'dated_future',
  InverseFutures: 'dated_future',
};

/**
 * https://bybit-exchange.github.io/docs/v5/rate-limit — "The API rate limit is based on the rolling
 * time window per second and UID", per endpoint (API Rate Limit Table). Read as windows: never more
 * than N requests inside ANY one-second window, per UID (docs/exchanges.md, "Rate limits":
 * execution/list 50 req/s per UID since 2025; query-api 10 req/s).
 * - Trade table: GET /v5/execution/list "50/s" for inverse, linear, option and spot alike;
 * - User table: GET /v5/user/query-api "10 req/s".
 * Limiters are per UID once the account is known (the UID the key check returned), else per key
 * (one key belongs to one UID), and shared by every account using it.
 */
export const EXECUTION_LIST_LIMIT = { capacity: 50, intervalMs: 1_000 } as const;
export const QUERY_API_LIMIT = { capacity: 10, intervalMs: 1_000 } as const;
/** Account table: GET /v5/account/fee-rate "5/s" (the account's fee rates, for fee tiers). */
export const FEE_RATE_LIMIT = { capacity: 5, intervalMs: 1_000 } as const;
/**
 * Routes without a row of their own in the table get the lowest figure the table gives a read (5/s,
 * e.g. /v5/user/submembers); every route also spends the per-IP budget below. Public market data
 * (/v5/market/instruments-info) has no UID: it is paced at this figure per origin, shared by every
 * account, besides the per-IP budget that is its only documented limit.
 */
export const DEFAULT_ROUTE_LIMIT = { capacity: 5, intervalMs: 1_000 } as const;
/** Per-route limits by path (EXECUTION_LIST_PATH etc. above). */
export const ROUTE_LIMITS: Readonly<Record<string, { capacity: number; intervalMs: number }>> = {
  [EXECUTION_LIST_PATH]: EXECUTION_LIST_LIMIT,
  [QUERY_API_PATH]: QUERY_API_LIMIT,
  '/v5/account/fee-rate': FEE_RATE_LIMIT,
};

/**
 * https://bybit-exchange.github.io/docs/v5/rate-limit — every answer carries these headers;
 * X-Bapi-Limit-Reset-Timestamp (ms) says when a spent limit frees up again.
 */
export const HEADER_LIMIT = 'x-bapi-limit';
export const HEADER_LIMIT_STATUS = 'x-bapi-limit-status';
export const HEADER_LIMIT_RESET = 'x-bapi-limit-reset-timestamp';
/**
 * Same page, "HTTP IP limit": "600 requests within a 5-second window per IP"; beyond it HTTP 403
 * "access too frequent", and one must stop and wait at least 10 minutes. Shared by every Bybit
 * account on this machine (per origin).
 */
export const IP_LIMIT = { capacity: 600, intervalMs: 5_000 } as const;
export const IP_BAN_WAIT_MINUTES = 10;
