/**
 * A Bybit account's execution rows as GET /v5/execution/list serves them
 * (https://bybit-exchange.github.io/docs/v5/order/execution), built from the exchange-neutral
 * generated history: linear USDT perps (BTCUSDT), linear USDC perps (BTCPERP), inverse perps
 * (BTCUSD: execQty in 1-USD contracts, value and fee in BTC), dated futures in both (BTCUSDT-26DEC25,
 * BTC-26DEC25 for USDC, BTCUSDZ25 inverse — counted apart from perps), plus rows that are NOT
 * futures trades — spot and option fills, Funding and Settle rows — which Perpvol must not count.
 */
import { mulberry32, type GeneratedTrade } from '../random-history.ts';
import { divText as divDecimal, mulText as mulDecimal } from '../truth/decimal.ts';

export type BybitCategory = 'linear' | 'inverse' | 'spot' | 'option';

/** GET /v5/market/instruments-info `contractType` of a linear/inverse symbol; null for spot and options. */
export type BybitContractType = 'LinearPerpetual' | 'LinearFutures' | 'InversePerpetual' | 'InverseFutures';

export interface BybitExecRow {
  category: BybitCategory;
  symbol: string;
  orderId: string;
  orderLinkId: string;
  side: 'Buy' | 'Sell';
  orderPrice: string;
  orderQty: string;
  leavesQty: string;
  orderType: 'Limit' | 'Market' | 'UNKNOWN';
  stopOrderType: string;
  execFee: string;
  feeCurrency: string;
  execId: string;
  execPrice: string;
  execQty: string;
  execType: 'Trade' | 'AdlTrade' | 'BustTrade' | 'Funding' | 'Settle';
  execValue: string;
  execTime: string;
  isMaker: boolean;
  feeRate: string;
  markPrice: string;
  closedSize: string;
  seq: number;
  /** Not sent: what instruments-info says the symbol is (null for spot, options and bookkeeping rows). */
  contractType: BybitContractType | null;
}

/** Bybit's non-VIP perp fee rates; some maker fills earn a rebate (a negative fee). */
const TAKER_RATE = '0.00055';
const MAKER_RATE = '0.0002';
const REBATE_RATE = '-0.000025';
const REBATE_SHARE = 0.3;
const FEE_DECIMALS = 8;
const INVERSE_BASES = new Set(['BTC', 'ETH']);
/**
 * Shares of futures among the trades, carved out of the draw that already picks the market (so the
 * generated histories of every other row stay what they were): inverse futures, USDC futures and
 * USDT futures.
 */
const INVERSE_FUTURES_FROM = 0.17;
const USDC_FUTURES_FROM = 0.37;
const USDT_FUTURES_FROM = 0.88;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** CME month codes of the quarterly expiries (March, June, September, December). */
const QUARTER_CODES: Record<number, string> = { 2: 'H', 5: 'M', 8: 'U', 11: 'Z' };

/** The next quarterly expiry after `ts`: the last Friday of March, June, September or December, 08:00 UTC. */
function nextQuarterly(ts: number): { day: number; month: number; year: number } {
  let year = new Date(ts).getUTCFullYear();
  let month = Math.floor(new Date(ts).getUTCMonth() / 3) * 3 + 2;
  for (;;) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    const day = last.getUTCDate() - ((last.getUTCDay() + 2) % 7);
    if (Date.UTC(year, month, day, 8) > ts) return { day, month, year };
    month += 3;
    if (month > 11) [month, year] = [month - 12, year + 1];
  }
}

/** BTCUSDT-26DEC25 (USDT), BTC-26DEC25 (USDC) or BTCUSDZ25 (inverse), as Bybit names dated futures. */
function futureSymbol(base: string, settle: 'USDT' | 'USDC' | 'inverse', ts: number): string {
  const { day, month, year } = nextQuarterly(ts);
  const yy = String(year % 100).padStart(2, '0');
  if (settle === 'inverse') return `${base}USD${QUARTER_CODES[month]}${yy}`;
  return `${settle === 'USDT' ? `${base}USDT` : base}-${day}${MONTHS[month]}${yy}`;
}

