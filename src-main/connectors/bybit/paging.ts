/**
 * Where a walk through Bybit's execution history stands. GET /v5/execution/list answers one
 * category and at most a 7-day span per request, paged by an opaque cursor inside that span
 * (https://bybit-exchange.github.io/docs/v5/order/execution). So a pass is: 7-day windows from the
 * pass start to now; inside each window the queries of WINDOW_QUERIES; inside each query every page.
 *
 * Bybit gives no count of executions anywhere, so nothing can be checked against a total: a query
 * is complete when Bybit says there is no next page, and a pass is complete when every query of
 * every window is. The readings the docs leave open are covered by construction (windows overlap,
 * the USDC query) rather than by guessing which one Bybit uses.
 *
 * The cursor the sync engine persists after every page says where the next request goes; resuming
 * from it never skips a page, and at worst repeats one (the store dedupes on execId).
 */
import { z } from 'zod';
import type { Fill } from '../../core/fill.ts';
import type { FillPage, SyncCursor } from '../kit/connector.ts';
import { readVersionedCursor } from '../kit/versioned-cursor.ts';
import { HISTORY_MS, MAX_WINDOW_MS, type PerpCategory } from './constants.ts';

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
export type BybitPass = z.infer<typeof PassSchema>;

/** A persisted cursor, or null: begin a backfill (kit/versioned-cursor.ts, one policy for every exchange). */
export function readBybitCursor(cursor: SyncCursor | null): BybitCursor | null {
  return readVersionedCursor({ current: BybitCursorSchema, older: [{ schema: CursorV1Schema, upgrade: fromV1 }] }, cursor);
}

function fromV1(old: z.infer<typeof CursorV1Schema>): BybitCursor {
  const { pass, ...rest } = old;
  if (pass === null) return { ...rest, v: 2, pass: null };
  const { categoryIndex, pageCursor, ...window } = pass;
  // Mid-linear keeps its page; mid-inverse restarts the window's USDC and inverse queries (repeats are deduped).
  const resumed = categoryIndex === 0 ? { queryIndex: 0, pageCursor } : { queryIndex: USDC_QUERY_INDEX, pageCursor: null };
  return { ...rest, v: 2, pass: { ...window, ...resumed, linearListsUsdc: false } };
}

/** Where a call to pages() starts: the pass in progress (stretched to now) or a new one. */
export function beginPass(saved: BybitCursor | null, now: number): BybitCursor & { pass: BybitPass } {
  const horizon = now - HISTORY_MS;
  if (saved?.pass) return { ...saved, pass: { ...saved.pass, end: Math.max(saved.pass.end, now) } };
  const start = saved?.syncedTo != null ? Math.max(horizon, saved.syncedTo - LATE_FILL_OVERLAP_MS) : horizon;
  return {
    v: 2,
    syncedFrom: saved ? Math.min(saved.syncedFrom, start) : horizon,
    syncedTo: saved?.syncedTo ?? null,
    // max(): a clock set back since the last pass must not produce endTime < startTime.
    pass: { start, end: Math.max(now, start), windowStart: start, queryIndex: 0, pageCursor: null, linearListsUsdc: false },
  };
}

export interface WindowRequest extends WindowQuery {
  startTime: number;
  endTime: number;
  pageCursor: string | null;
}

export function currentRequest(pass: BybitPass): WindowRequest {
  return { ...WINDOW_QUERIES[pass.queryIndex]!, startTime: pass.windowStart, endTime: windowEnd(pass), pageCursor: pass.pageCursor };
}

function windowEnd(pass: BybitPass): number {
  return Math.min(pass.windowStart + MAX_WINDOW_MS, pass.end);
}

/** Whether `request` is the linear query without settleCoin, the one that can show USDC is included. */
export function isUnfilteredLinear(request: WindowQuery): boolean {
  return request.category === 'linear' && request.settleCoin === null;
}

/**
 * The cursor after a page came back with `nextPageCursor` (null = the query is complete): the next
 * page of this query, else the window's next query, else the next window, else the pass is done.
 */
export function advance(cursor: BybitCursor & { pass: BybitPass }, nextPageCursor: string | null, linearListsUsdc: boolean): BybitCursor {
  const pass = { ...cursor.pass, linearListsUsdc: cursor.pass.linearListsUsdc || linearListsUsdc };
  if (nextPageCursor) return { ...cursor, pass: { ...pass, pageCursor: nextPageCursor } };
  let queryIndex = pass.queryIndex + 1;
  if (queryIndex === USDC_QUERY_INDEX && pass.linearListsUsdc) queryIndex += 1;
  if (queryIndex < WINDOW_QUERIES.length) return { ...cursor, pass: { ...pass, queryIndex, pageCursor: null } };
  if (windowEnd(pass) < pass.end) {
    return { ...cursor, pass: { ...pass, windowStart: pass.windowStart + WINDOW_STEP_MS, queryIndex: 0, pageCursor: null } };
  }
  return { ...cursor, syncedTo: pass.end, pass: null };
}

/** Share of the pass done once `cursor` is where the next request goes. */
export function passProgress(cursor: BybitCursor): number {
  const { pass } = cursor;
  if (pass === null) return 1;
  const windows = 1 + Math.max(0, Math.ceil((pass.end - pass.start - MAX_WINDOW_MS) / WINDOW_STEP_MS));
  const steps = windows * WINDOW_QUERIES.length;
  const windowIndex = Math.floor((pass.windowStart - pass.start) / WINDOW_STEP_MS);
  const done = windowIndex * WINDOW_QUERIES.length + pass.queryIndex + (pass.pageCursor ? 0.5 : 0);
  return Math.min(0.999, Math.max(0, done / steps));
}

/** Newest time before which every query is complete, given where the next request goes. */
export function coveredTo(cursor: BybitCursor): number | null {
  if (cursor.pass === null) return cursor.syncedTo;
  // The window before this one reached at least WINDOW_OVERLAP_MS into this one.
  const complete = cursor.pass.windowStart - 1;
  const best = Math.max(cursor.syncedTo ?? -Infinity, complete);
  return best >= cursor.syncedFrom ? best : null;
}

export function toFillPage(cursor: BybitCursor, fills: Fill[], now: number): FillPage {
  return {
    fills,
    cursor: cursor as unknown as SyncCursor,
    progress: passProgress(cursor),
    coveredFrom: cursor.syncedFrom,
    coveredTo: coveredTo(cursor),
    // Bybit serves two years and no more ("Get Trade History (2 years)" in the same page's title).
    historyLimitedBefore: now - HISTORY_MS,
  };
}
