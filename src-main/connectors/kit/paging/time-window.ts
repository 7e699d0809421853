/**
 * Paging strategy "time window + API page cursor" (Bybit's execution list, Paradex's fills):
 * docs/adding-an-exchange.md, "Paging". The saved cursor says where the next request goes (a kill
 * repeats at most a page).
 */
import type { SyncCursor } from '../connector.ts';
import { LoopGuard } from '../loop-guard.ts';
import type { PagePosition, PagingStep, PagingStrategy } from '../page-walker.ts';
import { readVersionedCursor, writeCursor, type CursorFormat } from '../versioned-cursor.ts';

export interface WindowPass<Learned> {
  /** Oldest time the pass asks for; null: no lower bound (the one window starts at the account's first fill). */
  start: number | null;
  end: number;
  /** Start of the window being walked; null with `start` null. */
  windowStart: number | null;
  queryIndex: number;
  /** The API's cursor inside the current query; null = its first page. */
  pageCursor: string | null;
  /** What is left of the current query's range after committed pages (narrowing walks); null = the window's bound. */
  resumeFrom: number | null;
  resumeTo: number | null;
  learned: Learned;
}

/** The strategy's position; each exchange keeps its own persisted layout of it (`cursor` below). */
export interface WindowCursor<Learned> {
  /** Oldest time any pass asked for, when passes have a lower bound. */
  syncedFrom: number | null;
  syncedTo: number | null;
  /** Oldest row time seen, for passes without a lower bound. */
  oldestSeen: number | null;
  pass: WindowPass<Learned> | null;
}

export interface WindowRequest<Query> {
  query: Query;
  /** null: no lower bound. */
  from: number | null;
  to: number;
  pageCursor: string | null;
}

export interface TimeWindowOptions<Query, Answer, Row, Learned, Layout extends object = object> {
  label: string;
  /** Longest span one request may ask for (Infinity: one window per pass). */
  windowMs: number;
  windowOverlapMs: number;
  lateFillOverlapMs: number;
  /** How far back a backfill asks; null: without a lower bound. Also reported as `historyLimitedBefore`. */
  historyMs: number | null;
  /** For progress only, where a pass without a lower bound may begin (the exchange's launch). */
  earliest?: number;
  queries: readonly Query[];
  cursor: { format: CursorFormat<Layout>; toWindow(layout: Layout): WindowCursor<Learned>; fromWindow(at: WindowCursor<Learned>): Layout };
  learned: Learned;
  /** The rows of an answer and the page cursor it hands back (null: the query is complete). */
  page(answer: Answer): { rows: readonly Row[]; next: string | null };
  rowTime(row: Row): number;
  /** Names a query's pages for the loop guard's error. */
  describe(request: WindowRequest<Query>): string;
  learn?(learned: Learned, query: Query, rows: readonly Row[]): Learned;
  skip?(query: Query, learned: Learned): boolean;
  /** What is left of a query's range after a page whose rows run from `first` to `last` (ms). */
  narrow?(
    remaining: { from: number | null; to: number },
    learned: Learned,
    times: { first: number; last: number },
  ): { remaining: { from: number | null; to: number }; learned: Learned };
}

interface State<Learned> {
  at: WindowCursor<Learned>;
  /** The range the current chain of page cursors was started with. */
  chain: { from: number | null; to: number } | null;
  /** Refuses page cursors that walk in a circle, for this call to pages(). */
  guard: LoopGuard;
}

