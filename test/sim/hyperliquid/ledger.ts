/**
 * One simulated Hyperliquid user: every fill they ever made, of which the API serves only the
 * 10,000 most recent, and the figures the exchange computes over the whole history (userFees,
 * portfolio), which is why those can exceed what fills add up to.
 */
import { DEFAULT_MARKETS, generateHistory, mulberry32, type GeneratedTrade } from '../random-history.ts';
import type { SimKind, SimTruthDay } from '../simulator.ts';
import { microsText, notionalOf, usdMicros } from '../truth/decimal.ts';
import { TruthLedger } from '../truth/ledger.ts';
import { DAY_MS, utcDayOf } from '../truth/utc-day.ts';
import type { HyperliquidDialect } from './dialect.ts';
import { HlFillFactory, isNonDollarBuilderPerp, isSpotCoin, type HlFill } from './fills.ts';
import { simTierFor, type SimTier } from '../fee-tier-ladders.ts';

/** Days the fee tier is judged on: "rolling 14 day volume" (hyperliquid-docs trading/fees). */
export const FEE_TIER_DAYS = 14;

/** "Only the 10,000 most recent fills are available" (info endpoint, userFillsByTime). */
export const SERVED_FILLS_CAP = 10_000;
/** At most 2,000 fills per userFillsByTime / userFills answer. */
export const FILLS_PER_ANSWER = 2_000;
/** How many recent days userFees.dailyUserVlm lists (today included). */
export const DAILY_VLM_DAYS = 15;

export class HlLedger {
  readonly address: string;
  /** Oldest first; equal times keep insertion order. */
  private readonly fills: HlFill[] = [];
  private readonly factory: HlFillFactory;
  private readonly liveRandom: () => number;

  constructor(seed: number, count: number, endMs: number, days: number, options: { nonDollarDex?: boolean } = {}) {
    this.address = addressFor(seed);
    this.factory = new HlFillFactory(seed, options);
    this.liveRandom = mulberry32(seed ^ 0x11fe);
    for (const trade of generateHistory({ seed, count, endMs, days })) this.fills.push(this.factory.build(trade));
  }

  /** The fills the API can still serve: the 10,000 most recent. */
  served(): HlFill[] {
    return this.fills.slice(-SERVED_FILLS_CAP);
  }

  /**
   * userFillsByTime: the served fills from startTime (inclusive) to endTime (inclusive or not, per
   * the dialect), at most 2,000 of them — the oldest or the newest — in the dialect's order.
   */
  byTime(startTime: number, endTime: number, dialect: HyperliquidDialect): HlFill[] {
    const inRange = this.served().filter(
      (fill) => fill.time >= startTime && (dialect.endTime === 'inclusive' ? fill.time <= endTime : fill.time < endTime),
    );
    const kept = dialect.capKeeps === 'oldest' ? inRange.slice(0, FILLS_PER_ANSWER) : inRange.slice(-FILLS_PER_ANSWER);
    return dialect.order === 'ascending' ? kept : kept.reverse();
  }

  /** userFills: the 2,000 most recent, newest first. */
  recent(): HlFill[] {
    return this.fills.slice(-FILLS_PER_ANSWER).reverse();
  }

  /** Appends `count` perp fills at `at` (live trading); they may push old fills out of the served window. */
  trade(count: number, at: number): number {
    for (let i = 0; i < count; i++) {
      const market = DEFAULT_MARKETS[Math.floor(this.liveRandom() * DEFAULT_MARKETS.length)]!;
      const trade: GeneratedTrade = {
        seq: -1,
        ts: at,
        market,
        side: this.liveRandom() < 0.5 ? 'buy' : 'sell',
        price: market.price.toFixed(market.priceDecimals),
        qty: market.typicalQty.toFixed(market.qtyDecimals),
        maker: this.liveRandom() < 0.4,
      };
      this.fills.push(this.factory.build(trade, { forcePerp: true }));
    }
    // A trade placed in the past (tests may pass `at`) still belongs in time order; sort is stable.
    if (this.fills.length > count && this.fills[this.fills.length - count - 1]!.time > at) this.fills.sort((a, b) => a.time - b.time);
    return count;
  }

  /** Per UTC day, the perp fills the API serves: what a correct sync must add up to. */
  truth(kinds?: readonly SimKind[]): Map<string, SimTruthDay> {
    return this.truthLedger().perDay(kinds);
  }

  /** Underlying (the coin, a HIP-3 dex's prefix dropped) → all-time volume of the served perp fills. */
  truthByUnderlying(kinds?: readonly SimKind[]): Map<string, bigint> {
    return this.truthLedger().volumeByUnderlying(kinds);
  }

  private truthLedger(): TruthLedger {
    const ledger = new TruthLedger();
    for (const fill of this.served()) {
      if (isSpotCoin(fill.coin) || isNonDollarBuilderPerp(fill)) continue;
      // Perps charge in USDC, a HIP-3 dex in its dollar collateral (USDe at par).
      const fee = fill.feeToken === 'USDC' || fill.feeToken === 'USDE' ? { usdMicros: usdMicros(fill.fee) } : { token: fill.feeToken, amount: fill.fee };
      ledger.add({ ts: fill.time, kind: 'perpetual', notionalMicros: notionalOf(fill.px, fill.sz), maker: !fill.crossed, fee, underlying: fill.coin.split(':').at(-1)! });
    }
    return ledger;
  }

