import type { ExchangeId } from './exchange.ts';

export type Side = 'buy' | 'sell';
export type Liquidity = 'maker' | 'taker';

/**
 * One trade execution of the user's, as every connector hands it to the sync engine. Only trade
 * executions are Fills: funding, settlement and transfer rows never become one.
 *
 * The exchange's own strings (price, qty, fee) are kept verbatim so a user can match any row to the
 * exchange's export; the USD amounts are integer micro-dollars (see usd.ts) so sums are exact.
 */
export interface Fill {
  exchange: ExchangeId;
  /** The exchange's unique execution id; (accountId, tradeId) is unique in the store. */
  tradeId: string;
  orderId: string | null;
  /** The exchange's market name, e.g. BTCUSDT, PERP_BTC_USDT, BTC, BTC-USD-PERP. */
  symbol: string;
  side: Side;
  price: string;
  qty: string;
  /** |price × qty| in USD micro-dollars; inverse contracts: the contracts' USD value. */
  notionalMicros: number;
  fee: string;
  feeCurrency: string;
  /** Fee in USD micro-dollars; negative = rebate received. */
  feeMicros: number;
  liquidity: Liquidity | null;
  /** Execution time, ms since epoch, UTC. */
  ts: number;
}
