/**
 * A Paradex account's fills as GET /v1/fills lists them (field names from the API spec,
 * https://docs.paradex.trade/api/prod/account/list-fills), seeded and deterministic, with the rows
 * a volume counter must decide about mixed in: perpetual-option, spot and dated-future fills,
 * block trades, position UNWIND_TRANSFER (TRANSFER before 2026-07) and SETTLE_MARKET rows, a fill
 * type the spec does not list, fees paid in $DIME, liquidations whose id repeats a fill's (ids are
 * unique per fill type only), and fills the chain later busted (GET /v1/tradebusts). Taker fees are
 * positive, maker fees are rebates (negative) or zero.
 */
import { generateHistory, mulberry32, type GeneratedTrade } from '../random-history.ts';
import type { SimKind, SimTruthDay } from '../simulator.ts';
import { multiply, notionalOf, plain, readDecimal, usdMicros, type Fixed } from '../truth/decimal.ts';
import { TruthLedger } from '../truth/ledger.ts';

export type SimFillType = 'FILL' | 'LIQUIDATION' | 'RPI' | 'BLOCK_TRADE' | 'UNWIND_TRANSFER' | 'TRANSFER' | 'SETTLE_MARKET' | 'FUNDING_SWAP';
/** responses.AssetKind. */
export type SimAssetKind = 'PERP' | 'PERP_OPTION' | 'FUTURE' | 'SPOT' | 'OPTION';

export interface SimFillRow {
  id: string;
  account: string;
  market: string;
  side: 'BUY' | 'SELL';
  liquidity: 'MAKER' | 'TAKER';
  price: string;
  size: string;
  fee: string;
  fee_currency: string;
  order_id: string;
  client_id: string;
  fill_type: SimFillType;
  flags: string[];
  realized_pnl: string;
  realized_funding: string;
  remaining_size: string;
  created_at: number;
  /** Not sent: listing order within one millisecond. */
  seq: number;
  /** Not sent: the market's asset kind for the `asset_kind` filter. */
  assetKind: SimAssetKind;
}

/** One bust as GET /v1/tradebusts lists it (responses.TradebustResult). */
export interface SimBust {
  account: string;
  busted_fill_id: string;
  created_at: number;
}

/** One market as GET /v1/markets lists it, with what the simulator needs to know of it. */
export interface SimMarket {
  symbol: string;
  asset_kind: SimAssetKind;
  base_currency: string;
  quote_currency: string;
  settlement_currency: string;
  /** 0 for perpetuals and spot; a future's expiry (ms): after it the market is no longer listed. */
  expiry_at: number;
}

const TAKER_RATE = '0.0002';
const MAKER_REBATE = '-0.00005';
/** "$DIME fee discount: 40%" (trading-fees.mdx): the fee in DIME, at a made-up DIME price of 0.25 USD. */
const DIME_PER_USD = '4';
/**
 * The simulator's reading of responses.FillType: trades of the account's position count; a market
 * settlement and transfers to or from a vault operator do not; a type the spec does not list must be
 * kept aside. Only perpetuals count by default; FUTURE markets are dated futures; spot and options never.
 */
const COUNTED_TYPES = new Set(['FILL', 'LIQUIDATION', 'RPI', 'BLOCK_TRADE']);
const NOT_COUNTED_TYPES = new Set(['UNWIND_TRANSFER', 'TRANSFER', 'SETTLE_MARKET']);
/** A bust reverts a trade matched off-chain: the busted fill id names a FILL, RPI or BLOCK_TRADE row. */
const BUSTABLE_TYPES = new Set(['FILL', 'RPI', 'BLOCK_TRADE']);
const KINDS: Partial<Record<SimAssetKind, SimKind>> = { PERP: 'perpetual', FUTURE: 'dated_future' };
/** Perpetuals Paradex delisted: their fills are served, but GET /v1/markets no longer lists them. */
export const DELISTED_PERPS = new Set(['DOGE-USD-PERP']);

/** a × b × c exactly, as a plain decimal string without trailing zeros. */
function multiplyDecimals(...values: string[]): string {
  return plain(values.reduce<Fixed>((product, value) => multiply(product, readDecimal(value)), { digits: 1n, places: 0 }));
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** A dated future expiring at the end of the month after `ts`, named like Paradex's options: BTC-USD-27MAR26. */
function futureMarket(base: string, ts: number): SimMarket {
  const at = new Date(ts);
  const expiry = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 2, 0, 8);
  const e = new Date(expiry);
  const symbol = `${base}-USD-${e.getUTCDate()}${MONTHS[e.getUTCMonth()]}${String(e.getUTCFullYear() % 100).padStart(2, '0')}`;
  return { symbol, asset_kind: 'FUTURE', base_currency: base, quote_currency: 'USD', settlement_currency: 'USDC', expiry_at: expiry };
}

