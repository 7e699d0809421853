/**
 * One Bybit execution row → one Fill, or null when the row is not a trade (funding, settlement).
 * Field meanings: https://bybit-exchange.github.io/docs/v5/order/execution
 *
 * - linear (USDT/USDC-settled): execValue is price × qty in the settle coin, counted at par.
 * - inverse (coin-settled, e.g. BTCUSD): execQty is a number of 1-USD contracts, so the USD
 *   notional IS execQty; execValue is in the base coin and execFee is paid in the base coin,
 *   valued here at the fill's own price.
 * - a negative execFee is a maker rebate and stays negative.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { Fill } from '../../core/fill.ts';
import { feeMicros, isUsdStable, usdToMicros } from '../../core/usd.ts';
import { EXECUTION_LIST_PATH, TRADE_EXEC_TYPES, type PerpCategory } from './constants.ts';
import { parseOrMalformed, TradeRowSchema, type ExecutionRow, type TradeRow } from './schemas.ts';

export function isTradeRow(row: ExecutionRow): boolean {
  return TRADE_EXEC_TYPES.has(row.execType);
}

export function normalizeExecution(category: PerpCategory, row: ExecutionRow): Fill | null {
  if (!isTradeRow(row)) return null;
  const trade = parseOrMalformed(TradeRowSchema, row, 'a trade row', `GET ${EXECUTION_LIST_PATH}`);
  const amounts = category === 'linear' ? linearAmounts(trade) : inverseAmounts(trade);
  return {
    exchange: 'bybit',
    tradeId: trade.execId,
    orderId: trade.orderId === '' ? null : trade.orderId,
    symbol: trade.symbol,
    side: trade.side === 'Buy' ? 'buy' : 'sell',
    price: trade.execPrice,
    qty: trade.execQty,
    notionalMicros: amounts.notionalMicros,
    fee: trade.execFee,
    feeCurrency: amounts.feeCurrency,
    feeMicros: amounts.feeMicros,
    liquidity: trade.isMaker ? 'maker' : 'taker',
    ts: Number(trade.execTime),
  };
}

interface Amounts {
  notionalMicros: number;
  feeCurrency: string;
  feeMicros: number;
}

function linearAmounts(trade: TradeRow): Amounts {
  const feeCurrency = trade.feeCurrency || linearSettleCoin(trade.symbol);
  if (!isUsdStable(feeCurrency)) {
    throw unexpected(`a linear ${trade.symbol} fill with its fee in ${feeCurrency}`);
  }
  return {
    notionalMicros: Math.abs(usdToMicros(trade.execValue)),
    feeCurrency,
    feeMicros: usdToMicros(trade.execFee),
  };
}

function inverseAmounts(trade: TradeRow): Amounts {
  const feeCurrency = trade.feeCurrency || inverseBaseCoin(trade.symbol);
  return {
    notionalMicros: Math.abs(usdToMicros(trade.execQty)),
    feeCurrency,
    // Stable fee coins count at par; the base coin is worth execPrice USD.
    feeMicros: feeMicros(trade.execFee, feeCurrency, trade.execPrice),
  };
}

/**
 * Settle coin of a linear symbol when a row has no feeCurrency: USDT perps end in USDT
 * (BTCUSDT); USDC perps end in PERP (BTCPERP) and USDC futures look like BTC-27DEC24.
 */
export function linearSettleCoin(symbol: string): string {
  return symbol.endsWith('USDT') ? 'USDT' : 'USDC';
}

/** Base coin of an inverse symbol: BTCUSD → BTC, inverse futures ETHUSDH25 → ETH. */
export function inverseBaseCoin(symbol: string): string {
  const match = /^([A-Z0-9]+?)USD[A-Z]?\d{0,2}$/.exec(symbol);
  return match?.[1] ?? symbol;
}

function unexpected(what: string): PerpvolError {
  return new PerpvolError(
    'exchange_unavailable',
    'malformed_response',
    `Bybit sent ${what}, which Perpvol does not know how to value. Nothing was stored from this page; please report it.`,
  );
}
