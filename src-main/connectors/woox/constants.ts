/**
 * WOO X API facts more than one file depends on, each next to where it is documented. Values the
 * docs leave open are marked as our reading, with what the connector does to stay correct either way.
 */
import { MS_PER_DAY } from '../../core/days.ts';

/** https://developer.woox.io/api-reference/guide ("Staging: https://api.staging.woox.io"). */
export const WOOX_MAINNET_ORIGIN = 'https://api.woox.io';
export const WOOX_STAGING_ORIGIN = 'https://api.staging.woox.io';

/**
 * v3 "Get transaction history (in the past 2 years)", the only trade route documented to reach two
 * years back: https://developer.woox.io/api-reference/endpoint/trading/get_transactions
 */
export const TRANSACTION_HISTORY_PATH = '/v3/trade/transactionHistory';
export const HISTORY_SPAN_MS = 730 * MS_PER_DAY;
/**
 * `limit` has no documented maximum; CCXT pages this route 500 at a time, so 500 is asked first and
 * a refused size (-1005) steps down this list. Fewer rows than asked show up against meta.total.
 */
export const TRANSACTION_PAGE_LIMITS: readonly number[] = [500, 200, 100, 50, 25];
/** Our reading (no maximum span is documented): 30 days keeps a two-year backfill at ~25 windows. */
export const WINDOW_MS = 30 * MS_PER_DAY;
/** Incremental passes restart this far before the last pass's end, for fills indexed late. */
export const INCREMENTAL_OVERLAP_MS = 60_000;
/** "Limit: 2 requests per 1 second" per account (same page): never more than 2 in any one-second window. */
export const TRANSACTION_HISTORY_LIMIT = { capacity: 2, intervalMs: 1_000 } as const;

/** applicationId, account, alias: https://developer.woox.io/api-reference/endpoint/account/get_account_info */
export const ACCOUNT_INFO_PATH = '/v3/account/info';
/** Each key's permissions and allowed IPs: https://developer.woox.io/api-reference/endpoint/account/credentials */
export const ACCOUNT_CREDENTIALS_PATH = '/v3/account/credentials';
/** Both account routes: "10 requests per 60 seconds", each route its own budget. */
export const ACCOUNT_ENDPOINT_LIMIT = { capacity: 10, intervalMs: 60_000 } as const;

/** The account's rates, in basis points: https://developer.woox.io/api-reference/endpoint/trading/get_tradingFee */
export const TRADING_FEE_PATH = '/v3/trade/tradingFee';
/** "Limit: 2 requests per 1 second". */
export const TRADING_FEE_LIMIT = { capacity: 2, intervalMs: 1_000 } as const;