  /** Served HIP-3 fills of a dex that settles in a token that is no dollar: what a client keeps aside. */
  unclassified(): HlFill[] {
    return this.served().filter(isNonDollarBuilderPerp);
  }

  /**
   * userFees: taker (userCross) and maker (userAdd) volume per recent UTC day, over ALL of the
   * user's perp fills (the exchange does not forget them). Spot volume is left out here so the
   * simulator's figures compare cleanly with perp-only fills.
   */
  userFees(now: number, exchangeVolume: string, ladder: readonly SimTier[]): unknown {
    const today = Math.floor(now / DAY_MS) * DAY_MS;
    const first = today - (DAILY_VLM_DAYS - 1) * DAY_MS;
    const perDay = new Map<string, { cross: number; add: number }>();
    for (let ms = first; ms <= today; ms += DAY_MS) perDay.set(utcDayOf(ms), { cross: 0, add: 0 });
    for (const fill of this.fills) {
      // a dex settling in a token that is no dollar has no USD figure here (the simulator leaves it out)
      if (isSpotCoin(fill.coin) || isNonDollarBuilderPerp(fill) || fill.time < first) continue;
      const day = perDay.get(utcDayOf(fill.time));
      if (!day) continue;
      if (fill.crossed) day.cross += Number(notionalOf(fill.px, fill.sz));
      else day.add += Number(notionalOf(fill.px, fill.sz));
    }
    // The tier is judged on the last 14 of the listed days, today included; the user pays its rates.
    const tierDays = [...perDay.values()].slice(-FEE_TIER_DAYS);
    const tierVolume = tierDays.reduce((sum, v) => sum + BigInt(v.cross) + BigInt(v.add), 0n);
    const { tier } = simTierFor(ladder, tierVolume);
    return {
      dailyUserVlm: [...perDay].map(([date, v]) => ({
        date,
        userCross: microsText(v.cross),
        userAdd: microsText(v.add),
        exchange: exchangeVolume,
      })),
      feeSchedule: {
        cross: ladder[0]!.taker,
        add: ladder[0]!.maker,
        spotCross: '0.0007',
        spotAdd: '0.0004',
        tiers: {
          vip: ladder.slice(1).map((step) => ({ ntlCutoff: `${step.volumeUsd}.0`, cross: step.taker, add: step.maker, spotCross: '0.0006', spotAdd: '0.0003' })),
          mm: [{ makerFractionCutoff: '0.005', add: '-0.00001' }],
        },
        referralDiscount: '0.04',
        stakingDiscountTiers: [{ bpsOfMaxSupply: '0.0', discount: '0.0' }],
      },
      userCrossRate: tier.taker,
      userAddRate: tier.maker,
      userSpotCrossRate: '0.0007',
      userSpotAddRate: '0.0004',
      activeReferralDiscount: '0.0',
      trial: null,
      feeTrialEscrow: '0.0',
      nextTrialAvailableTimestamp: null,
      stakingLink: null,
      activeStakingDiscount: { bpsOfMaxSupply: '0.0', discount: '0.0' },
    };
  }

  /** portfolio: [window, {accountValueHistory, pnlHistory, vlm}] for combined and perp-only windows. */
  portfolio(now: number): unknown {
    const windows: [string, number][] = [
      ['day', DAY_MS],
      ['week', 7 * DAY_MS],
      ['month', 30 * DAY_MS],
      ['allTime', Number.POSITIVE_INFINITY],
    ];
    const out: [string, unknown][] = [];
    for (const perpOnly of [false, true]) {
      for (const [name, span] of windows) {
        let vlm = 0;
        for (const fill of this.fills) {
          if (now - fill.time > span || fill.time > now) continue;
          if (isNonDollarBuilderPerp(fill) || (perpOnly && isSpotCoin(fill.coin))) continue;
          vlm += Number(notionalOf(fill.px, fill.sz));
        }
        const key = perpOnly ? `perp${name[0]!.toUpperCase()}${name.slice(1)}` : name;
        out.push([key, { accountValueHistory: [[now, '10000.0']], pnlHistory: [[now, '0.0']], vlm: microsText(vlm) }]);
      }
    }
    return out;
  }

  /** clearinghouseState: a flat account (the simulator does not model positions' margin). */
  clearinghouseState(now: number): unknown {
    const summary = { accountValue: '10000.0', totalNtlPos: '0.0', totalRawUsd: '10000.0', totalMarginUsed: '0.0' };
    return {
      marginSummary: summary,
      crossMarginSummary: summary,
      crossMaintenanceMarginUsed: '0.0',
      withdrawable: '10000.0',
      assetPositions: [],
      time: now,
    };
  }

  /** Every fill, oldest first (for tests that need the whole history). */
  all(): readonly HlFill[] {
    return this.fills;
  }
}

function addressFor(seed: number): string {
  const random = mulberry32((seed * 2_654_435_761) >>> 0);
  let hex = '';
  while (hex.length < 40) hex += Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return `0x${hex.slice(0, 40)}`;
}
