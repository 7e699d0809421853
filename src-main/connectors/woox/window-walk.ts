/**
 * Reading one time window of `GET /v3/trade/transactionHistory` completely, under any reading of
 * what its docs leave open (row order, fromId's direction and inclusiveness, whether `page` works,
 * the largest `limit`, whether endTime is inclusive; docs/counting.md, "WOO X: a sync is complete only when WOO X's own count says so"). Each answer is
 * absorbed by the window's current method, which says whether the window is complete, needs another
 * request, or cannot be finished this way:
 *
 * - narrow: no fromId, no page; after each answer the time range shrinks past what was served
 *   (endTime down to the oldest row's millisecond when rows come newest first, startTime up when
 *   oldest first). It relies only on time filters, so it works whatever fromId and page do. Rows at
 *   the new edge millisecond are served again and recognised by id.
 * - page: page = 1, 2, … over the whole window (how CCXT pages this route).
 * - fromId-up / fromId-down: trade ids upwards from the smallest id, or downwards from the largest.
 *
 * A window is complete when the distinct rows read equal WOO X's own count of the window
 * (meta.total of a full-window request without fromId). Without a count, when the range is
 * exhausted: an answer that is empty, or shorter than a page WOO X has already served (so no page
 * cap cut it). When a method fails, the next one re-reads the window from scratch.
 */
import type { QueryValue } from '../http/exchange-http-client.ts';
import { WALK_METHODS, type WalkMethod, type WindowWalk } from './cursor.ts';
import type { TransactionRow } from './schemas.ts';

/** "From" the newest possible trade when reading ids downwards: the largest signed 64-bit id. */
const LARGEST_TRADE_ID = '9223372036854775807';
/** "From" the oldest possible trade when reading ids upwards. */
const SMALLEST_TRADE_ID = '1';

export interface WindowBounds {
  start: number;
  end: number;
  /** endTime of full-window requests. */
  endTime: number;
}

export type Verdict = 'more' | 'complete' | 'failed';

export interface Reading {
  /** Rows this answer added to the method's count (the ones to hand over as fills). */
  fresh: TransactionRow[];
  verdict: Verdict;
  walk: WindowWalk;
}

/** What the walker knows when an answer arrives. */
export interface AnswerContext {
  limit: number;
  /** Most rows any earlier answer carried. */
  largestPage: number;
}

export function startWalk(method: WalkMethod, bounds: WindowBounds, carried = { total: null as number | null, bestCounted: 0 }): WindowWalk {
  return {
    method,
    start: bounds.start,
    end: bounds.end,
    endTime: bounds.endTime,
    total: carried.total,
    counted: 0,
    bestCounted: carried.bestCounted,
    requests: 0,
    lo: bounds.start,
    hi: bounds.endTime,
    order: null,
    edge: [],
    page: 1,
    previous: null,
    lastId: null,
  };
}

/** The method to try after `walk`'s failed, carrying what the window is known to hold; null when none is left. */
export function nextMethod(walk: WindowWalk): WindowWalk | null {
  const method = WALK_METHODS[WALK_METHODS.indexOf(walk.method) + 1];
  if (!method) return null;
  return startWalk(method, walk, { total: walk.total, bestCounted: Math.max(walk.bestCounted, walk.counted) });
}

export function requestFor(walk: WindowWalk, limit: number): [string, QueryValue][] {
  switch (walk.method) {
    case 'narrow':
      return [['startTime', walk.lo], ['endTime', walk.hi], ['limit', limit]];
    case 'page':
      return [['startTime', walk.start], ['endTime', walk.endTime], ['limit', limit], ['page', walk.page]];
    case 'fromId-up':
    case 'fromId-down': {
      const from = walk.lastId ?? (walk.method === 'fromId-up' ? SMALLEST_TRADE_ID : LARGEST_TRADE_ID);
      return [['startTime', walk.start], ['endTime', walk.endTime], ['fromId', from], ['limit', limit]];
    }
  }
}

/** `total` is meta.total of this answer, when it has one. */
export function absorb(walk: WindowWalk, rows: TransactionRow[], total: number | null, context: AnswerContext): Reading {
  switch (walk.method) {
    case 'narrow':
      return absorbNarrow(walk, rows, total, context);
    case 'page':
      return absorbPage(walk, rows, total, context);
    case 'fromId-up':
    case 'fromId-down':
      return absorbFromId(walk, rows);
  }
}

/** Trade ids as canonical decimal text (they exceed 2^53: compared as BigInt, never as numbers). */
export function canonicalId(id: string): string {
  return BigInt(id).toString();
}

/** An answer that may have been cut by a page cap: as long as the page asked, or as any page seen. */
function mayBeCut(rows: number, context: AnswerContext): boolean {
  return rows >= context.limit || rows >= context.largestPage;
}

/** The count says the window is read (or read too much: WOO X's count moved); null: not yet known. */
function byCount(walk: WindowWalk): Verdict | null {
  if (walk.total === null) return null;
  if (walk.counted === walk.total) return 'complete';
  return walk.counted > walk.total ? 'failed' : null;
}

/**
 * The method has nothing more to read. With WOO X's count it must match; without one it must have
 * read at least as many rows as an earlier method that could not finish.
 */
