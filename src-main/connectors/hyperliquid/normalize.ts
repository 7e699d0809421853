/** Hyperliquid fill rows → fills: only perpetual fills count as volume. */
import { isUsdStable } from '../../core/fee-value.ts';
import type { MarketClass } from '../../core/instrument.ts';
import { canonicalUnderlying } from '../../core/underlying.ts';
import { tradeFill, type NormalizedRow } from '../kit/normalized-row.ts';
import type { HlFill } from './schemas.ts';

/**
 * Spot markets are named "@<index>" (e.g. "@107") or "BASE/QUOTE" (e.g. "PURR/USDC"); outcome
 * markets "#<index>". Perps are plain names ("BTC") or builder-deployed "dex:NAME" (HIP-3).
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/asset-ids
 */
export function classifyHyperliquidSymbol(symbol: string): MarketClass {
  if (symbol === '') return 'unknown';
  if (symbol.startsWith('@') || symbol.startsWith('#') || symbol.includes('/')) return 'not_volume';
  return 'perpetual';
}

/**
 * One row as a fill, or why it is not one. A HIP-3 dex ("xyz:TSLA") settles in its own collateral
 * token and charges fees in it: USDC, or a USD stablecoin such as USDe (counted at par,
 * core/fee-value.ts). A dex whose fee token is no USD stablecoin quotes in something else, so its
 * price × size is not USD: such a fill is kept aside (never counted as dollars), with its token named.
 */
export function normalizeFill(row: HlFill): NormalizedRow {
  if (classifyHyperliquidSymbol(row.coin) !== 'perpetual') return { ignored: row.coin === '' ? 'no coin' : `spot or outcome ${row.coin}` };
  if (row.coin.includes(':') && !isUsdStable(row.feeToken)) {
    return { unclassified: { exchange: 'hyperliquid', executionId: String(row.tid), rawType: `HIP-3 perp in ${row.feeToken}`, symbol: row.coin, ts: row.time } };
  }
  // Perps are quoted in USDC (or a HIP-3 dex's USD stablecoin): notional = px × sz, at par.
  return tradeFill({
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
    // `fee` is everything the fill cost in `feeToken`, the builder's share included — `builderFee`
    // only breaks that share out (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/builder-codes),
    // so it is never added again. A token Perpvol cannot price leaves the fee unpriced, not $0.
    fee: row.fee,
    feeCurrency: row.feeToken,
    baseCoin: row.coin,
    liquidity: row.crossed ? 'taker' : 'maker',
    ts: row.time,
  });
}
