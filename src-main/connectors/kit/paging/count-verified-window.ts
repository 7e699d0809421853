/**
 * Count-verified windows: a paging strategy for history APIs that count what they hold but page it
 * in ways their docs leave open (docs/adding-an-exchange.md, "Paging: count-verified windows and
 * gap walks", has the rules in full).
 */
import { z } from 'zod';
import type { SyncCursor } from '../connector.ts';
import type { PagePosition, PagingStep, PagingStrategy } from '../page-walker.ts';
import { readVersionedCursor, writeCursor } from '../versioned-cursor.ts';

const ms = z.number().int();
const count = z.number().int().nonnegative();

/** How far one method has read a window; the adapter's method fields sit beside these in `walk`. */
const WalkCountsSchema = z.object({
  method: z.string(),
  /** The window [start, end]; `endTime` is what whole-window requests send (end + 1 for a pass's last). */
  start: ms,
  end: ms,
  endTime: ms,
  /** The exchange's count of the window; null while (or when) it gives none. */
  total: count.nullable(),
  /** Distinct rows this method has read; most rows any earlier method of this window read. */
  counted: count,
  bestCounted: count,
  requests: count,
});
export type WindowWalk<S> = z.infer<typeof WalkCountsSchema> & S;
type WindowBounds = Pick<WindowWalk<object>, 'start' | 'end' | 'endTime'>;

const PassSchema = z.object({
  v: z.number(),
  backfill: z.boolean(),
  passStart: ms,
  passEnd: ms,
  windowStart: ms,
  /** Set once a pass has finished: history is proven complete up to this time. */
  doneUntil: ms.nullable(),
  /** The page size the exchange has accepted (lowered when it refuses a larger one). */
  pageLimit: z.number().int().positive(),
  /** The most rows one answer has carried: a shorter answer cannot have been cut by a page cap. */
  largestPage: count,
});
export type WindowPass<S> = z.infer<typeof PassSchema> & { walk: WindowWalk<S> | null };

/** What the walker asks the adapter to fetch (with `fetchWindowAnswer`). */
export interface WindowRequest<Request> {
  ask(limit: number): Request;
  /** The page size to ask, then smaller ones should the exchange refuse it: only a window's first request steps down. */
  sizes: readonly [number, ...number[]];
  /** A method after the first: the exchange may not offer it, and refusing it hands the window over. */
  optional: boolean;
}

/** One answer: its rows, the exchange's count of what was asked, the page size it was asked with. */
export type WindowAnswer<Row> = { rows: Row[]; total: number | null; limit: number } | 'unsupported';

/** One way of reading a window (the adapter's: its request and what its answers show). */
export interface WindowMethod<S, Row, Request> {
  name: string;
  /**
   * true: its answers run over the window (its first answer's count is the window's), exhausted by an
   * empty answer or one no page cap can have cut; false: exhausted by an answer with no row not yet counted.
   */
  countsWindow: boolean;
  request(walk: WindowWalk<S>, limit: number): Request;
  /**
   * The rows not counted yet (in the answer's order) and the method's fields for its next request
   * (`next: null`: it cannot go on past this answer); null: the answer shows the method does not work here.
   */
  take(walk: WindowWalk<S>, rows: readonly Row[]): { fresh: Row[]; next: Partial<S> | null } | null;
}

export interface CountVerifiedWindowOptions<S, Row, Request> {
  /** The cursor layout's version (an unreadable or older cursor begins a backfill). */
  version: number;
  /** How far back the exchange serves history: a backfill starts there. */
  historySpanMs: number;
  /** An incremental pass starts this long before where the last one finished. */
  overlapMs: number;
  windowMs: number;
  /** Page sizes to ask, largest first. */
  pageLimits: readonly number[];
  /** The ways to read a window, in the order they are tried. */
  methods: readonly [WindowMethod<S, Row, Request>, ...WindowMethod<S, Row, Request>[]];
  /** Every method's fields for a fresh window, and their schema for reading a saved cursor. */
  blank(bounds: WindowBounds): S;
  walkFields: z.ZodRawShape;
  /** The error for a window no method could finish; `read` is the most rows any method read. */
  incomplete(window: WindowBounds, total: number | null, read: number): Error;
}

