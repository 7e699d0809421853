/**
 * Gap walks (docs/adding-an-exchange.md, "Paging: count-verified windows and gap walks"): paging for
 * history APIs that answer a time range with at most `perAnswer` rows and say nothing else. The
 * cursor holds the pieces of the pass not yet proven ("gaps", a stack, the next to ask last). The
 * next pass starts at the newest row seen, not at the last pass's "now": a row the exchange stamps
 * a little before our clock's "now" is not missed that way.
 *
 * What one answer proves about its gap, relying on nothing the docs leave open (which rows a full
 * answer keeps, endTime, order, ties):
 * - fewer than `perAnswer` rows: the whole range asked;
 * - a full answer spanning [tmin, tmax]: every row strictly between, under either reading of the
 *   cap (oldest N or newest N), so [from, tmin] and [tmax, to] are left — one of them is settled by
 *   a single short answer, so either reading costs one small extra request per full page;
 * - endTime is sent one millisecond past the range, so the last millisecond comes back whether
 *   endTime is inclusive or not; rows outside the range are left to the range they belong to;
 * - a full answer all in one millisecond cannot be paged further: it is unreadable, stepped over.
 * Every step replaces a range by strictly smaller ones or settles it, so a pass always ends.
 */
import { z } from 'zod';
import type { HistoryGap } from '../../../core/history-gap.ts';
import type { SyncCursor, UnprovenSpan } from '../connector.ts';
import type { PagePosition, PagingStep, PagingStrategy } from '../page-walker.ts';
import { readVersionedCursor, writeCursor, type OlderLayout } from '../versioned-cursor.ts';

const ms = z.number().int().nonnegative();
const tid = z.number().int();

/** What the walk needs of a row: its time (ms) and trade id. */
export interface EdgeRow {
  time: number;
  tid: number;
}

const GapSchema = z.object({
  /** First millisecond not yet proven (inclusive). */
  from: ms,
  /** Last millisecond (inclusive); null = up to the pass's "now", which moves on when a killed pass resumes. */
  to: ms.nullable(),
  /** [millisecond, tids] already handed over at `from` and `to`. */
  known: z.array(z.tuple([ms, z.array(tid)])),
  /** Ask with endTime = to (not to + 1): this server is known to read endTime inclusively. */
  exactEnd: z.boolean(),
});
export type Gap = z.infer<typeof GapSchema>;

/** Time the paging cannot prove complete: one millisecond holding a full answer (from = to), or a range a server would not answer. */
const UnreadableSpanSchema = z.object({ from: ms, to: ms, fillsRead: z.number().int().nonnegative() });
export type UnreadableSpan = z.infer<typeof UnreadableSpanSchema>;

export interface GapRequest {
  startTime: number;
  endTime: number;
}

/** The inclusive last millisecond of a gap. */
function gapEnd(gap: Gap, now: number): number {
  return gap.to ?? now;
}

export function requestFor(gap: Gap, now: number): GapRequest {
  const end = gapEnd(gap, now);
  return { startTime: gap.from, endTime: gap.exactEnd ? end : end + 1 };
}

export interface GapOutcome<Row> {
  /** Rows of this gap not handed over before, oldest first. */
  fresh: Row[];
  /** Time of the oldest row of the gap the answer held, handed over before or not (null: none). */
  oldestServed: number | null;
  /** What replaces the gap on the stack (the next to ask last); empty = the gap is proven. */
  replacement: Gap[];
  /** Time that could not be read completely, if this answer found some. */
  unreadable: UnreadableSpan | null;
}

export function settleGap<Row extends EdgeRow>(gap: Gap, answer: readonly Row[], now: number, perAnswer: number): GapOutcome<Row> {
  const from = gap.from;
  const to = gapEnd(gap, now);
  const known = new Set(gap.known.flatMap(([, tids]) => tids));
  const rows = [...answer].sort((a, b) => a.time - b.time || a.tid - b.tid);
  const inGap = rows.filter((row) => row.time >= from && row.time <= to);
  const fresh: Row[] = [];
  for (const row of inGap) {
    if (known.has(row.tid)) continue;
    known.add(row.tid);
    fresh.push(row);
  }
  const oldestServed = inGap[0]?.time ?? null;
  if (answer.length < perAnswer) return { fresh, oldestServed, replacement: [], unreadable: null };

  /** tids handed over (before or now) at millisecond `at`, for a new gap edge there. */
  const knownAt = (at: number): [number, number[]] => [
    at,
    [...new Set([...gap.known.filter(([t]) => t === at).flatMap(([, tids]) => tids), ...inGap.filter((r) => r.time === at).map((r) => r.tid)])],
  ];
  const gapOf = (start: number, end: number | null): Gap => {
    const edges = end === null || end === start ? [start] : [start, end];
    return { from: start, to: end, known: edges.map(knownAt).filter(([, tids]) => tids.length > 0), exactEnd: gap.exactEnd };
  };
  // Keeps the open end (null) of the gap on its upper piece, so a resumed pass still reaches "now".
  const upperEnd = gap.to;

  if (inGap.length < rows.length && !gap.exactEnd) {
    // Rows past the gap's end took room in a full answer: endTime is read inclusively here.
    return { fresh, oldestServed, replacement: [{ ...gapOf(from, gap.to), exactEnd: true }], unreadable: null };
  }
  if (inGap.length === 0) {
    // A full answer with nothing in the range asked: nothing about the range can be proven.
    return { fresh, oldestServed, replacement: [], unreadable: { from, to, fillsRead: 0 } };
  }
  const tmin = inGap[0]!.time;
  const tmax = inGap.at(-1)!.time;
  if (tmin < tmax) {
    // Lower piece on top: under the documented reading it is settled at once, keeping the stack short.
    return { fresh, oldestServed, replacement: [gapOf(tmax, upperEnd), gapOf(from, tmin)], unreadable: null };
  }
  const replacement: Gap[] = [];
  if (tmin + 1 <= to) replacement.push(gapOf(tmin + 1, upperEnd));
  if (from <= tmin - 1) replacement.push(gapOf(from, tmin - 1));
  return { fresh, oldestServed, replacement, unreadable: { from: tmin, to: tmin, fillsRead: knownAt(tmin)[1].length } };
}