function uuid(random: () => number): string {
  const hex = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

/** Builds rows one at a time, so live trades continue the same ids and partial-fill orders. */
export class BybitRowFactory {
  private readonly random: () => number;
  private seq = 0;
  private lastTs = -1;
  private lastOrderId = '';

  constructor(seed: number) {
    this.random = mulberry32(seed ^ 0xb7b17);
  }

  /** A fill for one generated trade: mostly linear/inverse perps, some spot and option fills. */
  trade(trade: GeneratedTrade, forcePerp = false): BybitExecRow {
    const roll = this.random();
    const base = trade.market.base;
    const orderId = trade.ts === this.lastTs ? this.lastOrderId : uuid(this.random);
    this.lastTs = trade.ts;
    this.lastOrderId = orderId;
    const special = this.random();
    const execType = special < 0.01 ? 'AdlTrade' : special < 0.02 ? 'BustTrade' : 'Trade';
    const maker = execType === 'Trade' && trade.maker;
    const rate = maker ? (this.random() < REBATE_SHARE ? REBATE_RATE : MAKER_RATE) : TAKER_RATE;
    const common = { orderId, execType, isMaker: maker, feeRate: rate, execTime: String(trade.ts), side: trade.side === 'buy' ? 'Buy' : 'Sell' } as const;
    if (!forcePerp && roll >= 0.93) return this.row({ ...common, ...this.spotOrOption(trade, roll, rate), execType: 'Trade' });
    if (roll < 0.2 && INVERSE_BASES.has(base)) {
      const contracts = String(Math.max(1, Math.round(Number(trade.price) * Number(trade.qty))));
      const value = divDecimal(contracts, trade.price, FEE_DECIMALS);
      const future = !forcePerp && roll >= INVERSE_FUTURES_FROM;
      return this.row({
        ...common,
        category: 'inverse',
        contractType: future ? 'InverseFutures' : 'InversePerpetual',
        symbol: future ? futureSymbol(base, 'inverse', trade.ts) : `${base}USD`,
        execPrice: trade.price,
        execQty: contracts,
        execValue: value,
        execFee: mulDecimal(value, rate, FEE_DECIMALS),
        feeCurrency: base,
      });
    }
    const usdc = roll < 0.4;
    const future = !forcePerp && (usdc ? roll >= USDC_FUTURES_FROM : roll >= USDT_FUTURES_FROM);
    const value = mulDecimal(trade.price, trade.qty, trade.market.priceDecimals + trade.market.qtyDecimals);
    return this.row({
      ...common,
      category: 'linear',
      contractType: future ? 'LinearFutures' : 'LinearPerpetual',
      symbol: future ? futureSymbol(base, usdc ? 'USDC' : 'USDT', trade.ts) : usdc ? `${base}PERP` : `${base}USDT`,
      execPrice: trade.price,
      execQty: trade.qty,
      execValue: value,
      execFee: mulDecimal(value, rate, FEE_DECIMALS),
      feeCurrency: usdc ? 'USDC' : 'USDT',
    });
  }

  /** A funding payment on a linear position, or a settlement of an inverse one: not trades. */
  bookkeeping(ts: number, kind: 'Funding' | 'Settle'): BybitExecRow {
    const linear = kind === 'Funding';
    const price = (60_000 + Math.floor(this.random() * 8_000)).toFixed(1);
    const qty = linear ? (0.01 + Math.floor(this.random() * 100) / 100).toFixed(3) : String(1_000 + Math.floor(this.random() * 9_000));
    const value = linear ? mulDecimal(price, qty, 4) : divDecimal(qty, price, FEE_DECIMALS);
    const rate = this.random() < 0.5 ? '0.0001' : '-0.0001';
    return this.row({
      category: linear ? 'linear' : 'inverse',
      contractType: linear ? 'LinearPerpetual' : 'InversePerpetual',
      symbol: linear ? 'BTCUSDT' : 'BTCUSD',
      orderId: '',
      execType: kind,
      isMaker: false,
      feeRate: rate,
      execTime: String(ts),
      side: this.random() < 0.5 ? 'Buy' : 'Sell',
      execPrice: price,
      execQty: qty,
      execValue: value,
      execFee: mulDecimal(value, rate, FEE_DECIMALS),
      feeCurrency: linear ? 'USDT' : 'BTC',
    });
  }

  private spotOrOption(trade: GeneratedTrade, roll: number, rate: string): Pick<BybitExecRow, 'category' | 'contractType' | 'symbol' | 'execPrice' | 'execQty' | 'execValue' | 'execFee' | 'feeCurrency'> {
    const value = mulDecimal(trade.price, trade.qty, trade.market.priceDecimals + trade.market.qtyDecimals);
    if (roll < 0.98) {
      return { category: 'spot', contractType: null, symbol: `${trade.market.base}USDT`, execPrice: trade.price, execQty: trade.qty, execValue: value, execFee: mulDecimal(trade.qty, '0.001', 8), feeCurrency: trade.market.base };
    }
    return { category: 'option', contractType: null, symbol: 'BTC-27DEC24-60000-C', execPrice: '1250', execQty: '0.1', execValue: '125', execFee: mulDecimal('125', rate, 8), feeCurrency: 'USDC' };
  }

  private row(fields: Omit<BybitExecRow, 'orderLinkId' | 'orderPrice' | 'orderQty' | 'leavesQty' | 'orderType' | 'stopOrderType' | 'execId' | 'markPrice' | 'closedSize' | 'seq'>): BybitExecRow {
    const seq = ++this.seq;
    const trade = fields.execType !== 'Funding' && fields.execType !== 'Settle';
    return {
      ...fields,
      orderLinkId: '',
      orderPrice: trade ? fields.execPrice : '0',
      orderQty: trade ? fields.execQty : '0',
      leavesQty: '0',
      orderType: trade ? (fields.isMaker ? 'Limit' : 'Market') : 'UNKNOWN',
      stopOrderType: 'UNKNOWN',
      execId: uuid(this.random),
      markPrice: fields.execPrice,
      closedSize: '0',
      seq,
    };
  }
}
