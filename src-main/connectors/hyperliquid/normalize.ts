/**
 * Hyperliquid fill rows → Perpvol Fills. Only perpetual fills count as volume.
 */
import { feeValueMicros } from '../../core/fee-value.ts';
import type { Fill } from '../../core/fill.ts';
import { classifyBySymbol } from '../../core/instrument.ts';
import { canonicalUnderlying } from '../../core/underlying.ts';
import { notionalMicros } from '../../core/usd.ts';
import type { HlFill } from './schemas.ts';

/**
 * Spot markets are named "@<index>" (e.g. "@107") or "BASE/QUOTE" (e.g. "PURR/USDC"); outcome
 * markets "#<index>". Perps are plain names ("BTC") or builder-deployed "dex:NAME" (HIP-3).
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/asset-ids
 */
export function isPerpCoin(coin: string): boolean {
  return classifyBySymbol('hyperliquid', coin) === 'perpetual';
}

/** Returns null for spot and outcome fills, which are not perp volume. */
export function normalizeFill(row: HlFill): Fill | null {
  if (!isPerpCoin(row.coin)) return null;
  return {
    exchange: 'hyperliquid',
    tradeId: String(row.tid),
    orderId: String(row.oid),
    symbol: row.coin,
    kind: 'perpetual',
    // the coin is the base: BTC, kPEPE (1,000 PEPE), xyz:TSLA (a HIP-3 dex's TSLA)
    underlying: canonicalUnderlying(row.coin, row.coin),
    side: row.side === 'B' ? 'buy' : 'sell',
    price: row.px,
    qty: row.sz,
    // Perps are quoted in USDC (or a HIP-3 dex's USD stablecoin): notional = px × sz, at par.
    notionalMicros: notionalMicros(row.px, row.sz),
    fee: row.fee,
    feeCurrency: row.feeToken,
    // `fee` is everything the fill cost in `feeToken`, the builder's share included — `builderFee`
    // only breaks that share out (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/builder-codes),
    // so it is never added again. A token Perpvol cannot price leaves the fee unpriced, not $0.
    feeMicros: feeValueMicros(row.fee, row.feeToken, { price: row.px, baseCoin: row.coin }),
    liquidity: row.crossed ? 'taker' : 'maker',
    ts: row.time,
  };
}
