/**
 * What an exchange's own instrument list says each market is (Bybit instruments-info, Paradex
 * markets), kept for a while and shared by every account of one origin: the list is public and the
 * same for everyone. One read at a time per list; read again once it is older than REFRESH_MS, or
 * — at most every RETRY_MS — when a page names a market it lacks (one listed since). A list that
 * cannot be read leaves every market to its name until the next try (RETRY_MS later): connectors
 * fall back to core/instrument.ts, and fills stored under a name's reading move once the list says
 * otherwise (FillPage.reclassified).
 */
import { MS_PER_DAY } from '../../core/days.ts';
import type { InstrumentKind, MarketClass, SymbolClass } from '../../core/instrument.ts';

// Instruments are listed and delisted a few times a week: a list is read again once a day.
const REFRESH_MS = MS_PER_DAY;
// A symbol the list does not have sends for a newer list, but at most this often (a delisted one never appears).
const RETRY_MS = 60 * 60_000;

/** One listed market: its kind (null: a kind the exchange names that Perpvol does not know), the exchange's word for it, its asset. */
export interface ListedMarket {
  kind: InstrumentKind | 'not_volume' | null;
  /** What the exchange called its kind, e.g. "contractType LinearFutures", "asset_kind OPTION". */
  rawKind: string;
  underlying: string;
}

export type MarketLookup = (symbol: string) => ListedMarket | undefined;

/** What a market's name alone says (what fills were stored with before the list was read). */
export type NameReading = (symbol: string) => { kind: MarketClass; underlying: string };

/** Reads one whole list from the exchange (all its pages). */
export type ReadMarkets = (signal: AbortSignal) => Promise<Map<string, ListedMarket>>;

interface List {
  bySymbol: Map<string, ListedMarket>;
  readAt: number;
  /** When a read was last tried, whether it worked or not: no list is asked for more often than RETRY_MS. */
  triedAt: number;
  loading: Promise<void> | null;
}

export class InstrumentCatalog<Key extends string = string> {
  private readonly lists = new Map<Key, List>();

  /**
   * The list `key`, read first when it is stale, or when one of `symbols` is missing and the last
   * read is RETRY_MS old. Throws only when `signal` aborts: an unreadable list means names decide.
   */
  async lookup(key: Key, read: ReadMarkets, signal: AbortSignal, now: number, symbols: Iterable<string> = []): Promise<MarketLookup> {
    const list = this.list(key);
    const mayTry = now - list.triedAt >= RETRY_MS;
    const stale = now - list.readAt >= REFRESH_MS;
    if (mayTry && (stale || [...symbols].some((symbol) => !list.bySymbol.has(symbol)))) {
      await this.load(list, read, signal, now);
    }
    return this.known(key);
  }

  /**
   * The list `key` as last read (and as every later read replaces it), without reading it: a live
   * stream decides each frame at once. A market it lacks is read by its name; the next REST pass
   * (on every stream reconnect) reads that fill and the list again, and moves the stored fill.
   */
  known(key: Key): MarketLookup {
    const list = this.list(key);
    return (symbol) => list.bySymbol.get(symbol);
  }

  /** Listed markets whose kind or asset differ from what `byName` reads in their names (stored fills may carry the name's reading). */
  differingFromNames(key: Key, byName: NameReading): SymbolClass[] {
    const out: SymbolClass[] = [];
    for (const [symbol, market] of this.list(key).bySymbol) {
      if (market.kind !== 'perpetual' && market.kind !== 'dated_future') continue;
      const named = byName(symbol);
      if (named.kind !== market.kind || named.underlying !== market.underlying) out.push({ symbol, kind: market.kind, underlying: market.underlying });
    }
    return out;
  }

  private list(key: Key): List {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = { bySymbol: new Map(), readAt: -Infinity, triedAt: -Infinity, loading: null }));
    return list;
  }

  /** One read at a time; a caller whose own pass goes on retries a read another pass abandoned (aborted). */
  private async load(list: List, read: ReadMarkets, signal: AbortSignal, now: number): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      list.loading ??= read(signal)
        .then(
          (bySymbol) => {
            list.bySymbol = bySymbol;
            list.readAt = now;
            list.triedAt = now;
          },
          (error: unknown) => {
            if (signal.aborted) throw error;
            // The exchange would not list its markets: names decide until the next try, RETRY_MS later.
            list.triedAt = now;
          },
        )
        .finally(() => {
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

/** One catalog per exchange and origin, for the life of the process. */
const catalogs = new Map<string, InstrumentCatalog<string>>();

export function sharedInstrumentCatalog<Key extends string = string>(exchange: string, origin: string): InstrumentCatalog<Key> {
  const id = `${exchange} ${origin}`;
  let catalog = catalogs.get(id);
  if (!catalog) catalogs.set(id, (catalog = new InstrumentCatalog<string>()));
  return catalog as InstrumentCatalog<Key>;
}

/** What the list says `symbol` is, else (a market it lacks, or no list read yet) what its name says. */
export function marketOf(symbol: string, listed: MarketLookup | undefined, byName: NameReading): { kind: InstrumentKind; underlying: string } | { ignored: string } | { unknown: string } {
  const named = byName(symbol);
  const market = listed?.(symbol) ?? {
    kind: named.kind === 'unknown' ? null : named.kind,
    rawKind: named.kind === 'not_volume' ? `option ${symbol}` : `market ${symbol}`,
    underlying: named.underlying,
  };
  if (market.kind === null) return { unknown: market.rawKind };
  if (market.kind === 'not_volume') return { ignored: market.rawKind };
  return { kind: market.kind, underlying: market.underlying };
}
