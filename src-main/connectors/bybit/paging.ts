/**
 * Bybit's execution history on the kit's time-window strategy (kit/paging/time-window.ts); the readings
 * its docs leave open are covered by construction: docs/counting.md, "Where the exchanges' docs leave room".
 */
import { z } from 'zod';
import { MS_PER_DAY, utcDay } from '../../core/days.ts';
import type { FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import type { MarketLookup } from '../kit/instrument-catalog.ts';
import { walkPages, type PageAdapter } from '../kit/page-walker.ts';
import { timeWindowPaging, type WindowCursor, type WindowRequest as TimeWindowRequest } from '../kit/paging/time-window.ts';
import { sendableCursor, type BybitClient } from './client.ts';
import { readBybitInstruments, type BybitInstrumentCatalog } from './instruments.ts';
import { bybitNameReading, linearSettleCoin, normalizeExecution, type PerpCategory } from './normalize.ts';
import type { ExecutionListResult, ExecutionRow } from './schemas.ts';

/** https://bybit-exchange.github.io/docs/v5/order/execution — "endTime - startTime <= 7 days"; without them only the last 7 days. */
export const MAX_WINDOW_MS = 7 * MS_PER_DAY;
/** Same page, titled "Get Trade History (2 years)". */
export const HISTORY_MS = 730 * MS_PER_DAY;
/** Executions can be listed a little after their execTime; each incremental pass re-reads this much. */
export const LATE_FILL_OVERLAP_MS = 10 * 60_000;

/**
 * Consecutive windows overlap by this much. The docs do not say whether startTime and endTime are
 * inclusive; with any overlap of at least 1 ms the windows' union has no hole under any of the four
 * readings. A whole second also covers a server that rounds the bounds to seconds. Rows in the
 * overlap come back twice and are handed over once.
 */
const WINDOW_OVERLAP_MS = 1_000;

/**
 * Per window: linear without a filter (every linear settle coin, if Bybit reads an omitted
 * settleCoin as "all"), linear USDC (in case an omitted settleCoin means USDT only, as it defaults
 * on other endpoints, e.g. https://bybit-exchange.github.io/docs/v5/market/new-delivery-price),
 * then inverse. The USDC query is skipped once the unfiltered one has listed a USDC contract.
 * settleCoin is an optional filter since changelog 2026-01-13, "Add new request param settleCoin".
 */
export const WINDOW_QUERIES = [
  { category: 'linear', settleCoin: null },
  { category: 'linear', settleCoin: 'USDC' },
  { category: 'inverse', settleCoin: null },
] as const satisfies readonly { category: PerpCategory; settleCoin: string | null }[];
export type WindowQuery = (typeof WINDOW_QUERIES)[number];
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
  pass: PassSchema.nullable(),
});

/** The layout before the USDC query and overlapping windows: per 7-day window linear (0), then inverse (1). */
const CursorV1Schema = BybitCursorSchema.extend({
  v: z.literal(1),
  pass: PassSchema.omit({ queryIndex: true, linearListsUsdc: true }).extend({ categoryIndex: z.number().int().min(0).max(1) }).nullable(),
});
type BybitCursor = z.infer<typeof BybitCursorSchema>;

/** A v1 cursor mid-linear keeps its page; mid-inverse restarts the window's USDC and inverse queries (repeats are deduped). */
function fromV1({ pass, ...rest }: z.infer<typeof CursorV1Schema>): BybitCursor {
  if (pass === null) return { ...rest, v: 2, pass: null };
  const { categoryIndex, pageCursor, ...window } = pass;
  const resumed = categoryIndex === 0 ? { queryIndex: 0, pageCursor } : { queryIndex: USDC_QUERY_INDEX, pageCursor: null };
  return { ...rest, v: 2, pass: { ...window, ...resumed, linearListsUsdc: false } };
}

