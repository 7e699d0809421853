/**
 * What kind of market a fill was traded on. Perpvol counts perpetual futures; dated futures are
 * counted too but apart (API `kinds`), because a trader's perp number must be the one the
 * exchanges' perp pages show. Spot, options and outcome markets are never stored as volume.
 */
import { badInput } from './errors.ts';
import type { ExchangeId } from './exchange.ts';

export const INSTRUMENT_KINDS = ['perpetual', 'dated_future'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

/**
 * What a market is, as the exchange's instrument data says (Bybit instruments-info, Paradex
 * markets). Handed to the store when that differs from what the market's name alone says, so
 * fills stored under the name's reading move to the right kind and asset, rollups with them.
 */
export interface SymbolClass {
  symbol: string;
  kind: InstrumentKind;
  underlying: string;
}

/** What volume, summaries and exports count unless asked otherwise. */
export const DEFAULT_KINDS: readonly InstrumentKind[] = ['perpetual'];

export const INSTRUMENT_KIND_LABELS: Record<InstrumentKind, string> = {
  perpetual: 'Perpetuals',
  dated_future: 'Dated futures',
};

export function isInstrumentKind(value: string): value is InstrumentKind {
  return (INSTRUMENT_KINDS as readonly string[]).includes(value);
}

/**
 * What a market's NAME alone says: a perp, a dated future, a market that is never volume (spot,
 * options, outcomes), or 'unknown' (a name none of the rules below recognise — its executions go to
 * the unclassified bucket, never silently into volume or out of sight). Connectors with better
 * instrument data (Bybit instruments-info `contractType`, Paradex markets `asset_kind`) use that
 * first; this is their fallback, and how stored fills were classified by migration 0004.
 */
export type MarketClass = InstrumentKind | 'not_volume' | 'unknown';

/** "26DEC25": Bybit's and Paradex's expiry spelling (day, month, two-digit year). */
const EXPIRY = String.raw`\d{1,2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\d{2}`;

/**
 * Bybit linear/inverse symbols (https://bybit-exchange.github.io/docs/v5/market/instrument):
 * perps BTCUSDT, BTCPERP (USDC), BTCUSD (inverse); dated futures BTC-26DEC25 (USDC),
 * BTCUSDT-26DEC25, and inverse BTCUSDZ25 (a CME month code and the year); options
 * BTC-27DEC24-60000-C (optionally with a settle coin after).
 */
const BYBIT_OPTION = new RegExp(`-${EXPIRY}-\\d+(?:\\.\\d+)?-[CP](?:-[A-Z]+)?$`);
const BYBIT_DATED = new RegExp(`(?:-${EXPIRY}|USD[FGHJKMNQUVXZ]\\d{2})$`);
const BYBIT_PERP = /^[A-Z0-9]+(?:USDT|USDC|PERP|USD)$/;

/** Paradex markets (https://docs.paradex.trade/): BTC-USD-PERP; options BTC-USD-110000-C, perp options BTC-USD-PERP-110000-C. */
const PARADEX_PERP = /^[A-Z0-9]+-[A-Z0-9]+-PERP$/;
const PARADEX_OPTION = /-\d+(?:\.\d+)?-[CP]$/;
const PARADEX_DATED = new RegExp(`^[A-Z0-9]+-[A-Z0-9]+-${EXPIRY}$`);

/** WOO X: <TYPE>_<BASE>_<QUOTE>, PERP_BTC_USDT or SPOT_BTC_USDT (https://docs.woox.io/ "Symbol"). */
const WOOX_SYMBOL = /^([A-Z]+)_[^_]+_[^_]+$/;

export function classifyBySymbol(exchange: ExchangeId, symbol: string): MarketClass {
  const key = `${exchange}\u0000${symbol}`;
  let known = CLASSIFIED.get(key);
  if (known === undefined) {
    known = classify(exchange, symbol);
    // an account trades a few dozen markets: remember them (bounded, so a strange feed cannot grow it forever)
    if (CLASSIFIED.size >= CLASSIFIED_LIMIT) CLASSIFIED.clear();
    CLASSIFIED.set(key, known);
  }
  return known;
}

const CLASSIFIED_LIMIT = 4_096;
const CLASSIFIED = new Map<string, MarketClass>();

function classify(exchange: ExchangeId, symbol: string): MarketClass {
  switch (exchange) {
    case 'bybit':
      if (BYBIT_OPTION.test(symbol)) return 'not_volume';
      if (BYBIT_DATED.test(symbol)) return 'dated_future';
      return BYBIT_PERP.test(symbol) ? 'perpetual' : 'unknown';
    case 'woox': {
      const type = WOOX_SYMBOL.exec(symbol)?.[1];
      if (type === 'PERP') return 'perpetual';
      return type === 'SPOT' ? 'not_volume' : 'unknown';
    }
    case 'hyperliquid':
      // https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/asset-ids: spot "@107" or
      // "PURR/USDC", outcome "#12"; every other coin is a perp, builder-deployed ones "dex:COIN" (HIP-3).
      if (symbol === '' || symbol.startsWith('@') || symbol.startsWith('#') || symbol.includes('/')) return symbol === '' ? 'unknown' : 'not_volume';
      return 'perpetual';
    case 'paradex':
      if (PARADEX_OPTION.test(symbol)) return 'not_volume';
      if (PARADEX_PERP.test(symbol)) return 'perpetual';
      return PARADEX_DATED.test(symbol) ? 'dated_future' : 'unknown';
  }
}

/**
 * The kinds a `kinds` list names ("perpetual,dated_future"), in canonical order and without
 * repeats; absent or empty = DEFAULT_KINDS (perpetuals only).
 */
export function kindsFromList(list: string | undefined): InstrumentKind[] {
  const names = (list ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) return [...DEFAULT_KINDS];
  const unknown = names.find((name) => !isInstrumentKind(name));
  if (unknown !== undefined) {
    throw badInput('invalid_kinds', `kinds: ${JSON.stringify(unknown)} is not an instrument kind; use ${INSTRUMENT_KINDS.join(', ')}, or both comma-separated.`);
  }
  return INSTRUMENT_KINDS.filter((kind) => names.includes(kind));
}
