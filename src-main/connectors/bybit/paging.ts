/**
 * Walking Bybit's execution history. GET /v5/execution/list answers one category and at most a
 * 7-day span per request, paged by an opaque cursor inside that span
 * (https://bybit-exchange.github.io/docs/v5/order/execution). So a pass is: 7-day windows from the
 * pass start to now, and inside each window every perp category, and inside each of those every
 * page. Windows are [start, start + 7 d − 1 ms] back to back, so a fill exactly on an edge belongs
 * to exactly one window.
 *
 * The cursor the sync engine persists after every page says where the next request goes; resuming
 * from it never skips a page, and at worst repeats one (the store dedupes on execId).
 */
import { z } from 'zod';
import type { Fill } from '../../core/fill.ts';
import type { FillPage, SyncCursor } from '../connector.ts';
import { HISTORY_MS, MAX_WINDOW_MS, PERP_CATEGORIES, type PerpCategory } from './constants.ts';

/** Executions can be listed a little after their execTime; each incremental pass re-reads this much. */
export const LATE_FILL_OVERLAP_MS = 10 * 60_000;

const PassSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  windowStart: z.number().int(),
  categoryIndex: z.number().int().min(0).max(PERP_CATEGORIES.length - 1),
  /** Bybit's nextPageCursor inside the current window and category; null = first page. */
  pageCursor: z.string().min(1).nullable(),
});

const BybitCursorSchema = z.object({
  v: z.literal(1),
  /** Oldest time any pass has covered (the two-year horizon of the first backfill). */
  syncedFrom: z.number().int(),
  /** End of the last completed pass; null until the first backfill completes. */
  syncedTo: z.number().int().nullable(),
  /** The pass in progress, or null between passes. */
  pass: PassSchema.nullable(),
});

export type BybitCursor = z.infer<typeof BybitCursorSchema>;
export type BybitPass = z.infer<typeof PassSchema>;

/** A persisted cursor, or null when it is missing or from an older layout (then: backfill again). */
export function readBybitCursor(cursor: SyncCursor | null): BybitCursor | null {
  if (cursor === null) return null;
  const parsed = BybitCursorSchema.safeParse(cursor);
  return parsed.success ? parsed.data : null;
}

/** Where a call to pages() starts: the pass in progress (stretched to now) or a new one. */
export function beginPass(saved: BybitCursor | null, now: number): BybitCursor & { pass: BybitPass } {
  const horizon = now - HISTORY_MS;
  if (saved?.pass) return { ...saved, pass: { ...saved.pass, end: Math.max(saved.pass.end, now) } };
  const start = saved?.syncedTo != null ? Math.max(horizon, saved.syncedTo - LATE_FILL_OVERLAP_MS) : horizon;
  return {
    v: 1,
    syncedFrom: saved ? Math.min(saved.syncedFrom, start) : horizon,
    syncedTo: saved?.syncedTo ?? null,
    // max(): a clock set back since the last pass must not produce endTime < startTime.
    pass: { start, end: Math.max(now, start), windowStart: start, categoryIndex: 0, pageCursor: null },
  };
}

export interface WindowRequest {
  category: PerpCategory;
  startTime: number;
  endTime: number;
  pageCursor: string | null;
}

export function currentRequest(pass: BybitPass): WindowRequest {
  return {
    category: PERP_CATEGORIES[pass.categoryIndex]!,
    startTime: pass.windowStart,
    endTime: windowEnd(pass),
    pageCursor: pass.pageCursor,
  };
}

/**
 * Windows share their edge millisecond (the next starts where this one ends, the widest span the
 * "endTime - startTime <= 7 days" rule allows): the docs do not say whether endTime is inclusive,
 * and this way a fill on the edge is fetched under either reading. The store keeps it once.
 */
function windowEnd(pass: BybitPass): number {
  return Math.min(pass.windowStart + MAX_WINDOW_MS, pass.end);
}

/**
 * The cursor after a page came back with `nextPageCursor`: the next page of this window and
 * category, else the next category, else the next window, else the pass is complete.
 */
export function advance(cursor: BybitCursor & { pass: BybitPass }, nextPageCursor: string | null): BybitCursor {
  const { pass } = cursor;
  if (nextPageCursor) return { ...cursor, pass: { ...pass, pageCursor: nextPageCursor } };
  if (pass.categoryIndex + 1 < PERP_CATEGORIES.length) {
    return { ...cursor, pass: { ...pass, categoryIndex: pass.categoryIndex + 1, pageCursor: null } };
  }
  if (windowEnd(pass) < pass.end) {
    return { ...cursor, pass: { ...pass, windowStart: pass.windowStart + MAX_WINDOW_MS, categoryIndex: 0, pageCursor: null } };
  }
  return { ...cursor, syncedTo: pass.end, pass: null };
}

/** Share of the pass done once `cursor` is where the next request goes. */
export function passProgress(cursor: BybitCursor): number {
  const { pass } = cursor;
  if (pass === null) return 1;
  const windows = Math.max(1, Math.ceil((pass.end - pass.start + 1) / MAX_WINDOW_MS));
  const steps = windows * PERP_CATEGORIES.length;
  const windowIndex = Math.floor((pass.windowStart - pass.start) / MAX_WINDOW_MS);
  const done = windowIndex * PERP_CATEGORIES.length + pass.categoryIndex + (pass.pageCursor ? 0.5 : 0);
  return Math.min(0.999, Math.max(0, done / steps));
}

/** Newest time before which every category is complete, given where the next request goes. */
export function coveredTo(cursor: BybitCursor): number | null {
  if (cursor.pass === null) return cursor.syncedTo;
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
    // Bybit serves two years and no more (same page: "past 730 days").
    historyLimitedBefore: now - HISTORY_MS,
  };
}
