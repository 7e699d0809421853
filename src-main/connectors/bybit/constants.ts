/** Facts of Bybit's V5 REST API that the connector depends on, each next to the page it comes from. */
import { MS_PER_DAY } from '../../core/days.ts';

/** https://bybit-exchange.github.io/docs/v5/guide — REST base endpoints. */
export const BYBIT_MAINNET_ORIGIN = 'https://api.bybit.com';
export const BYBIT_TESTNET_ORIGIN = 'https://api-testnet.bybit.com';

/** https://bybit-exchange.github.io/docs/v5/order/execution — "Get Trade History". */
export const EXECUTION_LIST_PATH = '/v5/execution/list';
/** https://bybit-exchange.github.io/docs/v5/user/apikey-info — "Any permission can access this endpoint"; carries `vipLevel`. */
export const QUERY_API_PATH = '/v5/user/query-api';
/** https://bybit-exchange.github.io/docs/v5/account/fee-rate — the contract rates, asked for one USDT perpetual (all share the VIP rates). */
export const FEE_RATE_PATH = '/v5/account/fee-rate';
export const FEE_RATE_REFERENCE = { category: 'linear', symbol: 'BTCUSDT' } as const;
/** https://www.bybit.com/en/help-center/article/Trading-Fee-Structure — VIP level from 30-day derivatives volume (or assets). */
export const FEE_TIER_WINDOW_DAYS = 30;
export const FEE_TIERS_URL = 'https://www.bybit.com/en/help-center/article/Trading-Fee-Structure';

/** https://bybit-exchange.github.io/docs/v5/guide — X-BAPI-RECV-WINDOW in ms (default 5000). */
export const RECV_WINDOW_MS = 5_000;

/** https://bybit-exchange.github.io/docs/v5/order/execution — "endTime - startTime <= 7 days"; without them only the last 7 days. */
export const MAX_WINDOW_MS = 7 * MS_PER_DAY;
/** Same page, titled "Get Trade History (2 years)". */
export const HISTORY_MS = 730 * MS_PER_DAY;
/** Same page: limit "[1, 100]. Default: 50". */
export const MAX_PAGE_LIMIT = 100;
/** Same page: perpetuals and dated futures live in linear (USDT/USDC settled) and inverse (coin settled); not spot, not option. */
export const PERP_CATEGORIES = ['linear', 'inverse'] as const;
export type PerpCategory = (typeof PERP_CATEGORIES)[number];

/**
 * Every execType (https://bybit-exchange.github.io/docs/v5/enum#exectype), decided on purpose. Bybit
 * publishes no per-type list of what its VIP "trading volume" counts, so every execution that trades
 * the position at a price with a fee counts, and every row that only books money or moves a position
 * does not. Anything else (`UNKNOWN` of classic accounts, types added later) is kept aside, unclassified.
 */
export const EXEC_TYPE_DECISIONS: Readonly<Record<string, 'volume' | 'not_volume'>> = {
  Trade: 'volume',
  AdlTrade: 'volume', // "Auto-Deleveraging": closed against a liquidated counterparty, at a price
  BustTrade: 'volume', // "Takeover liquidation": taken over at the bankruptcy price
  BlockTrade: 'volume', // RFQ, fees "paid to the Exchange" (https://bybit-exchange.github.io/docs/v5/rfq/trade/trade-list)
  FutureSpread: 'volume', // "Spread leg execution": each leg a trade of its contract, with its own fee
  Funding: 'not_volume',
  Delivery: 'not_volume', // "USDT futures delivery; Position closed due to delisting"
  Settle: 'not_volume', // "Inverse futures settlement"
  CorporateAction: 'not_volume', // "Stock split or reverse stock split"
  MovePosition: 'not_volume', // "There is no trading fee" (https://bybit-exchange.github.io/docs/v5/position/move-position): a transfer
};

/**
 * https://bybit-exchange.github.io/docs/v5/market/instrument — public; limit "[1, 1000]", paged by
 * `cursor`. Only `Trading` symbols are listed: an expired future is missing and its name decides.
 */
export const INSTRUMENTS_INFO_PATH = '/v5/market/instruments-info';
export const INSTRUMENTS_PAGE_LIMIT = 1_000;
/** Instruments are listed and delisted a few times a week: the list is read again once a day. */
export const INSTRUMENTS_REFRESH_MS = MS_PER_DAY;
/** A symbol the list does not have sends for a newer list, but at most this often (a delisted one never appears). */
export const INSTRUMENTS_RETRY_MS = 60 * 60_000;
/** A list longer than this many pages is a paging loop, not Bybit's market. */
export const INSTRUMENTS_MAX_PAGES = 50;
/** https://bybit-exchange.github.io/docs/v5/enum#contracttype — any other value is a market Perpvol does not know. */
export const CONTRACT_TYPE_KINDS: Readonly<Record<string, 'perpetual' | 'dated_future'>> = {
  LinearPerpetual: 'perpetual',
  InversePerpetual: 'perpetual',
  LinearFutures: 'dated_future',
  InverseFutures: 'dated_future',
};

/**
 * https://bybit-exchange.github.io/docs/v5/rate-limit — "rolling time window per second and UID", per
 * endpoint: never more than N requests inside any one-second window. Routes without a row get the
 * lowest read figure (5/s); public market data has no UID and is paced at it per origin.
 */
export const EXECUTION_LIST_LIMIT = { capacity: 50, intervalMs: 1_000 } as const;
export const DEFAULT_ROUTE_LIMIT = { capacity: 5, intervalMs: 1_000 } as const;
export const ROUTE_LIMITS: Readonly<Record<string, { capacity: number; intervalMs: number }>> = {
  [EXECUTION_LIST_PATH]: EXECUTION_LIST_LIMIT, // Trade table: "50/s"
  [QUERY_API_PATH]: { capacity: 10, intervalMs: 1_000 }, // User table: "10 req/s"
  [FEE_RATE_PATH]: { capacity: 5, intervalMs: 1_000 }, // Account table: "5/s"
};
/** Same page: X-Bapi-Limit-Reset-Timestamp (ms) says when a spent limit frees up. */
export const HEADER_LIMIT_RESET = 'x-bapi-limit-reset-timestamp';
/** Same page, "HTTP IP limit": "600 requests within a 5-second window per IP"; beyond it a 403 and a wait of at least 10 minutes. */
export const IP_LIMIT = { capacity: 600, intervalMs: 5_000 } as const;
export const IP_BAN_WAIT_MINUTES = 10;
