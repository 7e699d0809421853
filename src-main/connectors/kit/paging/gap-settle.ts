/**
 * What one answer of a gap walk (gap-walk.ts) proves about the gap it was asked for, relying on
 * nothing the docs leave open (which rows a full answer keeps, endTime, order, ties):
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

/** What the walk needs of a row: its time (ms) and trade id. */
export interface EdgeRow {
  time: number;
  tid: number;
}

const ms = z.number().int().nonnegative();
const tid = z.number().int();

export const GapSchema = z.object({
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
export const UnreadableSpanSchema = z.object({ from: ms, to: ms, fillsRead: z.number().int().nonnegative() });
export type UnreadableSpan = z.infer<typeof UnreadableSpanSchema>;

export interface GapRequest {
  startTime: number;
  endTime: number;
}

/** The inclusive last millisecond of a gap. */
export function gapEnd(gap: Gap, now: number): number {
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