export function isCountedRow(row: SimFillRow): boolean {
  return COUNTED_TYPES.has(row.fill_type) && KINDS[row.assetKind] !== undefined;
}

export class SimFillBook {
  readonly rows: SimFillRow[] = [];
  readonly busts: SimBust[] = [];
  /** Every market the account traded (GET /v1/markets lists those active). */
  readonly markets = new Map<string, SimMarket>();
  private nextSeq = 0;
  private readonly random: () => number;
  /** Draws for the rows added since the first release, so the older rows of a seed stay what they were. */
  private readonly variety: () => number;
  private lastFillId: string | null = null;

  /** `now`: the simulator's clock; a bust counts from the moment it was made. */
  constructor(
    readonly account: string,
    seed: number,
    private readonly now: () => number = Date.now,
    /** False: no FUNDING_SWAP rows (a type Perpvol has no rule for); the draws stay the same. */
    private readonly unknownRows = true,
  ) {
    this.random = mulberry32(seed ^ 0x5eed);
    this.variety = mulberry32(seed ^ 0xd1e);
  }

  /** Adds generated trades, plus the occasional option, spot or future fill and non-trade row beside them. */
  addTrades(trades: GeneratedTrade[]): number {
    for (const trade of trades) {
      const roll = this.random();
      let fillType: SimFillType = roll < 0.01 ? 'UNWIND_TRANSFER' : roll < 0.015 ? 'SETTLE_MARKET' : roll < 0.04 ? 'LIQUIDATION' : roll < 0.05 ? 'RPI' : 'FILL';
      const extra = this.variety();
      if (fillType === 'FILL' && extra < 0.02) fillType = 'BLOCK_TRADE';
      else if (fillType === 'FILL' && extra < 0.025 && this.unknownRows) fillType = 'FUNDING_SWAP';
      else if (fillType === 'UNWIND_TRANSFER' && extra < 0.5) fillType = 'TRANSFER'; // rows from before the 2026-07 rename
      const base = trade.market.base;
      const market =
        extra >= 0.9 && extra < 0.94
          ? this.market(futureMarket(base, trade.ts))
          : extra >= 0.94 && extra < 0.96
            ? this.market({ symbol: `${base}-USDC`, asset_kind: 'SPOT', base_currency: base, quote_currency: 'USDC', settlement_currency: 'USDC', expiry_at: 0 })
            : this.market({ symbol: `${base}-USD-PERP`, asset_kind: 'PERP', base_currency: base, quote_currency: 'USD', settlement_currency: 'USDC', expiry_at: 0 });
      const dime = this.variety() < 0.05;
      const row = this.push(trade, market.symbol, market.asset_kind, fillType, dime);
      if (fillType === 'FILL' && market.asset_kind === 'PERP' && this.variety() < 0.01) {
        this.busts.push({ account: this.account, busted_fill_id: row.id, created_at: row.created_at + 1_500 });
      }
      if (this.random() < 0.03) {
        const strike = Math.round(trade.market.price * 1.1);
        const option: GeneratedTrade = { ...trade, price: (trade.market.price * 0.02).toFixed(2), qty: '1' };
        this.push(option, this.market({ symbol: `${base}-USD-${strike}-C`, asset_kind: 'PERP_OPTION', base_currency: base, quote_currency: 'USD', settlement_currency: 'USDC', expiry_at: 0 }).symbol, 'PERP_OPTION', 'FILL', false);
      }
    }
    return trades.length;
  }

  private market(market: SimMarket): SimMarket {
    if (!this.markets.has(market.symbol)) this.markets.set(market.symbol, market);
    return this.markets.get(market.symbol)!;
  }

