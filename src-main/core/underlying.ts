/**
 * The canonical underlying asset of a market, so one asset is one series across exchanges:
 * BTCUSDT, BTCPERP, BTCUSD (Bybit), PERP_BTC_USDT (WOO X), BTC (Hyperliquid), BTC-USD-PERP
 * (Paradex) and the dated futures BTC-26DEC25, BTCUSDT-26DEC25, BTCUSDZ25 are all BTC.
 *
 * Connectors pass the exchange's own base coin when its data names one (Hyperliquid's coin, WOO X's
 * and Paradex's middle/first part); the symbol is parsed only when they cannot.
 */

/** Quote or settlement suffixes glued to the base in concatenated symbols, longest first. */
const QUOTE_SUFFIXES = ['USDT', 'USDC', 'PERP', 'USD'];
/** Bybit inverse futures: BTCUSDZ25 — USD, a CME month code, a two-digit year. */
const INVERSE_FUTURE_SUFFIX = /USD[FGHJKMNQUVXZ]\d{2}$/;
/** WOO X's market type prefixes: PERP_BTC_USDT, SPOT_BTC_USDT. */
const TYPED_SYMBOL = /^(?:PERP|SPOT|FUTURES?)_([^_]+)_[^_]+$/;
/**
 * Contract multipliers around low-priced coins: Bybit/WOO X 1000PEPE, 10000LADYS, 1000000MOG and
 * Bybit's SHIB1000; Hyperliquid kPEPE, kSHIB (k = 1,000). A real coin name starting with a digit
 * (1INCH) does not match: a multiplier is a power of ten of at least 1,000.
 */
const MULTIPLIER_PREFIX = /^(?:10{3,}(?=[A-Za-z])|k(?=[A-Z]))/;
const MULTIPLIER_SUFFIX = /(?<=[A-Za-z])10{3,}$/;

/** The asset behind a base coin: "kPEPE" → PEPE, "1000PEPE" → PEPE, "xyz:TSLA" → TSLA, "btc" → BTC. */
export function underlyingOfBaseCoin(baseCoin: string): string {
  let coin = baseCoin.trim();
  // Hyperliquid HIP-3 builder-deployed perps are named "dex:COIN".
  const colon = coin.lastIndexOf(':');
  if (colon >= 0) coin = coin.slice(colon + 1);
  coin = coin.replace(MULTIPLIER_PREFIX, '').replace(MULTIPLIER_SUFFIX, '');
  return coin.toUpperCase();
}

/**
 * The coin a market's quantity is counted in, read from its symbol when the exchange's data names
 * none: BTCUSDT → BTC, 1000PEPEUSDT → 1000PEPE, BTCUSDZ25 → BTC, BTC-USD-PERP → BTC,
 * PERP_BTC_USDT → BTC, xyz:TSLA → xyz:TSLA (the dex prefix is the underlying's business).
 */
export function baseCoinOfSymbol(symbol: string): string {
  let text = symbol.trim();
  if (text.includes(':')) return text;
  const typed = TYPED_SYMBOL.exec(text);
  if (typed) return typed[1]!;
  // BTC-USD-PERP, BTC-26DEC25, BTCUSDT-26DEC25, BTC-27DEC24-60000-C: the asset comes first.
  const dash = text.indexOf('-');
  if (dash > 0) text = text.slice(0, dash);
  text = text.replace(INVERSE_FUTURE_SUFFIX, 'USD');
  const upper = text.toUpperCase();
  const suffix = QUOTE_SUFFIXES.find((quote) => upper.length > quote.length && upper.endsWith(quote));
  return suffix ? text.slice(0, -suffix.length) : text;
}

/**
 * The canonical underlying: from the exchange's base coin when known, else from the symbol; a name
 * none of the rules can take apart is its own underlying (upper case), never empty.
 */
export function canonicalUnderlying(symbol: string, baseCoin?: string | null): string {
  const key = `${symbol}\u0000${baseCoin ?? ''}`;
  let underlying = KNOWN.get(key);
  if (underlying === undefined) {
    underlying = underlyingOfBaseCoin(baseCoin || baseCoinOfSymbol(symbol)) || symbol.trim().toUpperCase();
    // an account trades a few dozen markets: remember them (bounded, so a strange feed cannot grow it forever)
    if (KNOWN.size >= KNOWN_LIMIT) KNOWN.clear();
    KNOWN.set(key, underlying);
  }
  return underlying;
}

const KNOWN_LIMIT = 4_096;
const KNOWN = new Map<string, string>();
