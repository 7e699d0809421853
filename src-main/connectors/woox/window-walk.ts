/**
 * The ways WOO X's `GET /v3/trade/transactionHistory` can read one time window completely, under
 * any reading of what its docs leave open (row order, fromId's direction and inclusiveness, whether
 * `page` works, the largest `limit`, whether endTime is inclusive; docs/counting.md, "WOO X: a sync
 * is complete only when WOO X's own count says so"). The kit's count-verified windows
 * (kit/paging/count-verified-window.ts) try them in this order, count what they read against
 * meta.total and hand a window over to the next method when one cannot finish it:
 *
 * - narrow: no fromId, no page; after each answer the time range shrinks past what was served
 *   (endTime down to the oldest row's millisecond when rows come newest first, startTime up when
 *   oldest first). It relies only on time filters, so it works whatever fromId and page do. Rows at
 *   the new edge millisecond are served again and recognised by id.
 * - page: page = 1, 2, … over the whole window (how CCXT pages this route).
 * - fromId-up / fromId-down: trade ids upwards from the smallest id, or downwards from the largest.
 */
import { z } from 'zod';
import type { QueryValue } from '../http/exchange-http-client.ts';
import type { TakenAnswer, WindowBounds, WindowMethod, WindowWalk } from '../kit/paging/count-verified-window.ts';
import type { TransactionRow } from './schemas.ts';

/** "From" the newest possible trade when reading ids downwards: the largest signed 64-bit id. */
const LARGEST_TRADE_ID = '9223372036854775807';
/** "From" the oldest possible trade when reading ids upwards. */
const SMALLEST_TRADE_ID = '1';

const ms = z.number().int();
const tradeId = z.string().regex(/^\d+$/);

/** The methods' fields in the cursor's `walk` (one layout for all four: cursor v2). */
export const WALK_FIELDS = {
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
};
export type MethodFields = z.infer<z.ZodObject<typeof WALK_FIELDS>>;
type WooxWalk = WindowWalk<MethodFields>;

export function blankFields(bounds: WindowBounds): MethodFields {
  return { lo: bounds.start, hi: bounds.endTime, order: null, edge: [], page: 1, previous: null, lastId: null };
}

/** One request: its query for a page size (a refused size is stepped down), and what a refusal means. */
export interface TransactionQuery {
  query(limit: number): [string, QueryValue][];
  limit: number;
  /** The first request of a window: it differs from earlier accepted ones only by its limit. */
  firstOfWindow: boolean;
  /** page and fromId: WOO X may not offer them, and refusing them hands the window to the next method. */
  optional: boolean;
}

type Method = WindowMethod<MethodFields, TransactionRow, TransactionQuery>;

/** Trade ids as canonical decimal text (they exceed 2^53: compared as BigInt, never as numbers). */
function canonicalId(id: string): string {
  return BigInt(id).toString();
}

const query = (walk: WooxWalk, limit: number, build: (limit: number) => [string, QueryValue][]): TransactionQuery => ({
  query: build,
  limit,
  firstOfWindow: walk.method === 'narrow' && walk.requests === 0,
  optional: walk.method !== 'narrow',
});

type Order = 'newest-first' | 'oldest-first';

/** The time order of an answer: null when all rows share one millisecond, 'unsorted' when neither. */
function orderOf(rows: readonly TransactionRow[]): Order | 'unsorted' | null {
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

const narrow: Method = {
  name: 'narrow',
  countsWindow: true,
  endsOn: 'short-answer',
  request: (walk, limit) => query(walk, limit, (size) => [['startTime', walk.lo], ['endTime', walk.hi], ['limit', size]]),
  take(walk, rows) {
    const counted = new Set(walk.edge.map(([id]) => id));
    const fresh = rows.filter((row) => {
      const id = canonicalId(row.id);
      if (counted.has(id)) return false;
      counted.add(id);
      return true;
    });
    return { fresh, next: narrowed(walk, rows, fresh) };
  },
};

/** The range left to read after an answer, or null when it cannot shrink. */
function narrowed(walk: WooxWalk, rows: readonly TransactionRow[], fresh: TransactionRow[]): Partial<MethodFields> | null {
  const seen = orderOf(rows);
  if (seen === 'unsorted' || (seen && walk.order && seen !== walk.order)) return null;
  const order = seen ?? walk.order;
  // A full page within one millisecond, in an order never seen: there is no time to narrow to.
  if (!order || rows.length === 0) return null;
  const times = rows.map((row) => row.executedTimestamp);
  // One millisecond of slack keeps unread rows at the edge whether WOO X's bound is inclusive or not.
  const lo = order === 'oldest-first' ? Math.max(walk.lo, Math.max(...times) - 1) : walk.lo;
  const hi = order === 'newest-first' ? Math.min(walk.hi, Math.min(...times) + 1) : walk.hi;
  // Nothing new, or a range that cannot shrink (more rows in one edge millisecond than a page holds).
  if (fresh.length === 0 || (lo === walk.lo && hi === walk.hi)) return null;
  const edge = [...walk.edge, ...fresh.map((row): [string, number] => [canonicalId(row.id), row.executedTimestamp])].filter(
    ([, ts]) => ts >= lo && ts <= hi,
  );
  return { lo, hi, order, edge };
}

const page: Method = {
  name: 'page',
  countsWindow: true,
  endsOn: 'short-answer',
  request: (walk, limit) =>
    query(walk, limit, (size) => [['startTime', walk.start], ['endTime', walk.endTime], ['limit', size], ['page', walk.page]]),
  take(walk, rows): TakenAnswer<MethodFields, TransactionRow> | null {
    const first = rows[0] && canonicalId(rows[0].id);
    const last = rows.at(-1) && canonicalId(rows.at(-1)!.id);
    // The same rows as the page before: WOO X ignores `page`.
    if (walk.previous && first === walk.previous[0] && last === walk.previous[1]) return null;
    const previous = first !== undefined && last !== undefined ? ([first, last] as [string, string]) : walk.previous;
    return { fresh: [...rows], next: { page: walk.page + 1, previous } };
  },
};

function fromId(direction: 'up' | 'down'): Method {
  const up = direction === 'up';
  return {
    name: `fromId-${direction}`,
    countsWindow: false,
    endsOn: 'nothing-new',
    request: (walk, limit) =>
      query(walk, limit, (size) => [
        ['startTime', walk.start],
        ['endTime', walk.endTime],
        ['fromId', walk.lastId ?? (up ? SMALLEST_TRADE_ID : LARGEST_TRADE_ID)],
        ['limit', size],
      ]),
    take(walk, rows) {
      const ids = rows.map((row) => BigInt(row.id));
      const last = walk.lastId === null ? null : BigInt(walk.lastId);
      // Honoured, an answer runs strictly one way from the last id (repeating it at most).
      for (let i = 0; i < ids.length; i++) {
        const previous = i > 0 ? ids[i - 1]! : last;
        if (previous === null) continue;
        if ((up ? ids[i]! < previous : ids[i]! > previous) || (i > 0 && ids[i] === previous)) return null;
      }
      const fresh = rows.filter((_, i) => last === null || (up ? ids[i]! > last : ids[i]! < last));
      return { fresh, next: fresh.length > 0 ? { lastId: canonicalId(fresh.at(-1)!.id) } : {} };
    },
  };
}

/** The ways to read one window, tried in this order. */
export const WINDOW_METHODS = [narrow, page, fromId('up'), fromId('down')] as const;
