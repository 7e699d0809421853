/** What a WOO X symbol is: <TYPE>_<BASE>_<QUOTE>, PERP_BTC_USDT or SPOT_BTC_USDT (https://docs.woox.io/ "Symbol"). */
import { memoizedClassifier, type MarketClass } from '../../core/instrument.ts';

export function parseWooxSymbol(symbol: string): { type: string; base: string; quote: string } | null {
  const [type, base, quote, ...rest] = symbol.split('_');
  return type && base && quote && rest.length === 0 ? { type, base, quote } : null;
}

export const classifyWooxSymbol = memoizedClassifier((symbol: string): MarketClass => {
  const type = parseWooxSymbol(symbol)?.type;
  if (type === 'PERP') return 'perpetual';
  return type === 'SPOT' ? 'not_volume' : 'unknown';
});