  private push(trade: GeneratedTrade, market: string, assetKind: SimAssetKind, fillType: SimFillType, dime: boolean): SimFillRow {
    const seq = this.nextSeq++;
    const notional = multiplyDecimals(trade.price, trade.qty);
    const usdFee = trade.maker ? (seq % 3 === 0 ? '0' : multiplyDecimals(notional, MAKER_REBATE)) : multiplyDecimals(notional, TAKER_RATE);
    const fresh = `${trade.ts}${String(seq).padStart(10, '0')}`;
    // "Unique string ID of fill per FillType": a liquidation may carry the id of an earlier fill.
    const id = fillType === 'LIQUIDATION' && this.lastFillId !== null && seq % 2 === 0 ? this.lastFillId : fresh;
    // each id once per type: a fill's id is borrowed by one liquidation at most
    if (fillType === 'FILL') this.lastFillId = fresh;
    else if (id === this.lastFillId) this.lastFillId = null;
    const row: SimFillRow = {
      id,
      account: this.account,
      market,
      side: trade.side === 'buy' ? 'BUY' : 'SELL',
      liquidity: trade.maker ? 'MAKER' : 'TAKER',
      price: trade.price,
      size: trade.qty,
      // $DIME pays fees, not rebates: only a taker fee is ever in DIME
      fee: dime && !trade.maker ? multiplyDecimals(usdFee, DIME_PER_USD, '0.6') : usdFee,
      fee_currency: dime && !trade.maker ? 'DIME' : 'USDC',
      order_id: `${trade.ts}${String(seq).padStart(10, '0')}1`,
      client_id: seq % 4 === 0 ? `pv-${seq}` : '',
      fill_type: fillType,
      flags: fillType === 'RPI' ? ['rpi'] : [],
      realized_pnl: '0',
      realized_funding: '0',
      remaining_size: '0',
      created_at: trade.ts,
      seq,
      assetKind,
    };
    this.rows.push(row);
    return row;
  }

  get size(): number {
    return this.rows.length;
  }

  /** The `count` rows added last, in the order they were added. */
  newest(count: number): SimFillRow[] {
    return count <= 0 ? [] : this.rows.slice(-count);
  }

  /** Newest first, as Paradex lists them; ties by insertion order, newest first. */
  sorted(): SimFillRow[] {
    return [...this.rows].sort((a, b) => b.created_at - a.created_at || b.seq - a.seq);
  }

  /** Markets GET /v1/markets lists at `now`: active ones (a future until its expiry), never a delisted market's. */
  listedMarkets(now: number): SimMarket[] {
    return [...this.markets.values()].filter((m) => !DELISTED_PERPS.has(m.symbol) && (m.expiry_at === 0 || m.expiry_at > now));
  }

  private isBusted(row: SimFillRow): boolean {
    return BUSTABLE_TYPES.has(row.fill_type) && this.busts.some((bust) => bust.busted_fill_id === row.id && bust.created_at <= this.now());
  }

  private ledger(): TruthLedger {
    const ledger = new TruthLedger();
    for (const row of this.rows) {
      if (!isCountedRow(row) || this.isBusted(row)) continue;
      const fee = row.fee_currency === 'USDC' ? { usdMicros: usdMicros(row.fee) } : { token: row.fee_currency, amount: row.fee };
      const underlying = this.markets.get(row.market)!.base_currency;
      ledger.add({ ts: row.created_at, kind: KINDS[row.assetKind]!, notionalMicros: notionalOf(row.price, row.size), maker: row.liquidity === 'MAKER', fee, underlying });
    }
    return ledger;
  }

  truth(kinds?: readonly SimKind[]): Map<string, SimTruthDay> {
    return this.ledger().perDay(kinds);
  }

  truthByUnderlying(kinds?: readonly SimKind[]): Map<string, bigint> {
    return this.ledger().volumeByUnderlying(kinds);
  }

  /** Fees a correct client lists unpriced (in $DIME), per token, over the counted fills of the given kinds. */
  unpricedTruth(kinds?: readonly SimKind[]): Map<string, { amount: string; fills: number }> {
    const ledger = new TruthLedger();
    for (const row of this.rows) {
      if (!isCountedRow(row) || this.isBusted(row) || row.fee_currency === 'USDC') continue;
      ledger.add({ ts: row.created_at, kind: KINDS[row.assetKind]!, notionalMicros: 0n, maker: false, fee: { token: row.fee_currency, amount: row.fee } });
    }
    return ledger.unpricedFees(kinds);
  }

  /** Rows of a fill type the spec does not list (a client keeps them aside): type → how many. */
  unclassifiedTruth(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const row of this.rows) {
      if (COUNTED_TYPES.has(row.fill_type) || NOT_COUNTED_TYPES.has(row.fill_type)) continue;
      counts.set(row.fill_type, (counts.get(row.fill_type) ?? 0) + 1);
    }
    return counts;
  }
}

export function seededTrades(seed: number, count: number, endMs: number, days: number): GeneratedTrade[] {
  return generateHistory({ seed, count, endMs, days });
}
