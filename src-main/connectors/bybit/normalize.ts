/**
 * What counts on Bybit (categories, execution types, symbols; docs/counting.md, "Bybit"), and one execution
 * row → a fill, an execution kept aside, or a row that is not volume (and why). Fields: https://bybit-exchange.github.io/docs/v5/order/execution
 * - linear (USDT/USDC-settled): execValue is price × qty in the settle coin, counted at par.
 * - inverse (coin-settled, e.g. BTCUSD): execQty is a number of 1-USD contracts, so the USD notional
 *   IS execQty; the fee is paid in the base coin, valued at the fill's own price (core/fee-value.ts).
 */
import { EXPIRY_PATTERN, memoizedClassifier, type MarketClass } from '../../core/instrument.ts';
import { baseCoinOfSymbol, canonicalUnderlying } from '../../core/underlying.ts';
import { usdToMicros } from '../../core/usd.ts';
import { parseOrMalformed } from '../kit/error-table.ts';
import { marketOf, type MarketLookup, type NameReading } from '../kit/instrument-catalog.ts';
import { keptAside, tradeFill, type NormalizedRow } from '../kit/normalized-row.ts';
import { EXECUTION_LIST_PATH, TradeRowSchema, type ExecutionRow } from './schemas.ts';

/** https://bybit-exchange.github.io/docs/v5/order/execution — perpetuals and dated futures live in linear (USDT/USDC settled) and inverse (coin settled); not spot, not option. */
export const PERP_CATEGORIES = ['linear', 'inverse'] as const;
export type PerpCategory = (typeof PERP_CATEGORIES)[number];

/** Every execType (https://bybit-exchange.github.io/docs/v5/enum#exectype), decided on purpose: docs/counting.md, "Bybit". */
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

const OPTION = new RegExp(`-${EXPIRY_PATTERN}-\\d+(?:\\.\\d+)?-[CP](?:-[A-Z]+)?$`);
const DATED = new RegExp(`(?:-${EXPIRY_PATTERN}|USD[FGHJKMNQUVXZ]\\d{2})$`);
const PERP = /^[A-Z0-9]+(?:USDT|USDC|PERP|USD)$/;

/**
 * What a Bybit symbol is by its name (https://bybit-exchange.github.io/docs/v5/market/instrument):
 * perps BTCUSDT, BTCPERP (USDC), BTCUSD (inverse); dated futures BTC-26DEC25 (USDC),
 * BTCUSDT-26DEC25, and inverse BTCUSDZ25 (a CME month code and the year); options
 * BTC-27DEC24-60000-C (optionally with a settle coin after). instruments-info corrects it where it
 * says otherwise (instruments.ts).
 */
export const classifyBybitSymbol = memoizedClassifier((symbol: string): MarketClass => {
  if (OPTION.test(symbol)) return 'not_volume';
  if (DATED.test(symbol)) return 'dated_future';
  return PERP.test(symbol) ? 'perpetual' : 'unknown';
});

export const bybitNameReading: NameReading = (symbol) => ({ kind: classifyBybitSymbol(symbol), underlying: canonicalUnderlying(symbol) });

export function normalizeExecution(category: PerpCategory, row: ExecutionRow, instruments?: MarketLookup): NormalizedRow {
  const decision = EXEC_TYPE_DECISIONS[row.execType];
  const aside = keptAside({ exchange: 'bybit', executionId: row.execId, symbol: row.symbol, ts: Number(row.execTime) });
  if (decision === 'not_volume') return { ignored: row.execType };
  if (decision === undefined) return aside(row.execType || 'no execType');
  const market = marketOf(row.symbol, instruments, bybitNameReading);
  if ('ignored' in market) return market;
  if ('unknown' in market) return aside(market.unknown);
  const trade = parseOrMalformed('Bybit', TradeRowSchema, row, 'a trade row', `GET ${EXECUTION_LIST_PATH}`);
  const baseCoin = baseCoinOfSymbol(trade.symbol);
  const feeCurrency = trade.feeCurrency || (category === 'linear' ? linearSettleCoin(trade.symbol) : baseCoin);
  return tradeFill({
    exchange: 'bybit',
    tradeId: trade.execId,
    orderId: trade.orderId === '' ? null : trade.orderId,
    symbol: trade.symbol,
    kind: market.kind,
    underlying: market.underlying,
    side: trade.side === 'Buy' ? 'buy' : 'sell',
    price: trade.execPrice,
    qty: trade.execQty,
    notionalMicros: Math.abs(usdToMicros(category === 'linear' ? trade.execValue : trade.execQty)),
    fee: trade.execFee,
    feeCurrency,
    baseCoin,
    liquidity: trade.isMaker ? 'maker' : 'taker',
    ts: Number(trade.execTime),
  });
}

/**
 * Settle coin of a linear symbol when a row has no feeCurrency: USDT perps and futures carry USDT
 * in the name (BTCUSDT, BTCUSDT-26DEC25); USDC perps end in PERP (BTCPERP) and USDC futures look
 * like BTC-26DEC25.
 */
export function linearSettleCoin(symbol: string): string {
  return /USDT(?:-|$)/.test(symbol) ? 'USDT' : 'USDC';
}
