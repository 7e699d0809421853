/**
 * One Bybit execution row → one Fill, or null when the row is not a trade (funding, settlement).
 * Field meanings: https://bybit-exchange.github.io/docs/v5/order/execution
 *
 * - linear (USDT/USDC-settled): execValue is price × qty in the settle coin, counted at par.
 * - inverse (coin-settled, e.g. BTCUSD): execQty is a number of 1-USD contracts, so the USD
 *   notional IS execQty; execValue is in the base coin and execFee is paid in the base coin,
 *   valued at the fill's own price (core/fee-value.ts).
 * - a negative execFee is a maker rebate and stays negative.
 * - linear and inverse hold perpetuals AND dated futures; until instruments-info `contractType`
 *   is read, the symbol's expiry suffix tells them apart (core/instrument.ts).
 */
import type { Fill } from '../../core/fill.ts';
import { feeValueMicros } from '../../core/fee-value.ts';
import { classifyBySymbol } from '../../core/instrument.ts';
import { baseCoinOfSymbol, canonicalUnderlying } from '../../core/underlying.ts';
import { usdToMicros } from '../../core/usd.ts';
import { EXECUTION_LIST_PATH, TRADE_EXEC_TYPES, type PerpCategory } from './constants.ts';
import { parseOrMalformed, TradeRowSchema, type ExecutionRow } from './schemas.ts';

export function isTradeRow(row: ExecutionRow): boolean {
  return TRADE_EXEC_TYPES.has(row.execType);
}

export function normalizeExecution(category: PerpCategory, row: ExecutionRow): Fill | null {
  if (!isTradeRow(row)) return null;
  const trade = parseOrMalformed(TradeRowSchema, row, 'a trade row', `GET ${EXECUTION_LIST_PATH}`);
  const market = classifyBySymbol('bybit', trade.symbol);
  // linear/inverse list no options today; should one appear, it is not futures volume
  if (market === 'not_volume') return null;
  const baseCoin = baseCoinOfSymbol(trade.symbol);
  const feeCurrency = trade.feeCurrency || (category === 'linear' ? linearSettleCoin(trade.symbol) : baseCoin);
  return {
    exchange: 'bybit',
    tradeId: trade.execId,
    orderId: trade.orderId === '' ? null : trade.orderId,
    symbol: trade.symbol,
    kind: market === 'dated_future' ? 'dated_future' : 'perpetual',
    underlying: canonicalUnderlying(trade.symbol),
    side: trade.side === 'Buy' ? 'buy' : 'sell',
    price: trade.execPrice,
    qty: trade.execQty,
    notionalMicros: Math.abs(usdToMicros(category === 'linear' ? trade.execValue : trade.execQty)),
    fee: trade.execFee,
    feeCurrency,
    feeMicros: feeValueMicros(trade.execFee, feeCurrency, { price: trade.execPrice, baseCoin }),
    liquidity: trade.isMaker ? 'maker' : 'taker',
    ts: Number(trade.execTime),
  };
}

/**
 * Settle coin of a linear symbol when a row has no feeCurrency: USDT perps and futures carry USDT
 * in the name (BTCUSDT, BTCUSDT-26DEC25); USDC perps end in PERP (BTCPERP) and USDC futures look
 * like BTC-26DEC25.
 */
export function linearSettleCoin(symbol: string): string {
  return /USDT(?:-|$)/.test(symbol) ? 'USDT' : 'USDC';
}
