/**
 * What a Paradex market is: by its name (BTC-USD-PERP; dated BTC-USD-26DEC25; options BTC-USD-110000-C,
 * BTC-USD-PERP-110000-C), corrected by GET /v1/markets as docs/counting.md, "Paradex" says (kit/instrument-catalog.ts).
 */
import { canonicalUnderlying } from '../../core/underlying.ts';
import { EXPIRY_PATTERN, memoizedClassifier, type MarketClass } from '../../core/instrument.ts';
import { sharedInstrumentCatalog, type InstrumentCatalog, type ListedMarket, type NameReading, type ReadMarkets } from '../kit/instrument-catalog.ts';
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

/** The catalog of one Paradex REST base (…/v1), shared by every account that syncs against it. */
export function paradexMarketCatalog(baseUrl: string): InstrumentCatalog {
  return sharedInstrumentCatalog('paradex', baseUrl);
}

export function readParadexMarkets(client: ParadexClient): ReadMarkets {
  return async (signal) => {
    const answer = await client.get('/markets', [], marketsSchema, 'a list of markets', signal, 'public');
    const bySymbol = new Map<string, ListedMarket>();
    for (const market of answer.results ?? []) {
      if (!market.asset_kind) continue;
      const decided = ASSET_KIND_DECISIONS[market.asset_kind];
      bySymbol.set(market.symbol, { kind: decided ?? null, rawKind: `asset_kind ${market.asset_kind}`, underlying: canonicalUnderlying(market.symbol, market.base_currency) });
    }
    return bySymbol;
  };
}

export const paradexNameReading: NameReading = (symbol) => ({ kind: classifyParadexSymbol(symbol), underlying: canonicalUnderlying(symbol) });
