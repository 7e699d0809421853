/**
 * Bybit's execution history on the kit's time-window strategy (kit/paging/time-window.ts).
 * GET /v5/execution/list answers one category and at most a 7-day span per request, paged by an
 * opaque cursor inside that span (https://bybit-exchange.github.io/docs/v5/order/execution). So a
 * pass is: 7-day windows from the pass start to now; inside each window the queries of
 * WINDOW_QUERIES; inside each query every page, until Bybit sends no next cursor ("", null or none
 * at all — the docs show only the field).
 *
 * Bybit gives no count of executions anywhere, so nothing can be checked against a total: a query
 * is complete when Bybit says there is no next page, and a pass is complete when every query of
 * every window is. The readings the docs leave open are covered by construction (windows overlap,
 * the USDC query) rather than by guessing which one Bybit uses.
 */
import { z } from 'zod';
import { utcDay } from '../../core/days.ts';
import type { FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import { walkPages, type PageAdapter } from '../kit/page-walker.ts';
import { timeWindowPaging, type WindowCursor, type WindowRequest as TimeWindowRequest } from '../kit/paging/time-window.ts';
import { readVersionedCursor, writeCursor, type CursorFormat } from '../kit/versioned-cursor.ts';
import { sendableCursor } from './client.ts';
import { HISTORY_MS, MAX_WINDOW_MS, type PerpCategory } from './constants.ts';
import { bybitNameReading, readBybitInstruments, type BybitInstrumentCatalog, type FetchInstruments, type InstrumentLookup } from './instruments.ts';
import { linearSettleCoin, normalizeExecution } from './normalize.ts';
import type { ExecutionListResult, ExecutionRow } from './schemas.ts';

/** Executions can be listed a little after their execTime; each incremental pass re-reads this much. */
export const LATE_FILL_OVERLAP_MS = 10 * 60_000;

/**
 * Consecutive windows overlap by this much. The docs do not say whether startTime and endTime are
 * inclusive; with any overlap of at least 1 ms the windows' union has no hole under any of the four
 * readings. A whole second also covers a server that rounds the bounds to seconds. Rows in the
 * overlap come back twice and are handed over once.
 */
export const WINDOW_OVERLAP_MS = 1_000;
/** Each window spans the full documented "endTime - startTime <= 7 days" and starts this far after the last. */
export const WINDOW_STEP_MS = MAX_WINDOW_MS - WINDOW_OVERLAP_MS;

export interface WindowQuery {
  category: PerpCategory;
  /** The optional settleCoin filter (changelog 2026-01-13, "Add new request param settleCoin"). */
  settleCoin: string | null;
}

/**
 * Per window: linear without a filter (every linear settle coin, if Bybit reads an omitted
 * settleCoin as "all"), linear USDC (in case an omitted settleCoin means USDT only, as it defaults
 * on other endpoints, e.g. https://bybit-exchange.github.io/docs/v5/market/new-delivery-price),
 * then inverse. The USDC query is skipped once the unfiltered one has listed a USDC contract.
 */
export const WINDOW_QUERIES: readonly WindowQuery[] = [
  { category: 'linear', settleCoin: null },
  { category: 'linear', settleCoin: 'USDC' },
  { category: 'inverse', settleCoin: null },
];
const USDC_QUERY_INDEX = 1;

const PassSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  windowStart: z.number().int(),
  queryIndex: z.number().int().min(0).max(WINDOW_QUERIES.length - 1),
  /** Bybit's nextPageCursor inside the current window and query; null = first page. */
  pageCursor: z.string().min(1).nullable(),
  /** Learned in this pass: linear without settleCoin lists USDC contracts too. */
  linearListsUsdc: z.boolean(),
});

const BybitCursorSchema = z.object({
  v: z.literal(2),
  /** Oldest time any pass has covered (the two-year horizon of the first backfill). */
  syncedFrom: z.number().int(),
  /** End of the last completed pass; null until the first backfill completes. */
  syncedTo: z.number().int().nullable(),
  /** The pass in progress, or null between passes. */
  pass: PassSchema.nullable(),
});

/** The layout before the USDC query and overlapping windows (linear, inverse per 7-day window). */
const CursorV1Schema = z.object({
  v: z.literal(1),
  syncedFrom: z.number().int(),
  syncedTo: z.number().int().nullable(),
  pass: z
    .object({
      start: z.number().int(),
      end: z.number().int(),
      windowStart: z.number().int(),
      categoryIndex: z.number().int().min(0).max(1),
      pageCursor: z.string().min(1).nullable(),
    })
    .nullable(),
});

export type BybitCursor = z.infer<typeof BybitCursorSchema>;

const LAYOUTS = { current: BybitCursorSchema, older: [{ schema: CursorV1Schema, upgrade: fromV1 }] };

/** A persisted cursor, or null: begin a backfill (kit/versioned-cursor.ts, one policy for every exchange). */
export function readBybitCursor(cursor: SyncCursor | null): BybitCursor | null {
  return readVersionedCursor(LAYOUTS, cursor);
}

