/**
 * What a Paradex market is: by its name (BTC-USD-PERP; dated BTC-USD-26DEC25; options BTC-USD-110000-C,
 * BTC-USD-PERP-110000-C), corrected by GET /v1/markets as docs/counting.md, "Paradex" says (kit/instrument-catalog.ts).
 */
import { baseCoinOfSymbol, canonicalUnderlying } from '../../core/underlying.ts';
import { EXPIRY_PATTERN, memoizedClassifier, type MarketClass } from '../../core/instrument.ts';
import { InstrumentCatalog, sharedInstrumentCatalog, type ListedMarket, type ReadMarkets } from '../kit/instrument-catalog.ts';
import type { ParadexClient } from './account-client.ts';
import { marketsSchema } from './schemas.ts';

const PERP = /^[A-Z0-9]+-[A-Z0-9]+-PERP$/;
const OPTION = /-\d+(?:\.\d+)?-[CP]$/;
const DATED = new RegExp(`^[A-Z0-9]+-[A-Z0-9]+-${EXPIRY_PATTERN}$`);

export const classifyParadexSymbol = memoizedClassifier((symbol: string): MarketClass => {
  if (OPTION.test(symbol)) return 'not_volume';
  if (PERP.test(symbol)) return 'perpetual';
  return DATED.test(symbol) ? 'dated_future' : 'unknown';
});

const ASSET_KIND_DECISIONS: Readonly<Record<string, 'perpetual' | 'dated_future' | 'not_volume'>> = {
  PERP: 'perpetual',
  FUTURE: 'dated_future',
  SPOT: 'not_volume',
  OPTION: 'not_volume',
  PERP_OPTION: 'not_volume',
};

/** Paradex has one list of markets. */
export const MARKETS_KEY = 'markets';
export type ParadexMarketCatalog = InstrumentCatalog;

/** Read once a day; a market the list lacks sends for a newer list at most hourly. */
const TIMING = { refreshMs: 86_400_000, retryMs: 60 * 60_000 };

export function newParadexMarketCatalog(): ParadexMarketCatalog {
  return new InstrumentCatalog(TIMING);
}

/** The catalog of one Paradex REST base (…/v1), shared by every account that syncs against it. */
export function paradexMarketCatalog(baseUrl: string): ParadexMarketCatalog {
  return sharedInstrumentCatalog('paradex', baseUrl, TIMING);
}

/** The asset of a market: its `base_currency` where the list gives one, else its name's first part. */
export function paradexUnderlying(symbol: string, baseCurrency?: string | null): string {
  return canonicalUnderlying(symbol, baseCurrency || baseCoinOfSymbol(symbol));
}

export function readParadexMarkets(client: ParadexClient): ReadMarkets {
  return async (signal) => {
    const answer = await client.get('/markets', [], marketsSchema, 'a list of markets', signal, 'public');
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
