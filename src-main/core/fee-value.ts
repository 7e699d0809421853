/**
 * The one rule every connector and importer uses to put a fee in US dollars.
 *
 * 1. A fee of exactly zero is worth $0 in any token.
 * 2. A fee in a USD stablecoin (below) counts at par.
 * 3. A fee in the fill's own base coin (inverse contracts charge in BTC on BTCUSD) is worth
 *    fee × the fill's price, because the price IS the USD value of one base coin.
 * 4. Anything else has no price Perpvol can trust (Paradex's $DIME, a HIP-3 dex's own token, a
 *    multiplied coin like 1000PEPE's "PEPE"): the fee is `null` — kept verbatim with its token,
 *    listed as an unpriced fee, never counted as $0 and never a reason to refuse the page.
 *
 * Maker rebates are negative fees and stay negative under every rule.
 */
import { parseDecimal } from './decimal.ts';
import { productMicros, usdToMicros } from './usd.ts';

/**
 * Tokens counted at par with the US dollar, each with why (docs/counting.md, "Fees, one rule for all four exchanges": USDT, USDC and
 * USD at par; the issue that asked for USDE). Keys are upper case; matching ignores case.
 */
export const USD_STABLECOINS: ReadonlyMap<string, string> = new Map([
  ['USD', 'the quote of USD-margined markets (Paradex BTC-USD-PERP, Bybit inverse contracts)'],
  ['USDT', 'Tether: Bybit USDT perps and WOO X perps settle and charge fees in it'],
  ['USDC', 'Circle USD: Bybit USDC perps, Hyperliquid and Paradex settle and charge fees in it'],
  ['USDC.E', 'USDC bridged to another chain; the same dollar as USDC'],
  ['USDE', 'Ethena USDe: the collateral and fee token of some Hyperliquid HIP-3 perps'],
  ['USDH', 'Hyperliquid’s native USD stablecoin, a quote asset of HIP-3 dexes'],
  ['USDT0', 'Tether on HyperEVM (LayerZero OFT), a Hyperliquid quote asset'],
  ['USDHL', 'Hyper Labs USD, a Hyperliquid quote asset'],
]);

export function isUsdStable(token: string): boolean {
  return USD_STABLECOINS.has(token.trim().toUpperCase());
}

export interface FeeMarket {
  /** The fill's price: USD (or stablecoin) per one base coin. */
  price: string;
  /**
   * The coin one unit of the fill's quantity is, as the exchange names it (BTC for BTCUSD,
   * 1000PEPE for 1000PEPEUSDT, kPEPE on Hyperliquid); null when the connector cannot tell.
   */
  baseCoin: string | null;
}

/** The fee in signed micro-dollars, or null when its token cannot be priced (rule 4). */
export function feeValueMicros(fee: string, feeCurrency: string, market: FeeMarket): number | null {
  const amount = parseDecimal(fee);
  if (amount.units === 0n) return 0;
  const token = feeCurrency.trim().toUpperCase();
  if (token === '') return null;
  if (USD_STABLECOINS.has(token)) return usdToMicros(amount);
  if (market.baseCoin !== null && token === market.baseCoin.trim().toUpperCase()) return productMicros(amount, market.price);
  return null;
}