/** Bybit's layout as the strategy's position (what the pass learned: whether linear lists USDC). */
function toWindow({ syncedFrom, syncedTo, pass }: BybitCursor): WindowCursor<boolean> {
  if (pass === null) return { syncedFrom, syncedTo, oldestSeen: null, pass: null };
  const { linearListsUsdc, ...at } = pass;
  return { syncedFrom, syncedTo, oldestSeen: null, pass: { ...at, resumeFrom: null, resumeTo: null, learned: linearListsUsdc } };
}

function fromWindow({ syncedFrom, syncedTo, pass }: WindowCursor<boolean>): BybitCursor {
  const bybitPass = pass && {
    start: pass.start!,
    end: pass.end,
    windowStart: pass.windowStart!,
    queryIndex: pass.queryIndex,
    pageCursor: pass.pageCursor,
    linearListsUsdc: pass.learned,
  };
  return { v: 2, syncedFrom: syncedFrom!, syncedTo, pass: bybitPass };
}

/** A row with the category it was asked for (which decides how its notional reads). */
interface CategoryRow {
  category: PerpCategory;
  row: ExecutionRow;
}
interface ExecutionAnswer {
  category: PerpCategory;
  result: ExecutionListResult;
}

const BYBIT_PAGING = timeWindowPaging<WindowQuery, ExecutionAnswer, CategoryRow, boolean, BybitCursor>({
  label: 'Bybit',
  windowMs: MAX_WINDOW_MS,
  windowOverlapMs: WINDOW_OVERLAP_MS,
  lateFillOverlapMs: LATE_FILL_OVERLAP_MS,
  historyMs: HISTORY_MS,
  queries: WINDOW_QUERIES,
  cursor: { format: { current: BybitCursorSchema, older: [{ schema: CursorV1Schema, upgrade: fromV1 }] }, toWindow, fromWindow },
  learned: false,
  page: ({ category, result }) => ({
    rows: result.list.map((row) => ({ category, row })),
    next: result.nextPageCursor ? sendableCursor(result.nextPageCursor) : null,
  }),
  rowTime: ({ row }) => Number(row.execTime),
  describe: ({ query, from, to }) =>
    `pages of ${query.category}${query.settleCoin ? ` ${query.settleCoin}` : ''} executions from ${utcDay(from!)} to ${utcDay(to)}`,
  learn: (listsUsdc, { category, settleCoin }, rows) =>
    listsUsdc || (category === 'linear' && settleCoin === null && rows.some(({ row }) => linearSettleCoin(row.symbol) === 'USDC')),
  skip: (query, listsUsdc) => listsUsdc && query.category === 'linear' && query.settleCoin === 'USDC',
});

export type ExecutionsRequest = TimeWindowRequest<WindowQuery>;
export type FetchExecutions = (request: ExecutionsRequest, signal: AbortSignal) => Promise<ExecutionListResult>;

export function bybitExecutionPages(
  fetchPage: FetchExecutions,
  saved: SyncCursor | null,
  options: PageOptions,
  /** Where the walk learns what each symbol is: the origin's shared instruments-info catalog, read through `client`. */
  instruments: { catalog: BybitInstrumentCatalog; client: BybitClient } | null = null,
): AsyncGenerator<FillPage> {
  const adapter: PageAdapter<ExecutionsRequest, ExecutionAnswer, CategoryRow, MarketLookup> = {
    fetch: async (request, signal) => ({ category: request.query.category, result: await fetchPage(request, signal) }),
    normalize: ({ category, row }, lookup) => normalizeExecution(category, row, lookup),
  };
  if (instruments) {
    adapter.instruments = {
      // The category's list, read again first when this answer names a symbol it lacks (one listed since).
      lookup: ({ category, result }, signal, now) =>
        instruments.catalog.lookup(category, readBybitInstruments(instruments.client, category), signal, now, result.list.map((row) => row.symbol)),
      // Once per pass and category: stored fills of symbols the list classifies unlike their names move.
      differing: ({ category }) => ({ scope: category, markets: instruments.catalog.differingFromNames(category, bybitNameReading) }),
    };
  }
  return walkPages(BYBIT_PAGING, adapter, saved, options);
}
