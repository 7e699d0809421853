/**
 * What a Bybit symbol is by its name (https://bybit-exchange.github.io/docs/v5/market/instrument):
 * perps BTCUSDT, BTCPERP (USDC), BTCUSD (inverse); dated futures BTC-26DEC25 (USDC),
 * BTCUSDT-26DEC25, and inverse BTCUSDZ25 (a CME month code and the year); options
 * BTC-27DEC24-60000-C (optionally with a settle coin after). instruments-info corrects it where it
 * says otherwise (instruments.ts).
 */
import { EXPIRY_PATTERN, memoizedClassifier, type MarketClass } from '../../core/instrument.ts';

const OPTION = new RegExp(`-${EXPIRY_PATTERN}-\\d+(?:\\.\\d+)?-[CP](?:-[A-Z]+)?$`);
const DATED = new RegExp(`(?:-${EXPIRY_PATTERN}|USD[FGHJKMNQUVXZ]\\d{2})$`);
const PERP = /^[A-Z0-9]+(?:USDT|USDC|PERP|USD)$/;

export const classifyBybitSymbol = memoizedClassifier((symbol: string): MarketClass => {
  if (OPTION.test(symbol)) return 'not_volume';
  if (DATED.test(symbol)) return 'dated_future';
  return PERP.test(symbol) ? 'perpetual' : 'unknown';
});