/** The account keeps at most this many unreadable spans (the newest); one is already rare. */
const MAX_UNREADABLE_REPORTS = 20;
/** Progress stays below 1 until the final page says the pass is done. */
const MAX_UNFINISHED_PROGRESS = 0.99;

const cursorFields = {
  /** 'backfill' walks all served history once; 'incremental' continues from the newest row seen. */
  pass: z.enum(['backfill', 'incremental']),
  /** Where the current (or last) pass began, inclusive. */
  passStart: ms,
  /** Stack of ranges still to prove, the next one last; empty once the pass is complete. */
  gaps: z.array(GapSchema),
  /** Newest row time handed over so far, and the tids handed over at it: the next pass starts there. */
  resumeFrom: ms,
  tidsAtResume: z.array(tid),
  oldestFill: ms.nullable(),
  /**
   * Oldest row time the exchange served in this pass's range, rows handed over before included: in
   * an incremental pass that met the cap, newer than the pass's start means rows in between may be
   * gone for good (a history gap). Absent in cursors written before it was kept.
   */
  oldestServed: ms.nullable().default(null),
  /** Rows of any market handed over in this pass: a backfill reaching the cap means history was cut. */
  servedInPass: z.number().int().nonnegative(),
  /** Oldest row time the exchange still serves, once the account is known to exceed the cap. */
  historyLimitedBefore: ms.nullable(),
  /** Progress shown so far in this pass (never goes back). */
  progress: z.number().min(0).max(1),
  /** Spans whose rows could not all be read, over the account's life (newest last). */
  unreadable: z.array(UnreadableSpanSchema),
};
export type GapWalkCursor = { v: number } & z.infer<z.ZodObject<typeof cursorFields>>;

/** Where a pages() call stands: the cursor it saves, and its "now" (where open gaps end). */
export interface GapWalkState {
  cursor: GapWalkCursor;
  now: number;
}

export interface GapWalkOptions {
  /** The cursor layout's version, and the older layouts carried forward (the rest begin a backfill). */
  version: number;
  older?: readonly OlderLayout<GapWalkCursor>[];
  /** Most rows one answer carries: a shorter answer holds its whole range. */
  perAnswer: number;
  /** The exchange serves only this many most recent rows. */
  servedCap: number;
  /** What an unreadable span means for the account, in the exchange's words. */
  describeUnreadable(span: UnreadableSpan): string;
}

/** A first backfill, from the epoch: the exchange serves what it still has, so asking from 0 costs nothing extra. */
export function initialGapWalk(version: number): GapWalkCursor {
  return {
    v: version,
    pass: 'backfill',
    passStart: 0,
    gaps: [{ from: 0, to: null, known: [], exactEnd: false }],
    resumeFrom: 0,
    tidsAtResume: [],
    oldestFill: null,
    oldestServed: null,
    servedInPass: 0,
    historyLimitedBefore: null,
    progress: 0,
    unreadable: [],
  };
}

/** The cursor a call to pages() works from: the pass in progress, or a new incremental one. */
export function beginPass(cursor: GapWalkCursor): GapWalkCursor {
  if (cursor.gaps.length > 0) return cursor;
  const from = cursor.resumeFrom;
  return {
    ...cursor,
    pass: 'incremental',
    passStart: from,
    gaps: [{ from, to: null, known: [[from, cursor.tidsAtResume]], exactEnd: false }],
    oldestFill: null,
    oldestServed: null,
    servedInPass: 0,
    progress: 0,
  };
}

