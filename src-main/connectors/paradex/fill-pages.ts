/**
 * Pages of a Paradex account's fills: first the busts since the last read (GET /v1/tradebusts,
 * busts.ts), then GET /v1/fills (https://docs.paradex.trade/api/prod/account/list-fills) with
 * `start_at`/`end_at` (ms) and `page_size`, following `next` until Paradex says there is nothing
 * left (null) — never stopping at a short page, which a server that caps page_size below what was
 * asked serves all along. Every market's fills are asked for, without an `asset_kind` filter: its
 * values (PERP, PERP_OPTION, OPTION, SPOT) have no FUTURE although markets do, so each fill is
 * classified by its market instead (normalize.ts, markets.ts). The walk is the kit's time-window
 * strategy with one unbounded window per pass, narrowed by listing order (sync-cursor.ts).
 */
import type { FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import { walkPages, type PageAdapter } from '../kit/page-walker.ts';
import { timeWindowPaging, type WindowRequest } from '../kit/paging/time-window.ts';
import type { MarketLookup } from '../kit/instrument-catalog.ts';
import { paradexBustPages } from './busts.ts';
import type { ParadexClient } from './client.ts';
import { INCREMENTAL_OVERLAP_MS, PARADEX_HISTORY_START_MS, PARADEX_LABEL } from './constants.ts';
import { MARKETS_KEY, paradexNameReading, readParadexMarkets, type ParadexMarketCatalog } from './markets.ts';
import { normalizeParadexFill } from './normalize.ts';
import { FillsPageSize } from './page-size.ts';
import { fillsPageSchema, parseAnswer, type ParadexFillRow } from './schemas.ts';
import { narrowByListingOrder, PARADEX_WINDOW_FORMAT, readParadexCursor, writeParadexCursor, type ParadexCursor } from './sync-cursor.ts';

type FillsAnswer = { results: ParadexFillRow[]; next?: string | null };

/** The walk of one pass; the cursor it saves carries where busts were last read. */
function paradexPaging(bustsReadTo: number | null) {
  return timeWindowPaging<'fills', FillsAnswer, ParadexFillRow, number | null>({
    windowMs: Infinity,
    windowOverlapMs: 0,
    lateFillOverlapMs: INCREMENTAL_OVERLAP_MS,
    historyMs: null,
    earliest: PARADEX_HISTORY_START_MS,
    queries: ['fills'],
    cursor: { format: PARADEX_WINDOW_FORMAT, write: (cursor) => writeParadexCursor(cursor, bustsReadTo) },
    learned: null,
    page: (answer) => ({ rows: answer.results, next: answer.next ?? null }),
    rowTime: (row) => row.created_at,
    describe: () => 'pages of fills',
    narrow: narrowByListingOrder,
  });
}

/** GET /v1/fills once, at the largest page_size this server takes. */
async function fetchFillsPage(client: ParadexClient, request: WindowRequest<'fills'>, pageSize: FillsPageSize, signal: AbortSignal): Promise<FillsAnswer> {
  for (;;) {
    try {
      const body = await client.privateGet(
        '/fills',
        [
          ['start_at', request.from ?? undefined],
          ['end_at', request.to],
          ['page_size', pageSize.current],
          ['cursor', request.pageCursor ?? undefined],
        ],
        signal,
      );
      return parseAnswer(fillsPageSchema, body, 'a page of fills', 'GET /v1/fills');
    } catch (error) {
      if (!pageSize.stepDownAfter(error)) throw error;
    }
  }
}

export async function* paradexFillPages(
  client: ParadexClient,
  rawCursor: SyncCursor | null,
  options: PageOptions,
  pageSize: FillsPageSize = new FillsPageSize(),
  markets: ParadexMarketCatalog | null = null,
): AsyncGenerator<FillPage> {
  const saved = readParadexCursor(rawCursor);
  // Busts first: each bust page carries the fills position unchanged, and the last one where busts now stand.
  let bustsReadTo = saved?.bustsReadTo ?? null;
  for await (const busts of paradexBustPages(client, bustsReadTo, options)) {
    if (busts.done) bustsReadTo = options.now;
    const cursor: ParadexCursor = { v: 2, pass: saved?.pass ?? null, syncedTo: saved?.syncedTo ?? null, oldest: saved?.oldest ?? null, bustsReadTo };
    yield { fills: [], bustedTradeIds: busts.tradeIds, cursor, progress: 0, coveredFrom: saved?.oldest ?? null, coveredTo: saved?.syncedTo ?? null };
  }

  const adapter: PageAdapter<WindowRequest<'fills'>, FillsAnswer, ParadexFillRow, MarketLookup> = {
    label: PARADEX_LABEL,
    fetch: (request, signal) => fetchFillsPage(client, request, pageSize, signal),
    normalize: (row, lookup) => normalizeParadexFill(row, lookup),
  };
  if (markets) {
    const readMarkets = readParadexMarkets(client);
    adapter.instruments = {
      lookup: (answer, signal, now) => markets.lookup(MARKETS_KEY, readMarkets, signal, now, answer.results.map((row) => row.market)),
      // Once per pass: stored fills of markets the list classifies unlike their names move.
      differing: () => ({ scope: MARKETS_KEY, markets: markets.differingFromNames(MARKETS_KEY, paradexNameReading) }),
    };
  }
  yield* walkPages(paradexPaging(bustsReadTo), adapter, rawCursor, options);
}
