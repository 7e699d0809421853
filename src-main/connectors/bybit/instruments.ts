/**
 * What Bybit says each linear and inverse symbol is: GET /v5/market/instruments-info `contractType`
 * (perpetual or dated future) and `baseCoin` (the asset), one list per category, read page by page
 * and kept for a day per origin, shared by its accounts (connectors/instrument-catalog.ts says when
 * it is read again and what happens when it cannot be). A symbol the list does not have — a future
 * past its expiry (only `Trading` symbols are listed) — is decided by its name (core/instrument.ts:
 * the expiry suffix).
 */
import { PerpvolError } from '../../core/errors.ts';
import { classifyBybitSymbol } from './symbols.ts';
import { canonicalUnderlying } from '../../core/underlying.ts';
import { InstrumentCatalog, sharedInstrumentCatalog, type ListedMarket, type MarketLookup, type ReadMarkets } from '../kit/instrument-catalog.ts';
import { CONTRACT_TYPE_KINDS, INSTRUMENTS_MAX_PAGES, INSTRUMENTS_REFRESH_MS, INSTRUMENTS_RETRY_MS, type PerpCategory } from './constants.ts';
import type { InstrumentsResult } from './schemas.ts';

export type BybitInstrumentCatalog = InstrumentCatalog<PerpCategory>;
export type InstrumentLookup = MarketLookup;

/** One page of a category's list: `cursor` null for the first page. */
export type FetchInstruments = (category: PerpCategory, cursor: string | null, signal: AbortSignal) => Promise<InstrumentsResult>;

const TIMING = { refreshMs: INSTRUMENTS_REFRESH_MS, retryMs: INSTRUMENTS_RETRY_MS };

export function newBybitInstrumentCatalog(): BybitInstrumentCatalog {
  return new InstrumentCatalog<PerpCategory>(TIMING);
}

/** The catalog of one Bybit origin, shared by every account that syncs against it. */
export function bybitInstrumentCatalog(origin: string): BybitInstrumentCatalog {
  return sharedInstrumentCatalog<PerpCategory>('bybit', origin, TIMING);
}

/** The whole list of one category, followed by its cursor to the end. */
export function readBybitInstruments(category: PerpCategory, fetchPage: FetchInstruments): ReadMarkets {
  return async (signal) => {
    const bySymbol = new Map<string, ListedMarket>();
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < INSTRUMENTS_MAX_PAGES; page++) {
      const result = await fetchPage(category, cursor, signal);
      for (const row of result.list) {
        if (!row.contractType) continue;
        const kind = CONTRACT_TYPE_KINDS[row.contractType] ?? null;
        bySymbol.set(row.symbol, { kind, rawKind: `contractType ${row.contractType}`, underlying: canonicalUnderlying(row.symbol, row.baseCoin || null) });
      }
      const next = result.nextPageCursor ? result.nextPageCursor : null;
      if (next === null) return bySymbol;
      if (seen.has(next)) break;
      seen.add(next);
      cursor = next;
    }
    throw new PerpvolError('exchange_unavailable', 'paging_loop', `Bybit's list of ${category} instruments does not end; the symbols' names decide their kind for now.`, true);
  };
}

/** What a Bybit symbol's name alone says (what fills were stored with before the list was read). */
export function bybitNameReading(symbol: string): { kind: string; underlying: string } {
  return { kind: classifyBybitSymbol(symbol), underlying: canonicalUnderlying(symbol) };
}
