/**
 * A Bybit account's execution rows as GET /v5/execution/list serves them
 * (https://bybit-exchange.github.io/docs/v5/order/execution), built from the exchange-neutral
 * generated history: linear USDT perps (BTCUSDT), linear USDC perps (BTCPERP), inverse perps
 * (BTCUSD: execQty in 1-USD contracts, value and fee in BTC), dated futures in both (BTCUSDT-26DEC25,
 * BTC-26DEC25 for USDC, BTCUSDZ25 inverse — counted apart from perps), plus rows that are NOT
 * futures trades — spot and option fills, Funding and Settle rows — which Perpvol must not count.
 * The factory also keeps what GET /v5/market/instruments-info says of every contract it trades
 * (contractType, baseCoin, deliveryTime), so the simulator can list the ones not yet expired.
 */
import { mulberry32, type GeneratedTrade } from '../random-history.ts';
import { divText as divDecimal, mulText as mulDecimal } from '../truth/decimal.ts';

export type BybitCategory = 'linear' | 'inverse' | 'spot' | 'option';

/** GET /v5/market/instruments-info `contractType` of a linear/inverse symbol; null for spot and options. */
export type BybitContractType = 'LinearPerpetual' | 'LinearFutures' | 'InversePerpetual' | 'InverseFutures';

/**
 * https://bybit-exchange.github.io/docs/v5/enum#exectype: the documented types, and one the docs do
 * not list (a type added after Perpvol shipped), which a correct client keeps aside rather than drops.
 */
export type BybitExecType =
  | 'Trade' | 'AdlTrade' | 'BustTrade' | 'Funding' | 'Settle' | 'Delivery' | 'BlockTrade' | 'MovePosition' | 'FutureSpread' | 'UNKNOWN'
  | 'SpreadSettle';

/** What instruments-info says of one contract the account traded. */
export interface BybitSimInstrument {
  category: 'linear' | 'inverse';
  symbol: string;
  contractType: BybitContractType;
  baseCoin: string;
  quoteCoin: string;
  /** 0 for a perpetual; a future's expiry (ms): after it, the symbol is no longer listed. */
  deliveryTime: number;
}

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
  execType: BybitExecType;
  execValue: string;
  execTime: string;
  isMaker: boolean;
  feeRate: string;
  markPrice: string;
  closedSize: string;
  seq: number;
  /** Not sent: what instruments-info says the symbol is (null for spot, options and bookkeeping rows). */
  contractType: BybitContractType | null;
  /** Not sent: the asset the contract is on (instruments-info baseCoin), for the truth per underlying. */
  baseCoin?: string;
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

/** BTCUSDT-26DEC25 (USDT), BTC-26DEC25 (USDC) or BTCUSDZ25 (inverse), as Bybit names dated futures, and when it expires. */
function futureSymbol(base: string, settle: 'USDT' | 'USDC' | 'inverse', ts: number): { symbol: string; deliveryTime: number } {
  const { day, month, year } = nextQuarterly(ts);
  const yy = String(year % 100).padStart(2, '0');
  const deliveryTime = Date.UTC(year, month, day, 8);
  if (settle === 'inverse') return { symbol: `${base}USD${QUARTER_CODES[month]}${yy}`, deliveryTime };
  return { symbol: `${settle === 'USDT' ? `${base}USDT` : base}-${day}${MONTHS[month]}${yy}`, deliveryTime };
}

/**
 * A listed future whose name reads like a perpetual (it ends in USDT, with no expiry in it): only
 * instruments-info's contractType tells it is a dated future. It stands for any market whose name
 * a client's rules read wrong, and expires far after every test's clock, so it is always listed.
 */