function fromV1(old: z.infer<typeof CursorV1Schema>): BybitCursor {
  const { pass, ...rest } = old;
  if (pass === null) return { ...rest, v: 2, pass: null };
  const { categoryIndex, pageCursor, ...window } = pass;
  // Mid-linear keeps its page; mid-inverse restarts the window's USDC and inverse queries (repeats are deduped).
  const resumed = categoryIndex === 0 ? { queryIndex: 0, pageCursor } : { queryIndex: USDC_QUERY_INDEX, pageCursor: null };
  return { ...rest, v: 2, pass: { ...window, ...resumed, linearListsUsdc: false } };
}

/** Bybit's layout as the strategy's position (what the pass learned: whether linear lists USDC). */
function toWindow({ syncedFrom, syncedTo, pass }: BybitCursor): WindowCursor<boolean> {
  if (pass === null) return { syncedFrom, syncedTo, oldestSeen: null, pass: null };
  const { linearListsUsdc, ...at } = pass;
  return { syncedFrom, syncedTo, oldestSeen: null, pass: { ...at, resumeFrom: null, resumeTo: null, learned: linearListsUsdc } };
}

function fromWindow({ syncedFrom, syncedTo, pass }: WindowCursor<boolean>): SyncCursor {
  const bybitPass = pass && {
    start: pass.start!,
    end: pass.end,
    windowStart: pass.windowStart!,
    queryIndex: pass.queryIndex,
    pageCursor: pass.pageCursor,
    linearListsUsdc: pass.learned,
  };
  return writeCursor({ v: 2, syncedFrom: syncedFrom!, syncedTo, pass: bybitPass } satisfies BybitCursor);
}

const WINDOW_FORMAT: CursorFormat<WindowCursor<boolean>> = {
  current: BybitCursorSchema.transform(toWindow),
  older: [{ schema: CursorV1Schema, upgrade: (old: z.infer<typeof CursorV1Schema>) => toWindow(fromV1(old)) }],
};

/** A row with the category it was asked for (which decides how its notional reads). */
interface CategoryRow {
  category: PerpCategory;
  row: ExecutionRow;
}
interface ExecutionAnswer {
  category: PerpCategory;
  result: ExecutionListResult;
}

const isUnfilteredLinear = (query: WindowQuery): boolean => query.category === 'linear' && query.settleCoin === null;

const BYBIT_PAGING = timeWindowPaging<WindowQuery, ExecutionAnswer, CategoryRow, boolean>({
  windowMs: MAX_WINDOW_MS,
  windowOverlapMs: WINDOW_OVERLAP_MS,
  lateFillOverlapMs: LATE_FILL_OVERLAP_MS,
  // Bybit serves two years and no more ("Get Trade History (2 years)" in the same page's title).
  historyMs: HISTORY_MS,
  queries: WINDOW_QUERIES,
  cursor: { format: WINDOW_FORMAT, write: fromWindow },
  learned: false,
  page: ({ category, result }) => ({
    rows: result.list.map((row) => ({ category, row })),
    next: result.nextPageCursor ? sendableCursor(result.nextPageCursor) : null,
  }),
  rowTime: ({ row }) => Number(row.execTime),
  describe: ({ query, from, to }) =>
    `pages of ${query.category}${query.settleCoin ? ` ${query.settleCoin}` : ''} executions from ${utcDay(from!)} to ${utcDay(to)}`,
  learn: (listsUsdc, query, rows) => listsUsdc || (isUnfilteredLinear(query) && rows.some(({ row }) => linearSettleCoin(row.symbol) === 'USDC')),
  skip: (query, listsUsdc) => listsUsdc && query.category === 'linear' && query.settleCoin === 'USDC',
});

/** One request of the walk, in Bybit's terms. */
export interface WindowRequest extends WindowQuery {
  startTime: number;
  endTime: number;
  pageCursor: string | null;
}
export type FetchExecutions = (request: WindowRequest, signal: AbortSignal) => Promise<ExecutionListResult>;

/** Where a walk learns what each symbol is: the origin's shared instruments-info catalog and how to read it. */
export interface InstrumentSource {
  catalog: BybitInstrumentCatalog;
  fetch: FetchInstruments;
}

export function bybitExecutionPages(
  fetchPage: FetchExecutions,
  saved: SyncCursor | null,
  options: PageOptions,
  instruments: InstrumentSource | null = null,
): AsyncGenerator<FillPage> {
  const adapter: PageAdapter<TimeWindowRequest<WindowQuery>, ExecutionAnswer, CategoryRow, InstrumentLookup> = {
    label: 'Bybit',
    fetch: async ({ query, from, to, pageCursor }, signal) => ({
      category: query.category,
      result: await fetchPage({ ...query, startTime: from!, endTime: to, pageCursor }, signal),
    }),
    normalize: ({ category, row }, lookup) => normalizeExecution(category, row, lookup),
  };
  if (instruments) {
    adapter.instruments = {
      // The category's list, read again first when this answer names a symbol it lacks (one listed since).
      lookup: ({ category, result }, signal, now) =>
        instruments.catalog.lookup(category, readBybitInstruments(category, instruments.fetch), signal, now, result.list.map((row) => row.symbol)),
      // Once per pass and category: stored fills of symbols the list classifies unlike their names move.
      differing: ({ category }) => ({ scope: category, markets: instruments.catalog.differingFromNames(category, bybitNameReading) }),
    };
  }
  return walkPages(BYBIT_PAGING, adapter, saved, options);
}
