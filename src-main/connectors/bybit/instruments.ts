/**
 * What Bybit says each linear and inverse symbol is: GET /v5/market/instruments-info `contractType`
 * (perpetual or dated future) and `baseCoin` (the asset), per category, read page by page and kept
 * for a day (constants.ts cites each figure). One catalog per Bybit origin, shared by every account
 * of it: the list is public and the same for everyone, so two accounts never fetch it twice.
 *
 * A symbol the list does not have — a future past its expiry (only `Trading` symbols are listed),
 * one listed since the last read — is decided by its name (core/instrument.ts: the expiry suffix).
 * A list that cannot be read leaves every symbol to its name for that pass, and is asked again a
 * little later: names classify every Bybit market Perpvol knows, and fills stored under a name's
 * reading move when the list says otherwise (FillPage.reclassified).
 */
import { PerpvolError } from '../../core/errors.ts';
import { classifyBySymbol, type InstrumentKind, type SymbolClass } from '../../core/instrument.ts';
import { canonicalUnderlying } from '../../core/underlying.ts';
import { CONTRACT_TYPE_KINDS, INSTRUMENTS_MAX_PAGES, INSTRUMENTS_REFRESH_MS, INSTRUMENTS_RETRY_MS, type PerpCategory } from './constants.ts';
import type { InstrumentsResult } from './schemas.ts';

/** One listed symbol: its kind (or the contractType Perpvol does not know) and its asset. */
export interface BybitInstrument {
  kind: InstrumentKind | null;
  contractType: string;
  underlying: string;
}

/** One symbol of a category, synchronously (the list is loaded before a page is normalized). */
export type InstrumentLookup = (symbol: string) => BybitInstrument | undefined;

/** One page of the list: `cursor` null for the first page. */
export type FetchInstruments = (category: PerpCategory, cursor: string | null, signal: AbortSignal) => Promise<InstrumentsResult>;

interface CategoryList {
  bySymbol: Map<string, BybitInstrument>;
  /** When the list was read (or last failed to be); a failure leaves the previous list in use. */
  readAt: number;
  loading: Promise<void> | null;
}

export class BybitInstrumentCatalog {
  private readonly lists = new Map<PerpCategory, CategoryList>();

  /**
   * The category's lookup, read from Bybit first when the list is older than a day (or was never
   * read). `now` is the pass's clock. Never throws for Bybit's sake: an unreadable list means names decide.
   */
  async lookup(category: PerpCategory, fetchPage: FetchInstruments, signal: AbortSignal, now: number): Promise<InstrumentLookup> {
    const list = this.list(category);
    if (now - list.readAt >= INSTRUMENTS_REFRESH_MS) await this.load(category, list, fetchPage, signal, now);
    return (symbol) => list.bySymbol.get(symbol);
  }

  /**
   * Reads the list again when a symbol is missing from it and the last read is an hour old: a
   * market listed since. A delisted symbol stays missing; the hour keeps that from costing a read per page.
   */
  async refreshFor(category: PerpCategory, symbols: Iterable<string>, fetchPage: FetchInstruments, signal: AbortSignal, now: number): Promise<boolean> {
    const list = this.list(category);
    if (now - list.readAt < INSTRUMENTS_RETRY_MS) return false;
    for (const symbol of symbols) {
      if (!list.bySymbol.has(symbol)) {
        await this.load(category, list, fetchPage, signal, now);
        return true;
      }
    }
    return false;
  }

  /** Listed symbols whose kind or asset differ from what their names say (what stored fills may have been given). */
  differingFromNames(category: PerpCategory): SymbolClass[] {
    const out: SymbolClass[] = [];
    for (const [symbol, instrument] of this.list(category).bySymbol) {
      if (instrument.kind === null) continue;
      const byName = classifyBySymbol('bybit', symbol);
      if (byName !== instrument.kind || canonicalUnderlying(symbol) !== instrument.underlying) {
        out.push({ symbol, kind: instrument.kind, underlying: instrument.underlying });
      }
    }
    return out;
  }

  private list(category: PerpCategory): CategoryList {
    let list = this.lists.get(category);
    if (!list) this.lists.set(category, (list = { bySymbol: new Map(), readAt: -Infinity, loading: null }));
    return list;
  }

  /** One read at a time per category; a caller whose own pass is not aborted retries a read another pass abandoned. */
  private async load(category: PerpCategory, list: CategoryList, fetchPage: FetchInstruments, signal: AbortSignal, now: number): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      list.loading ??= readAll(category, fetchPage, signal).then(
        (bySymbol) => {
          list.bySymbol = bySymbol;
          list.readAt = now;
        },
        (error: unknown) => {
          if (signal.aborted) throw error;
          // Bybit would not list its instruments: names decide until the next try.
          list.readAt = Math.max(list.readAt, now - INSTRUMENTS_REFRESH_MS + INSTRUMENTS_RETRY_MS);
        },
      ).finally(() => {
        list.loading = null;
      });
      try {
        await list.loading;
        return;
      } catch (error) {
        if (signal.aborted) throw error;
      }
    }
  }
}

async function readAll(category: PerpCategory, fetchPage: FetchInstruments, signal: AbortSignal): Promise<Map<string, BybitInstrument>> {
  const bySymbol = new Map<string, BybitInstrument>();
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < INSTRUMENTS_MAX_PAGES; page++) {
    const result = await fetchPage(category, cursor, signal);
    for (const row of result.list) {
      if (!row.contractType) continue;
      const kind = CONTRACT_TYPE_KINDS[row.contractType] ?? null;
      bySymbol.set(row.symbol, { kind, contractType: row.contractType, underlying: canonicalUnderlying(row.symbol, row.baseCoin || null) });
    }
    const next = result.nextPageCursor ? result.nextPageCursor : null;
    if (next === null) return bySymbol;
    if (seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  throw new PerpvolError('exchange_unavailable', 'paging_loop', `Bybit's list of ${category} instruments does not end; the symbols' names decide their kind for now.`, true);
}

const catalogs = new Map<string, BybitInstrumentCatalog>();

/** The catalog of one Bybit origin, shared by every account that syncs against it. */
export function bybitInstrumentCatalog(origin: string): BybitInstrumentCatalog {
  let catalog = catalogs.get(origin);
  if (!catalog) catalogs.set(origin, (catalog = new BybitInstrumentCatalog()));
  return catalog;
}
