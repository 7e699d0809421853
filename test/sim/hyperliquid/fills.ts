/**
 * Hyperliquid fill rows as `POST /info` serves them, built from the exchange-neutral generated
 * history. Field names and types follow the info endpoint docs
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint): strings for
 * px/sz/fee, `side` "B"/"A", `crossed` = took liquidity, integer `oid`/`tid`, ms `time`.
 */
import { microsText, notionalOf } from '../truth/decimal.ts';
import { mulberry32, type GeneratedTrade } from '../random-history.ts';

export interface HlFill {
  coin: string;
  px: string;
  sz: string;
  side: 'B' | 'A';
  time: number;
  startPosition: string;
  dir: string;
  closedPnl: string;
  hash: string;
  oid: number;
  crossed: boolean;
  fee: string;
  feeToken: string;
  builderFee?: string;
  tid: number;
  twapId: number | null;
}

/** Fee rates of Hyperliquid's base tier (taker "cross", maker "add"), as the userFees schedule shows. */
export const TAKER_RATE_PPM = 450; // 0.045%
export const MAKER_RATE_PPM = 150; // 0.015%
/** A builder code's fee on perps, here 1 bp; the fill's `fee` already includes it. */
export const BUILDER_RATE_PPM = 100;

/** Spot markets look like "@107" (by index) or "PURR/USDC"; neither is perp volume. */
const SPOT_MARKETS = [
  { coin: '@107', base: 'HYPE', price: 24, qty: 20 },
  { coin: 'PURR/USDC', base: 'PURR', price: 0.2, qty: 5_000 },
];
/**
 * HIP-3 builder-deployed perps ("dex:COIN"): one dex collateralised in USDC, one in USDe (Ethena's
 * dollar: fees in USDE, counted at par) — and, when asked for, one whose collateral is a token of its
 * own (XYZD): its price × size is not dollars, so a client must keep those fills aside.
 */
const BUILDER_DEXES = [
  { prefix: 'xyz', coin: 'TSLA', feeToken: 'USDC', price: 250, qty: 3 },
  { prefix: 'ena', coin: 'BTC', feeToken: 'USDE', price: 64_000, qty: 0.02 },
];
const NON_DOLLAR_DEX = { prefix: 'abc', coin: 'GOLD', feeToken: 'XYZD', price: 2_400, qty: 0.5 };
/** Share of generated trades on HIP-3 dexes (drawn apart, so the other rows of a seed stay as they were). */
const BUILDER_SHARE_OF_TRADES = 0.05;
/** Share of generated trades that are spot fills. */
const SPOT_SHARE = 0.06;
const BUILDER_SHARE = 0.1;
const REBATE_SHARE = 0.03;

/** Builds fills one at a time so that live trades continue the same positions and ids. */
export class HlFillFactory {
  private readonly random: () => number;
  private readonly variety: () => number;
  private readonly positions = new Map<string, number>();
  private lastTime = -1;
  private lastOid = 0;
  private nextSeq = 0;

  private readonly dexes: (typeof NON_DOLLAR_DEX)[];

  /** `nonDollarDex`: also trade on a HIP-3 dex that settles in a token of its own. */
  constructor(
    private readonly seed: number,
    options: { nonDollarDex?: boolean } = {},
  ) {
    this.random = mulberry32(seed ^ 0x5eed);
    this.variety = mulberry32(seed ^ 0x41f3);
    this.dexes = options.nonDollarDex ? [...BUILDER_DEXES, NON_DOLLAR_DEX] : BUILDER_DEXES;
  }

  /** Spot or perp fill for one generated trade; fills in the same ms reuse the order id (partial fills). */
  build(trade: GeneratedTrade, options: { forcePerp?: boolean } = {}): HlFill {
    const seq = this.nextSeq++;
    const spot = !options.forcePerp && this.random() < SPOT_SHARE;
    const oid = trade.ts === this.lastTime ? this.lastOid : 90_000_000_000 + seq * 3 + Math.floor(this.random() * 3);
    this.lastTime = trade.ts;
    this.lastOid = oid;
    const tid = 400_000_000_000_000 + seq * 1_000 + Math.floor(this.random() * 1_000);
    const hash = `0x${hex(this.seed, seq)}`;
    if (spot) return this.spotFill(trade, oid, tid, hash);
    const fill = this.perpFill(trade, oid, tid, hash);
    return !options.forcePerp && this.variety() < BUILDER_SHARE_OF_TRADES ? this.onBuilderDex(fill) : fill;
  }

