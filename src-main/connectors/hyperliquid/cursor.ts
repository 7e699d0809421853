/**
 * Where a Hyperliquid account's sync stands, as the JSON the sync engine stores with each page.
 *
 * A pass proves a time range complete piece by piece (gap-walk.ts): the cursor holds the pieces
 * not yet proven ("gaps", a stack), each with the trade ids already handed over at its two edge
 * milliseconds, since fills sharing one millisecond may straddle two answers. Between passes the
 * stack is empty and the next pass starts at the newest fill seen, not at the last pass's "now":
 * a fill Hyperliquid stamps a little before our clock's "now" is not missed that way.
 */
import { z } from 'zod';
import type { SyncCursor } from '../kit/connector.ts';
import { readVersionedCursor, writeCursor as plainJson } from '../kit/versioned-cursor.ts';

const ms = z.number().int().nonnegative();
const tid = z.number().int();

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

/**
 * Time Hyperliquid's paging cannot prove complete: a single millisecond holding more fills than one
 * answer carries (from = to), or, from a server that ignores the range asked, a whole range.
 */
const UnreadableSpanSchema = z.object({ from: ms, to: ms, fillsRead: z.number().int().nonnegative() });
export type UnreadableSpan = z.infer<typeof UnreadableSpanSchema>;
/** The account keeps at most this many such reports (the newest); one is already rare. */
export const MAX_UNREADABLE_REPORTS = 20;

const CursorSchema = z.object({
  v: z.literal(2),
  /** 'backfill' walks all served history once; 'incremental' continues from the newest fill seen. */
  pass: z.enum(['backfill', 'incremental']),
  /** Where the current (or last) pass began, inclusive. */
  passStart: ms,
  /** Stack of ranges still to prove, the next one last; empty once the pass is complete. */
  gaps: z.array(GapSchema),
  /** Newest fill time handed over so far: the next pass starts there. */
  resumeFrom: ms,
  /** tids at `resumeFrom` already handed over. */
  tidsAtResume: z.array(tid),
  /** Oldest fill time seen in this pass. */
  oldestFill: ms.nullable(),
  /**
   * Oldest fill time Hyperliquid served in this pass's range, fills handed over before included: in
   * an incremental pass that met the 10,000-fill cap, newer than the pass's start means fills in
   * between may be gone for good (a history gap). Absent in cursors written before it was kept.
   */
  oldestServed: ms.nullable().default(null),
  /** Fills of any market handed over in this backfill pass: reaching the 10,000 cap means history was cut. */
  servedInPass: z.number().int().nonnegative(),
  /** Oldest fill time Hyperliquid still serves, once the account is known to exceed the cap. */
  historyLimitedBefore: ms.nullable(),
  /** Progress shown so far in this pass (never goes back). */
  progress: z.number().min(0).max(1),
  /** Spans whose fills could not all be read, over the account's life (newest last). */
  unreadable: z.array(UnreadableSpanSchema),
});
export type HyperliquidCursor = z.infer<typeof CursorSchema>;

/** The layout before gaps: one forward position (startTime + tids taken there). */
const CursorV1Schema = z.object({
  v: z.literal(1),
  pass: z.enum(['backfill', 'incremental']),
  startTime: ms,
  tidsAtStart: z.array(tid),
  passFrom: z.number().int().nullable(),
  servedInPass: z.number().int().nonnegative(),
  historyLimitedBefore: z.number().int().nullable(),
});

export function initialCursor(): HyperliquidCursor {
  // From the epoch: the exchange serves what it still has, so asking from 0 costs nothing extra.
  return {
    v: 2,
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
export function beginPass(cursor: HyperliquidCursor): HyperliquidCursor {
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

/** The saved cursor, or a new backfill when there is none or it cannot be read (kit/versioned-cursor.ts). */
export function readCursor(stored: SyncCursor | null): HyperliquidCursor {
  return readVersionedCursor({ current: CursorSchema, older: [{ schema: CursorV1Schema, upgrade: fromV1 }] }, stored) ?? initialCursor();
}

/** A v1 position becomes the gap from it to "now"; a v1 incremental cursor is a finished pass. */
function fromV1(old: z.infer<typeof CursorV1Schema>): HyperliquidCursor {
  const base = { ...initialCursor(), resumeFrom: old.startTime, tidsAtResume: old.tidsAtStart, historyLimitedBefore: old.historyLimitedBefore };
  if (old.pass === 'incremental') return { ...base, pass: 'incremental', gaps: [] };
  return {
    ...base,
    passStart: old.passFrom ?? old.startTime,
    gaps: [{ from: old.startTime, to: null, known: [[old.startTime, old.tidsAtStart]], exactEnd: false }],
    oldestFill: old.passFrom,
    servedInPass: old.servedInPass,
  };
}

export function writeCursor(cursor: HyperliquidCursor): SyncCursor {
  return plainJson(cursor);
}
