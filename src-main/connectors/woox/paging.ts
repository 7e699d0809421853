/**
 * Walking an account's WOO X trade history with the kit's count-verified windows, each window held
 * to WOO X's own count (meta.total) whatever its docs leave open: row order, fromId's direction and
 * inclusiveness, whether `page` works, the largest `limit`, whether endTime is inclusive
 * (docs/counting.md, "WOO X: a sync is complete only when WOO X's own count says so").
 */
import { z } from 'zod';
import { MS_PER_DAY } from '../../core/days.ts';
import { PerpvolError } from '../../core/errors.ts';
import type { QueryValue } from '../http/exchange-http-client.ts';
import type { FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import { walkPages, type PageAdapter } from '../kit/page-walker.ts';
import {
  countVerifiedWindows,
  fetchWindowAnswer,
  type WindowAnswer,
  type WindowMethod,
  type WindowPass,
  type WindowRequest,
  type WindowWalk,
} from '../kit/paging/count-verified-window.ts';
import { TRANSACTION_HISTORY_PATH, type WooxClient } from './client.ts';
import { normalizeTransaction } from './normalize.ts';
import { transactionHistorySchema, type TransactionRow } from './schemas.ts';

/** The route's documented reach, "in the past 2 years" (client.ts cites it). */
export const HISTORY_SPAN_MS = 730 * MS_PER_DAY;
/**
 * `limit` has no documented maximum; CCXT pages this route 500 at a time, so 500 is asked first and
 * a refused size (-1005) steps down this list. Fewer rows than asked show up against meta.total.
 */
export const TRANSACTION_PAGE_LIMITS: readonly number[] = [500, 200, 100, 50, 25];
/** Our reading (no maximum span is documented): 30 days keeps a two-year backfill at ~25 windows. */
export const WINDOW_MS = 30 * MS_PER_DAY;
/** Incremental passes restart this far before the last pass's end, for fills indexed late. */
const INCREMENTAL_OVERLAP_MS = 60_000;

/** The documented page sizes and window unless a test scales them down. */
export type WooxPaging = { pageLimits?: readonly number[]; windowMs?: number };

export const WINDOW_INCOMPLETE_CODE = 'woox_history_incomplete';

/** "From" the newest possible trade when reading ids downwards: the largest signed 64-bit id. */
const LARGEST_TRADE_ID = '9223372036854775807';
/** "From" the oldest possible trade when reading ids upwards. */
const SMALLEST_TRADE_ID = '1';

const ms = z.number().int();
const tradeId = z.string().regex(/^\d+$/);

/** The methods' fields in the cursor's `walk` (one layout for all four). */
const WALK_FIELDS = {
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
type MethodFields = z.infer<z.ZodObject<typeof WALK_FIELDS>>;
type Query = [string, QueryValue][];
type Method = WindowMethod<MethodFields, TransactionRow, Query>;

/** Where a WOO X pass stands, as the sync engine persists it after every request. */
export type WooxCursor = WindowPass<MethodFields>;

/** Trade ids as canonical decimal text (they exceed 2^53: compared as BigInt, never as numbers). */
function canonicalId(id: string): string {
  return BigInt(id).toString();
}

/** The time order of an answer: null when all rows share one millisecond, 'unsorted' when neither. */
function orderOf(rows: readonly TransactionRow[]): MethodFields['order'] | 'unsorted' {
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

/**
 * No fromId, no page: after each answer the time range shrinks past what was served (endTime down to
 * the oldest row's millisecond when rows come newest first, startTime up when oldest first). It relies
 * only on time filters, so it works whatever fromId and page do. Rows at the new edge millisecond are
 * served again and recognised by id.
 */
const narrow: Method = {
  name: 'narrow',
  countsWindow: true,
  request: (walk, limit) => [['startTime', walk.lo], ['endTime', walk.hi], ['limit', limit]],
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
function narrowed(walk: WindowWalk<MethodFields>, rows: readonly TransactionRow[], fresh: TransactionRow[]): Partial<MethodFields> | null {
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

/** page = 1, 2, … over the whole window (how CCXT pages this route). */
const page: Method = {
  name: 'page',
  countsWindow: true,
  request: (walk, limit) => [['startTime', walk.start], ['endTime', walk.endTime], ['limit', limit], ['page', walk.page]],
  take(walk, rows) {
    const ends: [string, string] | null = rows.length > 0 ? [canonicalId(rows[0]!.id), canonicalId(rows.at(-1)!.id)] : null;
    // The same rows as the page before: WOO X ignores `page`.
    if (ends && walk.previous && ends[0] === walk.previous[0] && ends[1] === walk.previous[1]) return null;
    return { fresh: [...rows], next: { page: walk.page + 1, previous: ends ?? walk.previous } };
  },
};

/** Trade ids upwards from the smallest id, or downwards from the largest. */
function fromId(direction: 'up' | 'down'): Method {
  const up = direction === 'up';
  return {
    name: `fromId-${direction}`,
    countsWindow: false,
    request: (walk, limit) => [
      ['startTime', walk.start],
      ['endTime', walk.endTime],
      ['fromId', walk.lastId ?? (up ? SMALLEST_TRADE_ID : LARGEST_TRADE_ID)],
      ['limit', limit],
    ],
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

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A window WOO X would not serve in full: how many trades are missing, and that every sync tries it again. */
function windowIncompleteError(window: { start: number; end: number }, total: number | null, read: number): PerpvolError {
  const span = `between ${utc(window.start)} and ${utc(window.end)}`;
  const what =
    total !== null
      ? `WOO X counts ${total.toLocaleString('en-US')} trades ${span} but served only ${read.toLocaleString('en-US')} of them: ` +
        `${(total - read).toLocaleString('en-US')} are missing`
      : `WOO X served ${read.toLocaleString('en-US')} trades ${span} in full pages but would not page past them, and does not ` +
        'say how many there are: some trades of that window are missing';
  return new PerpvolError(
    'exchange_unavailable',
    WINDOW_INCOMPLETE_CODE,
    `${what}, however Perpvol asked (by time range, page number and trade id). The trades that were read are stored; ` +
      'history is not marked complete past the start of that window, and every sync tries it again. Until then the volume ' +
      'of those days may be too low. If this persists, report it with this message.',
    true,
  );
}

export function wooxWindows({ pageLimits = TRANSACTION_PAGE_LIMITS, windowMs = WINDOW_MS }: WooxPaging = {}) {
  return countVerifiedWindows({
    // A v1 cursor (the first release, whose walker could stop a window early unnoticed) backfills once more.
    version: 2,
    historySpanMs: HISTORY_SPAN_MS,
    overlapMs: INCREMENTAL_OVERLAP_MS,
    windowMs,
    pageLimits,
    methods: [narrow, page, fromId('up'), fromId('down')],
    blank: (bounds) => ({ lo: bounds.start, hi: bounds.endTime, order: null, edge: [], page: 1, previous: null, lastId: null }),
    walkFields: WALK_FIELDS,
    incomplete: windowIncompleteError,
  });
}

export function walkTransactions(client: WooxClient, saved: SyncCursor | null, options: PageOptions, paging: WooxPaging = {}): AsyncGenerator<FillPage> {
  const adapter: PageAdapter<WindowRequest<Query>, WindowAnswer<TransactionRow>, TransactionRow> = {
    fetch: (request, signal) =>
      fetchWindowAnswer(
        request,
        async (query) => {
          const { rows, meta } = (await client.get(TRANSACTION_HISTORY_PATH, query, transactionHistorySchema, signal)).data;
          const total = meta?.total;
          return { rows, total: total !== undefined && Number.isSafeInteger(total) && total >= 0 ? total : null };
        },
        // WOO X's answer to a parameter it does not accept (-1004 unknown, -1005 wrong format; errors.ts).
        (error) => error instanceof PerpvolError && error.code === 'woox_request_refused',
      ),
    normalize: normalizeTransaction,
  };
  return walkPages(wooxWindows(paging), adapter, saved, options);
}
