/**
 * What kind of market a fill was traded on. Perpvol counts perpetual futures; dated futures are
 * counted too but apart (API `kinds`), because a trader's perp number must be the one the
 * exchanges' perp pages show. Spot, options and outcome markets are never stored as volume.
 */
import { badInput } from './errors.ts';

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

/** "26DEC25": an expiry spelled day, month, two-digit year (Bybit's and Paradex's dated futures). */
export const EXPIRY_PATTERN = String.raw`\d{1,2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\d{2}`;

/**
 * An exchange's name rule (its descriptor's classifySymbol), remembering the answers: an account
 * trades a few dozen markets, and ingest asks for each fill (bounded, so a strange feed cannot grow it forever).
 */
export function memoizedClassifier(classify: (symbol: string) => MarketClass): (symbol: string) => MarketClass {
  const known = new Map<string, MarketClass>();
  return (symbol) => {
    let answer = known.get(symbol);
    if (answer === undefined) {
      answer = classify(symbol);
      if (known.size >= CLASSIFIED_LIMIT) known.clear();
      known.set(symbol, answer);
    }
    return answer;
  };
}

const CLASSIFIED_LIMIT = 4_096;

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
