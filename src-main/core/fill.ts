import type { ExchangeId } from './exchange.ts';
import type { InstrumentKind } from './instrument.ts';

export type Side = 'buy' | 'sell';
export type Liquidity = 'maker' | 'taker';

/**
 * One trade execution of the user's on a perpetual or dated future, as every connector and CSV
 * importer hands it to the store. Only trades are Fills: funding, settlement and transfer rows
 * never become one, nor do spot, option or outcome fills.
 *
 * The exchange's own strings (price, qty, fee) are kept verbatim so a user can match any row to the
 * exchange's export; the USD amounts are integer micro-dollars (see usd.ts) so sums are exact.
 */
export interface Fill {
  exchange: ExchangeId;
  /** The exchange's unique execution id; (accountId, tradeId) is unique in the store. */
  tradeId: string;
  orderId: string | null;
  /** The exchange's market name, e.g. BTCUSDT, PERP_BTC_USDT, BTC, BTC-USD-PERP; kept as sent. */
  symbol: string;
  /** Perpetual or dated future; volume counts perpetuals unless asked for both. */
  kind: InstrumentKind;
  /** The canonical asset (core/underlying.ts): BTC for BTCUSDT, BTC-USD-PERP, PERP_BTC_USDT, kBTC… */
  underlying: string;
  side: Side;
  price: string;
  qty: string;
  /** |price × qty| in USD micro-dollars; inverse contracts: the contracts' USD value. */
  notionalMicros: number;
  fee: string;
  feeCurrency: string;
  /**
   * Fee in USD micro-dollars (core/fee-value.ts); negative = rebate received. null = paid in a token
   * Perpvol cannot price: not counted in fees (never as $0), listed as an unpriced fee by token.
   */
  feeMicros: number | null;
  liquidity: Liquidity | null;
  /** Execution time, ms since epoch, UTC. */
  ts: number;
  /**
   * The id an earlier Perpvol stored this execution under, when the connector's id scheme changed
   * (Paradex ids became unique per fill type): a stored fill with this id and the same time,
   * market, side, price and size IS this fill, so it is not stored or counted again.
   */
  legacyTradeId?: string;
}
