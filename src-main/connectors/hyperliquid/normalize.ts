/**
 * Hyperliquid fill rows → Perpvol Fills. Only perpetual fills count as volume.
 */
import type { Fill } from '../../core/fill.ts';
import { isUsdStable, notionalMicros, usdToMicros } from '../../core/usd.ts';
import type { HlFill } from './schemas.ts';

/**
 * Spot markets are named "@<index>" (e.g. "@107") or "BASE/QUOTE" (e.g. "PURR/USDC"); outcome
 * markets "#<index>". Perps are plain names ("BTC") or builder-deployed "dex:NAME" (HIP-3).
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/asset-ids
 */
export function isPerpCoin(coin: string): boolean {
  return !coin.startsWith('@') && !coin.startsWith('#') && !coin.includes('/');
}

/**
 * Stablecoins Hyperliquid perps settle or charge fees in besides USDC (HIP-3 dexes may use other
 * USD quote assets); all counted at par like USDC.
 */
const HYPERLIQUID_USD_TOKENS = new Set(['USDH', 'USDT0', 'USDHL']);

/** Returns null for spot and outcome fills, which are not perp volume. */
export function normalizeFill(row: HlFill): Fill | null {
  if (!isPerpCoin(row.coin)) return null;
  return {
    exchange: 'hyperliquid',
    tradeId: String(row.tid),
    orderId: String(row.oid),
    symbol: row.coin,
    side: row.side === 'B' ? 'buy' : 'sell',
    price: row.px,
    qty: row.sz,
    // Perps are quoted in USDC: notional = px × sz (info endpoint docs), counted at par.
    notionalMicros: notionalMicros(row.px, row.sz),
    fee: row.fee,
    feeCurrency: row.feeToken,
    feeMicros: feeMicrosOf(row),
    liquidity: row.crossed ? 'taker' : 'maker',
    ts: row.time,
  };
}

/**
 * `fee` is everything the fill cost in `feeToken`, the builder's share included — `builderFee`
 * only breaks that share out (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/builder-codes:
 * builder fees are charged as part of the L1 fee logic, in USDC). So `builderFee` is never added
 * again. A perp fee in a token Perpvol cannot price is left at 0 rather than guessed.
 */
function feeMicrosOf(row: HlFill): number {
  const token = row.feeToken.toUpperCase();
  if (isUsdStable(token) || HYPERLIQUID_USD_TOKENS.has(token)) return usdToMicros(row.fee);
  return 0;
}