interface Reading<S, Row> {
  fresh: Row[];
  verdict: 'more' | 'complete' | 'failed';
  walk: WindowWalk<S>;
}

export function countVerifiedWindows<S, Row, Request>(
  options: CountVerifiedWindowOptions<S, Row, Request>,
): PagingStrategy<WindowPass<S>, WindowRequest<Request>, WindowAnswer<Row>, Row> {
  const { methods, pageLimits } = options;
  const methodOf = (walk: WindowWalk<S>) => methods.find((method) => method.name === walk.method)!;
  const names = methods.map((method) => method.name) as [string, ...string[]];
  const walkSchema = WalkCountsSchema.extend({ method: z.enum(names), ...options.walkFields });
  const passSchema = PassSchema.extend({ v: z.literal(options.version), walk: walkSchema.nullable() }) as unknown as z.ZodType<WindowPass<S>>;

  const startWalk = (method: WindowMethod<S, Row, Request>, bounds: WindowBounds, total: number | null, bestCounted: number): WindowWalk<S> => ({
    method: method.name,
    start: bounds.start,
    end: bounds.end,
    endTime: bounds.endTime,
    total,
    counted: 0,
    bestCounted,
    requests: 0,
    ...options.blank(bounds),
  });
  const walkOf = (pass: WindowPass<S>): WindowWalk<S> => {
    if (pass.walk) return pass.walk;
    const end = Math.min(pass.windowStart + options.windowMs, pass.passEnd);
    return startWalk(methods[0], { start: pass.windowStart, end, endTime: end === pass.passEnd ? end + 1 : end }, null, 0);
  };

  return {
    begin(saved: SyncCursor | null, now: number): WindowPass<S> {
      const pass = readVersionedCursor({ current: passSchema }, saved);
      const oldestServed = now - options.historySpanMs;
      if (pass === null) {
        return {
          v: options.version,
          backfill: true,
          passStart: oldestServed,
          passEnd: now,
          windowStart: oldestServed,
          doneUntil: null,
          pageLimit: pageLimits[0]!,
          largestPage: 0,
          walk: null,
        };
      }
      // An unfinished pass resumes where it stood; its open window keeps its bounds (they are in `walk`).
      if (pass.doneUntil === null) return { ...pass, passEnd: Math.max(pass.passEnd, now) };
      const start = Math.max(pass.doneUntil - options.overlapMs, oldestServed);
      return { ...pass, backfill: false, passStart: start, passEnd: Math.max(now, start), windowStart: start, doneUntil: null, walk: null };
    },

    request(pass: WindowPass<S>): WindowRequest<Request> {
      const walk = walkOf(pass);
      const method = methodOf(walk);
      const limit = Math.min(pass.pageLimit, pageLimits[0]!);
      // The window's first request differs from ones accepted before only by its page size.
      const first = method === methods[0] && walk.requests === 0;
      return {
        ask: (size) => method.request(walk, size),
        sizes: [limit, ...(first ? pageLimits.filter((size) => size < limit) : [])],
        optional: method !== methods[0],
      };
    },

    absorb(pass: WindowPass<S>, answer: WindowAnswer<Row>): PagingStep<WindowPass<S>, Row> {
      const walk = walkOf(pass);
      let reading: Reading<S, Row> = { fresh: [], verdict: 'failed', walk };
      if (answer !== 'unsupported') {
        reading = read(methodOf(walk), walk, answer, pass.largestPage);
        pass = { ...pass, largestPage: Math.max(pass.largestPage, answer.rows.length), pageLimit: answer.limit };
      }
      const { fresh, verdict, walk: after } = reading;
      if (verdict === 'more') return { state: { ...pass, walk: after }, fresh, done: false };
      if (verdict === 'failed') {
        const method = methods[methods.indexOf(methodOf(after)) + 1];
        const best = Math.max(after.bestCounted, after.counted);
        if (method) return { state: { ...pass, walk: startWalk(method, after, after.total, best) }, fresh, done: false };
        // Keep what was read; resume this window from scratch next time, never past it.
        const failure = options.incomplete(after, after.total, Math.min(best, after.total ?? best));
        return { state: { ...pass, walk: null }, fresh, done: false, failure };
      }
      const done = after.end >= pass.passEnd;
      return { state: { ...pass, windowStart: after.end, walk: null, doneUntil: done ? pass.passEnd : null }, fresh, done };
    },

    position(pass: WindowPass<S>): PagePosition {
      const span = Math.max(1, pass.passEnd - pass.passStart);
      return {
        cursor: writeCursor(pass),
        progress: pass.doneUntil !== null ? 1 : Math.min(0.999, (pass.windowStart - pass.passStart) / span),
        coveredFrom: pass.passStart,
        coveredTo: pass.windowStart,
        ...(pass.backfill ? { historyLimitedBefore: pass.passStart } : {}),
      };
    },

    openRange(pass: WindowPass<S>) {
      // A window's first millisecond is also the last of the window before: each window hands its
      // fills over (the store keeps each trade once), and method after method hands them over once.
      const walk = walkOf(pass);
      return { from: walk.start + 1, to: walk.endTime };
    },
  };
}