export function timeWindowPaging<Query, Answer, Row, Learned, Layout extends object>(
  options: TimeWindowOptions<Query, Answer, Row, Learned, Layout>,
): PagingStrategy<State<Learned>, WindowRequest<Query>, Answer, Row> {
  const { windowMs, queries } = options;
  const step = windowMs - options.windowOverlapMs;
  /** A query from its first page, over the whole window. */
  const fresh = { pageCursor: null, resumeFrom: null, resumeTo: null };

  const windowEnd = (pass: WindowPass<Learned>): number => (pass.windowStart === null ? pass.end : Math.min(pass.windowStart + windowMs, pass.end));
  const remaining = (pass: WindowPass<Learned>) => ({ from: pass.resumeFrom ?? pass.windowStart, to: pass.resumeTo ?? windowEnd(pass) });
  /** The request `state` sends: a chain of page cursors keeps the range it was started with. */
  const requestOf = (state: State<Learned>): WindowRequest<Query> => {
    const pass = state.at.pass!;
    const range = pass.pageCursor !== null && state.chain ? state.chain : remaining(pass);
    return { query: queries[pass.queryIndex]!, ...range, pageCursor: pass.pageCursor };
  };
  const firstQuery = (index: number, learned: Learned): number => {
    while (index < queries.length && options.skip?.(queries[index]!, learned)) index += 1;
    return index;
  };

  /** After a query's last page: the window's next query, else the next window, else the pass is done. */
  function advance(at: WindowCursor<Learned>, pass: WindowPass<Learned>): WindowCursor<Learned> {
    const queryIndex = firstQuery(pass.queryIndex + 1, pass.learned);
    if (queryIndex < queries.length) return { ...at, pass: { ...pass, ...fresh, queryIndex } };
    if (windowEnd(pass) < pass.end) {
      return { ...at, pass: { ...pass, ...fresh, windowStart: pass.windowStart! + step, queryIndex: firstQuery(0, pass.learned) } };
    }
    return { ...at, syncedTo: pass.end, pass: null };
  }

  function progress(pass: WindowPass<Learned>): number {
    const oneWindow = pass.start === null || pass.windowStart === null || !Number.isFinite(windowMs);
    const windows = oneWindow ? 1 : 1 + Math.max(0, Math.ceil((pass.end - pass.start! - windowMs) / step));
    const windowIndex = oneWindow ? 0 : Math.floor((pass.windowStart! - pass.start!) / step);
    let inQuery = pass.pageCursor ? 0.5 : 0;
    if (options.narrow) {
      const lower = pass.windowStart ?? options.earliest ?? windowEnd(pass);
      const left = remaining(pass);
      const span = windowEnd(pass) - lower;
      inQuery = span > 0 ? Math.min(1, Math.max(0, 1 - (left.to - (left.from ?? lower)) / span)) : 0;
    }
    const done = windowIndex * queries.length + pass.queryIndex + inQuery;
    return Math.min(0.999, Math.max(0, done / (windows * queries.length)));
  }

  /** Newest time before which the history is complete, as far as this pass shows. */
  function coveredTo(at: WindowCursor<Learned>): number | null {
    const { pass } = at;
    if (pass === null) return at.syncedTo;
    let best = at.syncedTo ?? -Infinity;
    // The window before this one reached at least the overlap into this one.
    if (pass.windowStart !== null) best = Math.max(best, pass.windowStart - 1);
    if (pass.resumeFrom !== null) best = Math.max(best, pass.resumeFrom);
    if (pass.resumeTo !== null) best = Math.max(best, windowEnd(pass));
    return best > -Infinity && best >= (at.syncedFrom ?? -Infinity) ? best : null;
  }

  /** Where a call to pages() starts: the saved pass, or a new one after the last. */
  function startAt(saved: SyncCursor | null, now: number): WindowCursor<Learned> {
    const layout = readVersionedCursor(options.cursor.format, saved);
    const read = layout && options.cursor.toWindow(layout);
    if (read?.pass) {
      // A narrowing walk keeps the end it started with: its remaining range was cut from that end.
      const end = options.narrow ? read.pass.end : Math.max(read.pass.end, now);
      return { ...read, syncedFrom: read.syncedFrom ?? read.pass.start, pass: { ...read.pass, end } };
    }
    const horizon = options.historyMs === null ? null : now - options.historyMs;
    const start = read?.syncedTo != null ? Math.max(horizon ?? 0, read.syncedTo - options.lateFillOverlapMs) : horizon;
    const syncedFrom = read?.syncedFrom != null && start !== null ? Math.min(read.syncedFrom, start) : start;
    const { learned } = options;
    // max(): a clock set back since the last pass must not ask for an end before the start.
    const pass: WindowPass<Learned> = { ...fresh, start, end: Math.max(now, start ?? now), windowStart: start, queryIndex: firstQuery(0, learned), learned };
    return { syncedFrom, syncedTo: read?.syncedTo ?? null, oldestSeen: read?.oldestSeen ?? null, pass };
  }

  return {
    begin: (saved, now) => ({ at: startAt(saved, now), chain: null, guard: new LoopGuard(options.label) }),

    request: requestOf,

    absorb(state, answer): PagingStep<State<Learned>, Row> {
      const pass = state.at.pass!;
      const request = requestOf(state);
      const { rows, next } = options.page(answer);
      let learned = options.learn ? options.learn(pass.learned, request.query, rows) : pass.learned;
      let { resumeFrom, resumeTo } = pass;
      let oldestSeen = state.at.oldestSeen;
      if (rows.length > 0) {
        const times = rows.map(options.rowTime);
        oldestSeen = Math.min(oldestSeen ?? Infinity, ...times);
        if (options.narrow) {
          const narrowed = options.narrow(remaining(pass), learned, { first: times[0]!, last: times.at(-1)! });
          ({ learned } = narrowed);
          // Kept only where it cuts the window, so an untouched range saves as the window itself.
          resumeFrom = narrowed.remaining.from === pass.windowStart ? null : narrowed.remaining.from;
          resumeTo = narrowed.remaining.to === windowEnd(pass) ? null : narrowed.remaining.to;
        }
      }
      const { guard } = state;
      guard.enter(`${pass.windowStart}:${pass.queryIndex}:${request.from}:${request.to}`, pass.pageCursor);
      const followed = guard.follow(next, rows.length, () => options.describe(request));
      const read = { ...state.at, oldestSeen, pass: { ...pass, learned, resumeFrom, resumeTo } };
      if (followed !== null) {
        return { state: { at: { ...read, pass: { ...read.pass, pageCursor: followed } }, chain: { from: request.from, to: request.to }, guard }, fresh: rows, done: false };
      }
      const at = advance(read, read.pass);
      return { state: { at, chain: null, guard }, fresh: rows, done: at.pass === null };
    },

    position({ at }, now): PagePosition {
      // A narrowing walk resumes by its range: the API's cursor may have expired by then.
      const kept = at.pass && options.narrow ? { ...at, pass: { ...at.pass, pageCursor: null } } : at;
      return {
        cursor: writeCursor(options.cursor.fromWindow(kept)),
        progress: at.pass === null ? 1 : progress(at.pass),
        coveredFrom: at.syncedFrom ?? at.oldestSeen ?? (at.pass === null ? at.syncedTo : null),
        coveredTo: coveredTo(at),
        ...(options.historyMs === null ? {} : { historyLimitedBefore: now - options.historyMs }),
      };
    },

    openRange({ at }) {
      if (at.pass === null) return null;
      return { from: at.pass.resumeFrom ?? at.pass.windowStart ?? -Infinity, to: at.pass.resumeTo ?? at.pass.end };
    },
  };
}
