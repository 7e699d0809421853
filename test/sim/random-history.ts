/**
 * Deterministic trade histories for the simulators: the same seed always yields the same fills,
 * so a test's expected numbers never change between runs and machines.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MarketSpec {
  /** Exchange-neutral base asset, e.g. 'BTC'. */
  base: string;
  /** Typical price in USD. */
  price: number;
  /** Price decimals and quantity decimals the exchange uses for this market. */
  priceDecimals: number;
  qtyDecimals: number;
  /** Typical trade size in base units. */
  typicalQty: number;
}

export const DEFAULT_MARKETS: MarketSpec[] = [
  { base: 'BTC', price: 64_000, priceDecimals: 1, qtyDecimals: 3, typicalQty: 0.05 },
  { base: 'ETH', price: 3_100, priceDecimals: 2, qtyDecimals: 2, typicalQty: 0.8 },
  { base: 'SOL', price: 145, priceDecimals: 3, qtyDecimals: 1, typicalQty: 12 },
  { base: 'DOGE', price: 0.16, priceDecimals: 5, qtyDecimals: 0, typicalQty: 9_000 },
];

export interface GeneratedTrade {
  /** Sequence number, unique within one generated history (use it to build exchange ids). */
  seq: number;
  ts: number;
  market: MarketSpec;
  side: 'buy' | 'sell';
  /** Decimal strings with the market's decimals, as an exchange would print them. */
  price: string;
  qty: string;
  maker: boolean;
}

export interface HistoryOptions {
  seed: number;
  count: number;
  /** History spans [endMs - days, endMs). */
  endMs: number;
  days: number;
  markets?: MarketSpec[];
  /** Share of maker fills, 0..1. */
  makerShare?: number;
}

/**
 * `count` trades spread over the span, oldest first, with a few placed exactly on UTC midnight and
 * several sharing one millisecond, because those are where paging and day bucketing break.
 */
export function generateHistory(options: HistoryOptions): GeneratedTrade[] {
  const random = mulberry32(options.seed);
  const markets = options.markets ?? DEFAULT_MARKETS;
  const makerShare = options.makerShare ?? 0.4;
  const spanMs = options.days * 86_400_000;
  const startMs = options.endMs - spanMs;
  const times: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const roll = random();
    if (roll < 0.01) {
      // exactly on a UTC midnight inside the span
      times.push(startMs - (startMs % 86_400_000) + 86_400_000 * (1 + Math.floor(random() * (options.days - 1))));
    } else if (roll < 0.05 && times.length > 0) {
      times.push(times[times.length - 1]!); // same millisecond as the previous fill (partial fills)
    } else {
      times.push(startMs + Math.floor(random() * spanMs));
    }
  }
  times.sort((a, b) => a - b);
  return times.map((ts, seq) => {
    const market = markets[Math.floor(random() * markets.length)]!;
    const drift = 1 + (random() - 0.5) * 0.2;
    const qty = Math.max(market.typicalQty * (0.1 + random() * 2), 10 ** -market.qtyDecimals);
    return {
      seq,
      ts,
      market,
      side: random() < 0.5 ? 'buy' : 'sell',
      price: (market.price * drift).toFixed(market.priceDecimals),
      qty: qty.toFixed(market.qtyDecimals),
      maker: random() < makerShare,
    };
  });
}