/** One answer read by the window's current method, and the verdict on the window. */
function read<S, Row, Request>(
  method: WindowMethod<S, Row, Request>,
  walk: WindowWalk<S>,
  answer: Exclude<WindowAnswer<Row>, 'unsupported'>,
  largestPage: number,
): Reading<S, Row> {
  const { rows } = answer;
  const taken = method.take(walk, rows);
  if (!taken) return { fresh: [], verdict: 'failed', walk: { ...walk, requests: walk.requests + 1 } };
  const { fresh } = taken;
  const counted: WindowWalk<S> = {
    ...walk,
    total: method.countsWindow && walk.requests === 0 ? answer.total : walk.total,
    requests: walk.requests + 1,
    counted: walk.counted + fresh.length,
  };
  if (method.countsWindow ? rows.length === 0 : fresh.length === 0) return concluded(counted, fresh);
  if (counted.total !== null && counted.counted >= counted.total) {
    // More than the count: the exchange's count moved, or this method reads rows twice.
    return { fresh, verdict: counted.counted === counted.total ? 'complete' : 'failed', walk: counted };
  }
  // An answer as long as the page asked, or as any page seen, may have been cut by a page cap.
  const mayBeCut = rows.length >= answer.limit || rows.length >= largestPage;
  if (method.countsWindow && counted.total === null && !mayBeCut) return concluded(counted, fresh);
  if (!taken.next) return { fresh, verdict: 'failed', walk: counted };
  return { fresh, verdict: 'more', walk: { ...counted, ...taken.next } };
}

/**
 * The method has nothing more to read. With the exchange's count it must match; without one it
 * must have read at least as many rows as an earlier method that could not finish.
 */
function concluded<S, Row>(walk: WindowWalk<S>, fresh: Row[]): Reading<S, Row> {
  const whole = walk.total !== null ? walk.counted === walk.total : walk.counted >= walk.bestCounted;
  return { fresh, verdict: whole ? 'complete' : 'failed', walk };
}

/** The adapter's fetch of a WindowRequest: `get` one answer at its page sizes in turn while the exchange `refused` them. */
export async function fetchWindowAnswer<Request, Row>(
  request: WindowRequest<Request>,
  get: (request: Request) => Promise<{ rows: Row[]; total: number | null }>,
  refused: (error: unknown) => boolean,
): Promise<WindowAnswer<Row>> {
  const { sizes } = request;
  for (const [i, size] of sizes.entries()) {
    try {
      return { ...(await get(request.ask(size))), limit: size };
    } catch (error) {
      // Refused at the smallest page size: the refusal is not about the page size.
      if (!refused(error) || (i === sizes.length - 1 && !request.optional)) throw error;
    }
  }
  return 'unsupported';
}
