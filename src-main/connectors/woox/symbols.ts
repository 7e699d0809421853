/** What a WOO X symbol is: <TYPE>_<BASE>_<QUOTE>, PERP_BTC_USDT or SPOT_BTC_USDT (https://docs.woox.io/ "Symbol"). */
import { memoizedClassifier, type MarketClass } from '../../core/instrument.ts';

const SYMBOL = /^([A-Z]+)_[^_]+_[^_]+$/;

export const classifyWooxSymbol = memoizedClassifier((symbol: string): MarketClass => {
  const type = SYMBOL.exec(symbol)?.[1];
  if (type === 'PERP') return 'perpetual';
  return type === 'SPOT' ? 'not_volume' : 'unknown';
});
