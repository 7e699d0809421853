/**
 * Where a WOO X pass stands, as the sync engine persists it after every request: the pass's span,
 * the window being read and how far its walk got, and what this pass learned about the exchange
 * (the page size it accepts, the largest page it has served). Everything a walk needs to resume is
 * in here, so a kill between any two requests loses nothing and proves nothing twice.
 */
import { z } from 'zod';
import type { SyncCursor } from '../kit/connector.ts';
import { readVersionedCursor } from '../kit/versioned-cursor.ts';
import { HISTORY_SPAN_MS, INCREMENTAL_OVERLAP_MS } from './constants.ts';

const ms = z.number().int();
const count = z.number().int().nonnegative();
const tradeId = z.string().regex(/^\d+$/);

/** The ways to read one window, tried in this order (window-walk.ts). */
export const WALK_METHODS = ['narrow', 'page', 'fromId-up', 'fromId-down'] as const;
export type WalkMethod = (typeof WALK_METHODS)[number];

const walkSchema = z.object({
  method: z.enum(WALK_METHODS),
  /** The window: [start, end]; `endTime` is what full-window requests send (end + 1 for a pass's last). */
  start: ms,
  end: ms,
  endTime: ms,
  /** meta.total of the whole window, from the latest full-window request without fromId. */
  total: count.nullable(),
  /** Distinct rows this method has read; most rows any earlier method of this window read. */
  counted: count,
  bestCounted: count,
  requests: count,
  /** narrow: the sub-range still to read, the order seen, and rows already counted inside it. */
  lo: ms,
  hi: ms,
  order: z.enum(['newest-first', 'oldest-first']).nullable(),
  edge: z.array(z.tuple([tradeId, ms])),
  /** page: the next page number and the first and last id of the previous page. */
  page: z.number().int().positive(),
  previous: z.tuple([tradeId, tradeId]).nullable(),
  /** fromId-up / fromId-down: the last id counted. */
  lastId: tradeId.nullable(),
});
export type WindowWalk = z.infer<typeof walkSchema>;

const cursorSchema = z.object({
  v: z.literal(2),
  backfill: z.boolean(),
  passStart: ms,
  passEnd: ms,
  windowStart: ms,
  /** Set once a pass has finished: history is proven complete up to this time. */
  doneUntil: ms.nullable(),
  /** The page size WOO X has accepted (lowered when a larger one was refused). */
  pageLimit: z.number().int().positive(),
  /** The most rows one answer has carried: a shorter answer cannot have been cut by a page cap. */
  largestPage: count,
  walk: walkSchema.nullable(),
});
export type WooxCursor = z.infer<typeof cursorSchema>;

/**
 * Where to go from a persisted cursor at time `now`: resume a pass, or begin one. Cursors of the
 * first release (v1) are not trusted: its walker could stop a window early without noticing, so an
 * account synced by it backfills once more (the store keeps each trade once).
 */
export function planPass(persisted: SyncCursor | null, now: number, firstPageLimit: number): WooxCursor {
  // No older layout is carried forward (see above): v1, like an unreadable cursor, backfills.
  const cursor = readVersionedCursor({ current: cursorSchema }, persisted);
  const oldestServed = now - HISTORY_SPAN_MS;
  if (cursor === null) {
    return {
      v: 2,
      backfill: true,
      passStart: oldestServed,
      passEnd: now,
      windowStart: oldestServed,
      doneUntil: null,
      pageLimit: firstPageLimit,
      largestPage: 0,
      walk: null,
    };
  }
  // An unfinished pass resumes where it stood; its open window keeps its bounds (they are in `walk`).
  if (cursor.doneUntil === null) return { ...cursor, passEnd: Math.max(cursor.passEnd, now) };
  const start = Math.max(cursor.doneUntil - INCREMENTAL_OVERLAP_MS, oldestServed);
  return { ...cursor, backfill: false, passStart: start, passEnd: Math.max(now, start), windowStart: start, doneUntil: null, walk: null };
}
