/**
 * What a Hyperliquid coin is (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/asset-ids):
 * spot "@107" or "PURR/USDC", outcome "#12"; every other coin is a perp, builder-deployed ones "dex:COIN" (HIP-3).
 */
import type { MarketClass } from '../../core/instrument.ts';

export function classifyHyperliquidSymbol(symbol: string): MarketClass {
  if (symbol === '') return 'unknown';
  if (symbol.startsWith('@') || symbol.startsWith('#') || symbol.includes('/')) return 'not_volume';
  return 'perpetual';
}