function concluded(walk: WindowWalk, fresh: TransactionRow[]): Reading {
  const whole = walk.total !== null ? walk.counted === walk.total : walk.counted >= walk.bestCounted;
  return { fresh, verdict: whole ? 'complete' : 'failed', walk };
}

const failed = (walk: WindowWalk, fresh: TransactionRow[]): Reading => ({ fresh, verdict: 'failed', walk });

type Order = 'newest-first' | 'oldest-first';

/** The time order of an answer: null when all rows share one millisecond, 'unsorted' when neither. */
function orderOf(rows: TransactionRow[]): Order | 'unsorted' | null {
  let up = false;
  let down = false;
  for (let i = 1; i < rows.length; i++) {
    const step = rows[i]!.executedTimestamp - rows[i - 1]!.executedTimestamp;
    if (step > 0) up = true;
    if (step < 0) down = true;
  }
  if (up && down) return 'unsorted';
  return up ? 'oldest-first' : down ? 'newest-first' : null;
}

function absorbNarrow(walk: WindowWalk, rows: TransactionRow[], total: number | null, context: AnswerContext): Reading {
  const counted = new Set(walk.edge.map(([id]) => id));
  const fresh = rows.filter((row) => {
    const id = canonicalId(row.id);
    if (counted.has(id)) return false;
    counted.add(id);
    return true;
  });
  // The first request covers the whole window: its meta.total is WOO X's count of the window.
  const read: WindowWalk = {
    ...walk,
    total: walk.requests === 0 ? total : walk.total,
    requests: walk.requests + 1,
    counted: walk.counted + fresh.length,
  };
  if (rows.length === 0) return concluded(read, fresh);
  const verdict = byCount(read);
  if (verdict) return { fresh, verdict, walk: read };
  if (read.total === null && !mayBeCut(rows.length, context)) return concluded(read, fresh);

  const seen = orderOf(rows);
  if (seen === 'unsorted' || (seen && read.order && seen !== read.order)) return failed(read, fresh);
  const order = seen ?? read.order;
  // A full page within one millisecond, in an order never seen: there is no time to narrow to.
  if (!order) return failed(read, fresh);
  const times = rows.map((row) => row.executedTimestamp);
  // One millisecond of slack keeps unread rows at the edge whether WOO X's bound is inclusive or not.
  const lo = order === 'oldest-first' ? Math.max(read.lo, Math.max(...times) - 1) : read.lo;
  const hi = order === 'newest-first' ? Math.min(read.hi, Math.min(...times) + 1) : read.hi;
  // Nothing new, or a range that cannot shrink (more rows in one edge millisecond than a page holds).
  if (fresh.length === 0 || (lo === read.lo && hi === read.hi)) return failed(read, fresh);
  const edge = [...read.edge, ...fresh.map((row): [string, number] => [canonicalId(row.id), row.executedTimestamp])].filter(
    ([, ts]) => ts >= lo && ts <= hi,
  );
  return { fresh, verdict: 'more', walk: { ...read, lo, hi, order, edge } };
}

function absorbPage(walk: WindowWalk, rows: TransactionRow[], total: number | null, context: AnswerContext): Reading {
  const ids = rows.map((row) => canonicalId(row.id));
  const first = ids[0];
  const last = ids.at(-1);
  const read: WindowWalk = {
    ...walk,
    // Every page covers the whole window; page 1's count is the one the walk is held to.
    total: walk.page === 1 ? total : walk.total,
    requests: walk.requests + 1,
    counted: walk.counted + rows.length,
    page: walk.page + 1,
    previous: first !== undefined && last !== undefined ? [first, last] : walk.previous,
  };
  // The same rows as the page before: WOO X ignores `page`.
  if (walk.previous && first === walk.previous[0] && last === walk.previous[1]) return failed({ ...read, counted: walk.counted }, []);
  if (rows.length === 0) return concluded(read, rows);
  const verdict = byCount(read);
  if (verdict) return { fresh: rows, verdict, walk: read };
  if (read.total === null && !mayBeCut(rows.length, context)) return concluded(read, rows);
  return { fresh: rows, verdict: 'more', walk: read };
}

function absorbFromId(walk: WindowWalk, rows: TransactionRow[]): Reading {
  const up = walk.method === 'fromId-up';
  const ids = rows.map((row) => BigInt(row.id));
  const last = walk.lastId === null ? null : BigInt(walk.lastId);
  const read: WindowWalk = { ...walk, requests: walk.requests + 1 };
  // Honoured, an answer runs strictly one way from the last id (repeating it at most).
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const previous = i > 0 ? ids[i - 1]! : last;
    if (previous === null) continue;
    const backwards = up ? id < previous : id > previous;
    if (backwards || (i > 0 && id === previous)) return failed(read, []);
  }
  const fresh = rows.filter((_, i) => last === null || (up ? ids[i]! > last : ids[i]! < last));
  const counted: WindowWalk = { ...read, counted: read.counted + fresh.length };
  if (fresh.length === 0) return concluded(counted, fresh);
  const verdict = byCount(counted);
  if (verdict) return { fresh, verdict, walk: counted };
  return { fresh, verdict: 'more', walk: { ...counted, lastId: canonicalId(fresh.at(-1)!.id) } };
}