export function gapWalk<Row extends EdgeRow>(options: GapWalkOptions): PagingStrategy<GapWalkState, GapRequest, readonly Row[], Row> {
  const schema = z.object({ v: z.literal(options.version), ...cursorFields }) as unknown as z.ZodType<GapWalkCursor>;
  return {
    begin(saved: SyncCursor | null, now: number): GapWalkState {
      const cursor = readVersionedCursor({ current: schema, older: options.older ?? [] }, saved) ?? initialGapWalk(options.version);
      return { cursor: beginPass(cursor), now };
    },

    request: ({ cursor, now }) => requestFor(cursor.gaps.at(-1)!, now),

    absorb({ cursor, now }, answer): PagingStep<GapWalkState, Row> {
      const outcome = settleGap(cursor.gaps.at(-1)!, answer, now, options.perAnswer);
      const gaps = [...cursor.gaps.slice(0, -1), ...outcome.replacement];
      const newest = outcome.fresh.at(-1);
      const resumeFrom = newest && newest.time >= cursor.resumeFrom ? newest.time : cursor.resumeFrom;
      const tidsAtResume = [
        ...(resumeFrom === cursor.resumeFrom ? cursor.tidsAtResume : []),
        ...outcome.fresh.filter((row) => row.time === resumeFrom).map((row) => row.tid),
      ];
      const oldestFill = Math.min(cursor.oldestFill ?? Infinity, outcome.fresh[0]?.time ?? Infinity);
      const oldestServed = Math.min(cursor.oldestServed ?? Infinity, outcome.oldestServed ?? Infinity);
      const servedInPass = cursor.servedInPass + outcome.fresh.length;
      const next: GapWalkCursor = {
        ...cursor,
        gaps,
        resumeFrom,
        tidsAtResume,
        oldestFill: Number.isFinite(oldestFill) ? oldestFill : null,
        oldestServed: Number.isFinite(oldestServed) ? oldestServed : null,
        servedInPass,
        historyLimitedBefore:
          cursor.historyLimitedBefore ?? (cursor.pass === 'backfill' && servedInPass >= options.servedCap && Number.isFinite(oldestFill) ? oldestFill : null),
        unreadable: outcome.unreadable ? withReport(cursor.unreadable, outcome.unreadable) : cursor.unreadable,
      };
      const done = gaps.length === 0;
      next.progress = done ? 1 : Math.max(cursor.progress, estimateProgress(next, now));
      return { state: { cursor: next, now }, fresh: outcome.fresh, done };
    },

    position({ cursor }, now, done): PagePosition {
      const backfill = cursor.pass === 'backfill';
      const coveredFrom = backfill ? cursor.oldestFill : cursor.passStart;
      const position: PagePosition = {
        cursor: writeCursor(cursor),
        progress: cursor.progress,
        coveredFrom,
        coveredTo: done ? now : provenUpTo(cursor.gaps, coveredFrom),
        unproven: cursor.unreadable.map((span): UnprovenSpan => ({ ...span, detail: options.describeUnreadable(span) })),
      };
      if (backfill && cursor.historyLimitedBefore !== null) position.historyLimitedBefore = cursor.historyLimitedBefore;
      const gap = done ? passGap(cursor, options.servedCap, now) : null;
      if (gap) position.historyGaps = [gap];
      return position;
    },

    openRange: ({ cursor, now }) => ({
      from: Math.min(...cursor.gaps.map((gap) => gap.from)),
      to: Math.max(...cursor.gaps.map((gap) => gapEnd(gap, now))),
    }),
  };
}

/**
 * The stretch an incremental pass could not read because the cap cut into it: the pass was served
 * the cap in full and nothing as old as where it began (the rows handed over there would have come
 * back). Rows between where the last pass stopped and the oldest row served may be missing.
 * (Exactly the cap in new rows looks the same and loses nothing: the exchange's own figures tell.)
 */
function passGap(cursor: GapWalkCursor, servedCap: number, now: number): HistoryGap | null {
  if (cursor.pass !== 'incremental' || cursor.servedInPass < servedCap) return null;
  if (cursor.oldestServed !== null && cursor.oldestServed <= cursor.passStart) return null;
  return { from: cursor.passStart, to: cursor.oldestServed ?? now };
}

/** The reports with `found` added, or merged into the report of the same span (met again by a later pass). */
function withReport(reports: UnreadableSpan[], found: UnreadableSpan): UnreadableSpan[] {
  const same = reports.find((report) => report.from === found.from && report.to === found.to);
  const merged = same ? { ...found, fillsRead: Math.max(same.fillsRead, found.fillsRead) } : found;
  return [...reports.filter((report) => report !== same), merged].slice(-MAX_UNREADABLE_REPORTS);
}

/** Newest time up to which everything from the pass's start is proven, or null. */
function provenUpTo(gaps: Gap[], coveredFrom: number | null): number | null {
  const firstUnproven = Math.min(...gaps.map((gap) => gap.from));
  return coveredFrom !== null && firstUnproven - 1 >= coveredFrom ? firstUnproven - 1 : null;
}

/** Share of the range (from the oldest row seen) no longer waiting to be proven. */
function estimateProgress(cursor: GapWalkCursor, now: number): number {
  const from = cursor.pass === 'backfill' ? cursor.oldestFill : cursor.passStart;
  if (from === null || now <= from) return 0;
  const pending = cursor.gaps.reduce((sum, gap) => sum + Math.max(0, gapEnd(gap, now) - Math.max(gap.from, from)), 0);
  return Math.min(MAX_UNFINISHED_PROGRESS, Math.max(0, 1 - pending / (now - from)));
}
