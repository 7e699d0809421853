/**
 * What Paradex says each market is: GET /v1/markets `asset_kind` (PERP a perpetual, FUTURE a dated
 * future; SPOT, OPTION, PERP_OPTION never volume) and `base_currency` (the asset), read once a day
 * per origin and shared by its accounts (connectors/instrument-catalog.ts: when it is read again,
 * and names decide while it cannot be). The list holds active markets only, so a delisted market
 * is read by its name (core/instrument.ts: …-PERP).
 */
import { classifyParadexSymbol } from './symbols.ts';
import { baseCoinOfSymbol, canonicalUnderlying } from '../../core/underlying.ts';
import { InstrumentCatalog, sharedInstrumentCatalog, type ListedMarket, type ReadMarkets } from '../kit/instrument-catalog.ts';
import type { ParadexClient } from './client.ts';
import { ASSET_KIND_DECISIONS, MARKETS_PATH, MARKETS_REFRESH_MS, MARKETS_RETRY_MS } from './constants.ts';
import { marketsSchema, parseAnswer } from './schemas.ts';

/** Paradex has one list of markets. */
export type ParadexMarketsKey = 'markets';
export const MARKETS_KEY: ParadexMarketsKey = 'markets';
export type ParadexMarketCatalog = InstrumentCatalog<ParadexMarketsKey>;

const TIMING = { refreshMs: MARKETS_REFRESH_MS, retryMs: MARKETS_RETRY_MS };

export function newParadexMarketCatalog(): ParadexMarketCatalog {
  return new InstrumentCatalog<ParadexMarketsKey>(TIMING);
}

/** The catalog of one Paradex REST base (…/v1), shared by every account that syncs against it. */
export function paradexMarketCatalog(baseUrl: string): ParadexMarketCatalog {
  return sharedInstrumentCatalog<ParadexMarketsKey>('paradex', baseUrl, TIMING);
}

/** The asset of a market: its `base_currency` where the list gives one, else its name's first part. */
export function paradexUnderlying(symbol: string, baseCurrency?: string | null): string {
  return canonicalUnderlying(symbol, baseCurrency || baseCoinOfSymbol(symbol));
}

export function readParadexMarkets(client: ParadexClient): ReadMarkets {
  return async (signal) => {
    const answer = parseAnswer(marketsSchema, await client.publicGet(MARKETS_PATH, [], signal), 'a list of markets', `GET /v1${MARKETS_PATH}`);
    const bySymbol = new Map<string, ListedMarket>();
    for (const market of answer.results ?? []) {
      if (!market.asset_kind) continue;
      const decided = ASSET_KIND_DECISIONS[market.asset_kind];
      bySymbol.set(market.symbol, { kind: decided ?? null, rawKind: `asset_kind ${market.asset_kind}`, underlying: paradexUnderlying(market.symbol, market.base_currency) });
    }
    return bySymbol;
  };
}

/** What a Paradex market's name alone says (what fills were stored with before the list was read). */
export function paradexNameReading(symbol: string): { kind: string; underlying: string } {
  return { kind: classifyParadexSymbol(symbol), underlying: paradexUnderlying(symbol) };
}
