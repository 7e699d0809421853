/** What Bybit's instruments-info says each linear and inverse symbol is: docs/counting.md, "Bybit". */
import { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import { canonicalUnderlying } from '../../core/underlying.ts';
import type { QueryValue } from '../http/exchange-http-client.ts';
import { sharedInstrumentCatalog, type InstrumentCatalog, type ListedMarket, type ReadMarkets } from '../kit/instrument-catalog.ts';
import { sendableCursor, type BybitClient } from './client.ts';
import type { PerpCategory } from './normalize.ts';

/**
 * https://bybit-exchange.github.io/docs/v5/market/instrument — public; limit "[1, 1000]", paged by
 * `cursor`. Only `Trading` symbols are listed: an expired future is missing and its name decides.
 */
export const INSTRUMENTS_INFO_PATH = '/v5/market/instruments-info';
const INSTRUMENTS_PAGE_LIMIT = 1_000;
/** A list longer than this many pages is a paging loop, not Bybit's market. */
const INSTRUMENTS_MAX_PAGES = 50;
/** https://bybit-exchange.github.io/docs/v5/enum#contracttype — any other value is a market Perpvol does not know. */
const CONTRACT_TYPE_KINDS: Readonly<Record<string, 'perpetual' | 'dated_future'>> = {
  LinearPerpetual: 'perpetual',
  InversePerpetual: 'perpetual',
  LinearFutures: 'dated_future',
  InverseFutures: 'dated_future',
};

export type BybitInstrumentCatalog = InstrumentCatalog<PerpCategory>;

/** Only what classifies a symbol is required; a row without it is skipped by the catalog, not the page. */
const InstrumentsResultSchema = z.looseObject({
  category: z.string().optional(),
  list: z.array(
    z.looseObject({
      symbol: z.string().min(1),
      contractType: z.string().optional(),
      baseCoin: z.string().optional(),
      status: z.string().optional(),
      deliveryTime: z.string().optional(),
    }),
  ),
  nextPageCursor: z.string().optional().nullable(),
});

/** The catalog of one Bybit origin, shared by every account that syncs against it. */
export function bybitInstrumentCatalog(origin: string): BybitInstrumentCatalog {
  return sharedInstrumentCatalog<PerpCategory>('bybit', origin);
}

export function readBybitInstruments(client: BybitClient, category: PerpCategory): ReadMarkets {
  return async (signal) => {
    const bySymbol = new Map<string, ListedMarket>();
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < INSTRUMENTS_MAX_PAGES; page++) {
      const query: [string, QueryValue][] = [['category', category], ['limit', INSTRUMENTS_PAGE_LIMIT], ['cursor', cursor ?? undefined]];
      const result = await client.get(INSTRUMENTS_INFO_PATH, query, InstrumentsResultSchema, 'a list of instruments', signal);
      for (const row of result.list) {
        if (!row.contractType) continue;
        const kind = CONTRACT_TYPE_KINDS[row.contractType] ?? null;
        bySymbol.set(row.symbol, { kind, rawKind: `contractType ${row.contractType}`, underlying: canonicalUnderlying(row.symbol, row.baseCoin || null) });
      }
      const next = result.nextPageCursor ? sendableCursor(result.nextPageCursor) : null;
      if (next === null) return bySymbol;
      if (seen.has(next)) break;
      seen.add(next);
      cursor = next;
    }
    throw new PerpvolError('exchange_unavailable', 'paging_loop', `Bybit's list of ${category} instruments does not end; the symbols' names decide their kind for now.`, true);
  };
}

