/**
 * Pages of a Paradex account's fills: the busts since the last read, then GET /v1/fills of every market
 * (https://docs.paradex.trade/api/prod/account/list-fills; docs/counting.md, "Paradex") by `start_at`/`end_at` (ms),
 * following `next` until it is null: a short page never means "done" (a server may cap page_size). The API's cursor
 * may expire, so the range still to walk is what a resumed pass starts from, whichever order Paradex lists fills in.
 */
import { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import type { Connector, FillPage, PageOptions } from '../kit/connector.ts';
import type { InstrumentCatalog, MarketLookup } from '../kit/instrument-catalog.ts';
import { LoopGuard } from '../kit/loop-guard.ts';
import { walkPages, type PageAdapter } from '../kit/page-walker.ts';
import { timeWindowPaging, type WindowCursor, type WindowRequest } from '../kit/paging/time-window.ts';
import { readVersionedCursor, type CursorFormat } from '../kit/versioned-cursor.ts';
import type { ParadexClient } from './account-client.ts';
import { PARADEX_LABEL } from './errors.ts';
import { MARKETS_KEY, paradexNameReading, readParadexMarkets } from './markets.ts';
import { bustedTradeIds, normalizeParadexFill } from './normalize.ts';
import { fillsPageSchema, tradebustsPageSchema, type ParadexFillRow } from './schemas.ts';

/** `page_size` "maximum 5000, default 100": Paradex limits requests, not rows. A size refused (400) steps down for good. */
const FILLS_PAGE_SIZES: readonly number[] = [5000, 1000, 100];

/** Incremental passes start this far back: fills are listed once sent to chain, a little after their `created_at`. */
const INCREMENTAL_OVERLAP_MS = 10 * 60_000;

/** Only for progress bars when a backfill has no lower bound: Paradex mainnet opened in 2023. */
const PARADEX_HISTORY_START_MS = Date.UTC(2023, 0, 1);

const passSchema = z.object({
  /** start_at of the pass (ms, inclusive); null = from the beginning of the account's history. */
  from: z.number().int().nullable(),
  /** end_at of the pass (ms), fixed when the pass starts. */
  to: z.number().int(),
  /** Narrowed bounds of what is still to walk, after committed pages. */
  resumeFrom: z.number().int().nullable(),
  resumeTo: z.number().int().nullable(),
  /** created_at of the first row the pass saw, to tell the listing order. */
  firstSeen: z.number().int().nullable(),
});

const cursorV1Schema = z.object({
  v: z.literal(1),
  /** The pass in progress, or null between passes. */
  pass: passSchema.nullable(),
  /** `to` of the last completed pass; incremental passes start a little before it. */
  syncedTo: z.number().int().nullable(),
  /** Oldest fill time ever seen, for "synced from". */
  oldest: z.number().int().nullable(),
});

const cursorV2Schema = cursorV1Schema.extend({
  v: z.literal(2),
  /** Up to when busts were last read completely (ms); null = never: the next read takes them all. */
  bustsReadTo: z.number().int().nullable(),
});
type ParadexCursor = z.infer<typeof cursorV2Schema>;

/** Every layout ever saved, as v2: a v1 cursor (before busts were read) keeps its fills position and reads every bust once. */
const CURSOR_FORMAT: CursorFormat<ParadexCursor> = {
  current: cursorV2Schema,
  older: [{ schema: cursorV1Schema, upgrade: (v1: z.infer<typeof cursorV1Schema>): ParadexCursor => ({ ...v1, v: 2, bustsReadTo: null }) }],
};

/** Paradex's layout as the strategy's position: what the pass learned is the first row's time. */
function toWindow({ pass, syncedTo, oldest }: ParadexCursor): WindowCursor<number | null> {
  const at = pass && { start: pass.from, end: pass.to, windowStart: pass.from, queryIndex: 0, pageCursor: null, resumeFrom: pass.resumeFrom, resumeTo: pass.resumeTo, learned: pass.firstSeen };
  return { syncedFrom: null, syncedTo, oldestSeen: oldest, pass: at };
}

function writeParadexCursor({ pass, syncedTo, oldestSeen }: WindowCursor<number | null>, bustsReadTo: number | null): ParadexCursor {
  const at = pass && { from: pass.start, to: pass.end, resumeFrom: pass.resumeFrom, resumeTo: pass.resumeTo, firstSeen: pass.learned };
  return { v: 2, pass: at, syncedTo, oldest: oldestSeen, bustsReadTo };
}

type FillsAnswer = { results: ParadexFillRow[]; next?: string | null };

/** The walk of one pass; the cursor it saves carries where busts were last read. */
function paradexPaging(bustsReadTo: number | null) {
  return timeWindowPaging<'fills', FillsAnswer, ParadexFillRow, number | null, ParadexCursor>({
    label: PARADEX_LABEL,
    windowMs: Infinity,
    windowOverlapMs: 0,
    lateFillOverlapMs: INCREMENTAL_OVERLAP_MS,
    historyMs: null,
    earliest: PARADEX_HISTORY_START_MS,
    queries: ['fills'],
    cursor: { format: CURSOR_FORMAT, toWindow, fromWindow: (cursor) => writeParadexCursor(cursor, bustsReadTo) },
    learned: null,
    page: (answer) => ({ rows: answer.results, next: answer.next ?? null }),
    rowTime: (row) => row.created_at,
    describe: () => 'pages of fills',
    // What is left of the pass after a page whose rows run from `first` to `last`: Paradex's listing order (told by the
    // pass's first row against this page's last) says which end the page walked, so that end is cut off there (the
    // boundary millisecond is included again).
    narrow: (remaining, firstSeen, { first, last }) => {
      const seen = firstSeen ?? first;
      if (seen > last) return { remaining: { from: remaining.from, to: Math.min(remaining.to, last + 1) }, learned: seen };
      if (seen < last) return { remaining: { from: Math.max(remaining.from ?? 0, last), to: remaining.to }, learned: seen };
      return { remaining, learned: seen };
    },
  });
}

/** Each read of busts starts this far before where the last one stopped (a bust is listed after its fill). */
export const BUSTS_OVERLAP_MS = 60 * 60_000;

/**
 * Pages of the trade ids busted since busts were last read, GET /v1/tradebusts (docs/counting.md, "Paradex"). A bust
 * read again changes nothing, so a read cut short is simply repeated. `done` on the last page, every bust read.
 */
async function* paradexBustPages(client: ParadexClient, readTo: number | null, { signal, now }: PageOptions): AsyncGenerator<{ tradeIds: string[]; done: boolean }> {
  const startAt = readTo === null ? undefined : Math.max(0, readTo - BUSTS_OVERLAP_MS);
  const guard = new LoopGuard(PARADEX_LABEL);
  let apiCursor: string | null = null;
  for (;;) {
    guard.enter('busts', apiCursor);
    const page = await client.get(
      '/tradebusts',
      [
        ['start_at', startAt],
        ['end_at', now],
        // The documented maximum (1–5000, default 100).
        ['page_size', 5_000],
        ['cursor', apiCursor ?? undefined],
      ],
      tradebustsPageSchema,
      'a page of trade busts',
      signal,
    );
    const results = page.results ?? [];
    const done = !page.next || results.length === 0;
    yield { tradeIds: results.flatMap((bust) => bustedTradeIds(bust.busted_fill_id)), done };
    if (done) return;
    // A cursor already followed is the kit's paging_loop, raised after the busts read are committed.
    apiCursor = guard.follow(page.next!, results.length, () => 'pages of trade busts');
  }
}

/** The connector's `pages`: busts, then fills, asking at the largest page_size this server takes. */
export function paradexFillPages(client: ParadexClient, markets: InstrumentCatalog): Connector['pages'] {
  let sizeIndex = 0;
  async function fetchFillsPage(request: WindowRequest<'fills'>, signal: AbortSignal): Promise<FillsAnswer> {
    for (;;) {
      const query: [string, number | string | undefined][] = [
        ['start_at', request.from ?? undefined],
        ['end_at', request.to],
        ['page_size', FILLS_PAGE_SIZES[sizeIndex]],
        ['cursor', request.pageCursor ?? undefined],
      ];
      try {
        return await client.get('/fills', query, fillsPageSchema, 'a page of fills', signal);
      } catch (error) {
        const refused = error instanceof PerpvolError && error.code === 'paradex_request_rejected';
        if (!refused || sizeIndex >= FILLS_PAGE_SIZES.length - 1) throw error;
        sizeIndex += 1;
      }
    }
  }
  const adapter: PageAdapter<WindowRequest<'fills'>, FillsAnswer, ParadexFillRow, MarketLookup> = {
    fetch: fetchFillsPage,
    normalize: (row, lookup) => normalizeParadexFill(row, lookup),
    instruments: {
      lookup: (answer, signal, now) => markets.lookup(MARKETS_KEY, readParadexMarkets(client), signal, now, answer.results.map((row) => row.market)),
      // Once per pass: stored fills of markets the list classifies unlike their names move.
      differing: () => ({ scope: MARKETS_KEY, markets: markets.differingFromNames(MARKETS_KEY, paradexNameReading) }),
    },
  };

  return async function* pages(rawCursor, options): AsyncGenerator<FillPage> {
    const saved = readVersionedCursor(CURSOR_FORMAT, rawCursor);
    // Busts first: each bust page carries the fills position unchanged, and the last one where busts now stand.
    let bustsReadTo = saved?.bustsReadTo ?? null;
    for await (const busts of paradexBustPages(client, bustsReadTo, options)) {
      if (busts.done) bustsReadTo = options.now;
      const cursor: ParadexCursor = { ...(saved ?? { v: 2, pass: null, syncedTo: null, oldest: null }), bustsReadTo };
      yield { fills: [], bustedTradeIds: busts.tradeIds, cursor, progress: 0, coveredFrom: cursor.oldest, coveredTo: cursor.syncedTo };
    }
    yield* walkPages(paradexPaging(bustsReadTo), adapter, rawCursor, options);
  };
}
