/**
 * What a Paradex market is by its name (https://docs.paradex.trade/): BTC-USD-PERP; dated futures
 * BTC-USD-26DEC25; options BTC-USD-110000-C, perp options BTC-USD-PERP-110000-C. The markets list
 * corrects it where it says otherwise (markets.ts).
 */
import { EXPIRY_PATTERN, memoizedClassifier, type MarketClass } from '../../core/instrument.ts';

const PERP = /^[A-Z0-9]+-[A-Z0-9]+-PERP$/;
const OPTION = /-\d+(?:\.\d+)?-[CP]$/;
const DATED = new RegExp(`^[A-Z0-9]+-[A-Z0-9]+-${EXPIRY_PATTERN}$`);

export const classifyParadexSymbol = memoizedClassifier((symbol: string): MarketClass => {
  if (OPTION.test(symbol)) return 'not_volume';
  if (PERP.test(symbol)) return 'perpetual';
  return DATED.test(symbol) ? 'dated_future' : 'unknown';
});