  /** The same trade on a HIP-3 dex: its coin, price and size, fees in the dex's collateral token. */
  private onBuilderDex(fill: HlFill): HlFill {
    const dex = this.dexes[Math.floor(this.variety() * this.dexes.length)]!;
    const px = (dex.price * (0.95 + this.variety() * 0.1)).toFixed(2);
    const sz = (dex.qty * (0.2 + this.variety())).toFixed(3);
    const fee = microsText(Math.round((Number(notionalOf(px, sz)) * (fill.crossed ? TAKER_RATE_PPM : MAKER_RATE_PPM)) / 1_000_000));
    const { builderFee: _builder, ...rest } = fill;
    return { ...rest, coin: `${dex.prefix}:${dex.coin}`, px, sz, fee, feeToken: dex.feeToken };
  }

  private perpFill(trade: GeneratedTrade, oid: number, tid: number, hash: string): HlFill {
    const coin = trade.market.base;
    const qty = Number(trade.qty);
    const signed = trade.side === 'buy' ? qty : -qty;
    const before = this.positions.get(coin) ?? 0;
    const after = roundTo(before + signed, trade.market.qtyDecimals);
    this.positions.set(coin, after);
    const notional = Number(notionalOf(trade.price, trade.qty));
    const rebate = trade.maker && this.random() < REBATE_SHARE;
    const baseFee = rebate ? -Math.round(notional / 100_000) : Math.round((notional * (trade.maker ? MAKER_RATE_PPM : TAKER_RATE_PPM)) / 1_000_000);
    const builder = this.random() < BUILDER_SHARE ? Math.round((notional * BUILDER_RATE_PPM) / 1_000_000) : 0;
    const closes = before !== 0 && Math.sign(before) !== Math.sign(signed);
    const closedPnl = closes ? ((this.random() - 0.45) * notional * 2e-8).toFixed(6) : '0.0';
    const fill: HlFill = {
      coin,
      px: trade.price,
      sz: trade.qty,
      side: trade.side === 'buy' ? 'B' : 'A',
      time: trade.ts,
      startPosition: before.toFixed(trade.market.qtyDecimals),
      dir: direction(before, after),
      closedPnl,
      hash,
      oid,
      crossed: !trade.maker,
      fee: microsText(baseFee + builder),
      feeToken: 'USDC',
      tid,
      twapId: null,
    };
    if (builder > 0) fill.builderFee = microsText(builder);
    return fill;
  }

  private spotFill(trade: GeneratedTrade, oid: number, tid: number, hash: string): HlFill {
    const market = SPOT_MARKETS[Math.floor(this.random() * SPOT_MARKETS.length)]!;
    const px = (market.price * (0.9 + this.random() * 0.2)).toFixed(4);
    const sz = (market.qty * (0.1 + this.random())).toFixed(2);
    const buy = trade.side === 'buy';
    // Spot buys pay the fee in the token bought; sells pay in USDC.
    const fee = buy ? (Number(sz) * 0.0004).toFixed(6) : (Number(px) * Number(sz) * 0.0004).toFixed(6);
    return {
      coin: market.coin,
      px,
      sz,
      side: buy ? 'B' : 'A',
      time: trade.ts,
      startPosition: '0.0',
      dir: buy ? 'Buy' : 'Sell',
      closedPnl: '0.0',
      hash,
      oid,
      crossed: !trade.maker,
      fee,
      feeToken: buy ? market.base : 'USDC',
      tid,
      twapId: null,
    };
  }
}

export function isSpotCoin(coin: string): boolean {
  return coin.startsWith('@') || coin.includes('/');
}

/** Fee tokens a HIP-3 dex may settle in that are dollars (the simulator's reading: USDC and USDe). */
const DOLLAR_COLLATERAL = new Set(['USDC', 'USDE']);

/** A HIP-3 perp whose dex settles in a token that is not a dollar: not USD volume. */
export function isNonDollarBuilderPerp(fill: HlFill): boolean {
  return fill.coin.includes(':') && !DOLLAR_COLLATERAL.has(fill.feeToken.toUpperCase());
}

/** A fill a correct client counts as perp volume: not spot, not a HIP-3 perp in a token that is no dollar. */
export function isCountedPerp(fill: HlFill): boolean {
  return !isSpotCoin(fill.coin) && !isNonDollarBuilderPerp(fill);
}

function direction(before: number, after: number): string {
  if (before >= 0 && after >= 0) return after > before ? 'Open Long' : 'Close Long';
  if (before <= 0 && after <= 0) return after < before ? 'Open Short' : 'Close Short';
  return before > 0 ? 'Long > Short' : 'Short > Long';
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

function hex(seed: number, seq: number): string {
  const random = mulberry32((seed * 31 + seq) >>> 0);
  let out = '';
  while (out.length < 64) out += Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return out;
}