export const NAME_MISLEADS = { symbol: 'BTCQUSDT', baseCoin: 'BTC', deliveryTime: Date.UTC(2099, 2, 27, 8) } as const;

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
  /** Every linear and inverse contract traded, as instruments-info describes it. */
  readonly instruments = new Map<string, BybitSimInstrument>();

  constructor(seed: number) {
    this.random = mulberry32(seed ^ 0xb7b17);
  }

  private contract(category: 'linear' | 'inverse', symbol: string, contractType: BybitContractType, baseCoin: string, deliveryTime = 0): string {
    const quoteCoin = category === 'inverse' ? 'USD' : symbol.includes('USDT') ? 'USDT' : 'USDC';
    if (!this.instruments.has(symbol)) this.instruments.set(symbol, { category, symbol, contractType, baseCoin, quoteCoin, deliveryTime });
    return symbol;
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
      const dated = futureSymbol(base, 'inverse', trade.ts);
      return this.row({
        ...common,
        category: 'inverse',
        contractType: future ? 'InverseFutures' : 'InversePerpetual',
        symbol: future
          ? this.contract('inverse', dated.symbol, 'InverseFutures', base, dated.deliveryTime)
          : this.contract('inverse', `${base}USD`, 'InversePerpetual', base),
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
    const dated = futureSymbol(base, usdc ? 'USDC' : 'USDT', trade.ts);
    return this.row({
      ...common,
      category: 'linear',
      contractType: future ? 'LinearFutures' : 'LinearPerpetual',
      symbol: future
        ? this.contract('linear', dated.symbol, 'LinearFutures', base, dated.deliveryTime)
        : this.contract('linear', usdc ? `${base}PERP` : `${base}USDT`, 'LinearPerpetual', base),
      execPrice: trade.price,
      execQty: trade.qty,
      execValue: value,
      execFee: mulDecimal(value, rate, FEE_DECIMALS),
      feeCurrency: usdc ? 'USDC' : 'USDT',
    });
  }

  /**
   * One execution of a type other than a plain trade, on a linear contract at `ts`: a block trade, a
   * spread order's two legs (the perpetual and the future, at one time), a position moved to a
   * sub-account, a delivery of an expired future, a row of type UNKNOWN or of a type the docs do not
   * list, or a trade of the future whose name misleads (NAME_MISLEADS).
   */
  special(ts: number, kind: 'BlockTrade' | 'FutureSpread' | 'MovePosition' | 'Delivery' | 'UNKNOWN' | 'SpreadSettle' | 'NameMisleads'): BybitExecRow[] {
    const price = (3_000 + Math.floor(this.random() * 400)).toFixed(2);
    const qty = (0.1 + Math.floor(this.random() * 50) / 10).toFixed(1);
    const value = mulDecimal(price, qty, 3);
    const side = this.random() < 0.5 ? 'Buy' : 'Sell';
    const leg = (symbol: string, contractType: BybitContractType, execType: BybitExecType, fee = mulDecimal(value, TAKER_RATE, FEE_DECIMALS)) =>
      this.row({
        category: 'linear', contractType, symbol, orderId: uuid(this.random), execType, isMaker: false, feeRate: TAKER_RATE,
        execTime: String(ts), side, execPrice: price, execQty: qty, execValue: value, execFee: fee, feeCurrency: 'USDT',
      });
    const perp = this.contract('linear', 'ETHUSDT', 'LinearPerpetual', 'ETH');
    const future = futureSymbol('ETH', 'USDT', ts);
    switch (kind) {
      case 'FutureSpread':
        return [leg(perp, 'LinearPerpetual', 'FutureSpread'), leg(this.contract('linear', future.symbol, 'LinearFutures', 'ETH', future.deliveryTime), 'LinearFutures', 'FutureSpread')];
      case 'Delivery': {
        // the future expiring at its delivery time, settled rather than traded
        const expiring = futureSymbol('ETH', 'USDT', ts - 86_400_000);
        return [leg(this.contract('linear', expiring.symbol, 'LinearFutures', 'ETH', expiring.deliveryTime), 'LinearFutures', 'Delivery', '0')];
      }
      case 'MovePosition':
        // "There is no trading fee" (move-position.mdx)
        return [leg(perp, 'LinearPerpetual', 'MovePosition', '0')];
      case 'NameMisleads':
        return [leg(this.contract('linear', NAME_MISLEADS.symbol, 'LinearFutures', NAME_MISLEADS.baseCoin, NAME_MISLEADS.deliveryTime), 'LinearFutures', 'Trade')];
      default:
        return [leg(perp, 'LinearPerpetual', kind)];
    }
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
      symbol: linear ? this.contract('linear', 'BTCUSDT', 'LinearPerpetual', 'BTC') : this.contract('inverse', 'BTCUSD', 'InversePerpetual', 'BTC'),
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

  private row(fields: Omit<BybitExecRow, 'orderLinkId' | 'orderPrice' | 'orderQty' | 'leavesQty' | 'orderType' | 'stopOrderType' | 'execId' | 'markPrice' | 'closedSize' | 'seq' | 'baseCoin'>): BybitExecRow {
    const seq = ++this.seq;
    const baseCoin = fields.category === 'linear' || fields.category === 'inverse' ? this.instruments.get(fields.symbol)?.baseCoin : undefined;
    const trade = fields.execType !== 'Funding' && fields.execType !== 'Settle' && fields.execType !== 'Delivery';
    return {
      ...fields,
      ...(baseCoin ? { baseCoin } : {}),
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
