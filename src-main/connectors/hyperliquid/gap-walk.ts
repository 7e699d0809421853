/**
 * How one userFillsByTime answer proves part of a time range complete, whichever way Hyperliquid
 * reads what its docs leave open.
 *
 * The info endpoint (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint)
 * "Returns at most 2000 fills per response" and advises "use the last returned timestamp as the
 * next startTime", which implies the OLDEST 2,000 from an inclusive startTime. It does not say
 * whether endTime is inclusive, in which order rows come, or what happens when more than 2,000
 * fills share one millisecond. So nothing here relies on any of that:
 *
 * - An answer of fewer than 2,000 rows holds the whole range asked: the range is proven.
 * - A full answer whose rows span [tmin, tmax] holds every fill strictly between tmin and tmax
 *   under either reading of the cap (oldest 2,000 or newest 2,000). What is left to prove is
 *   [from, tmin] and [tmax, to]. One of them is settled by a single short answer (under the oldest
 *   reading the part below tmin is empty, under the newest the part above tmax), the other is
 *   walked on — so the documented reading costs one small extra request per full page.
 * - endTime is sent one millisecond past the range, so a fill on the last millisecond comes back
 *   whether endTime is inclusive or not. Rows outside the range are left to the range they belong
 *   to; if such rows filled an answer, the range is asked again with endTime exactly at its end.
 * - A full answer all in one millisecond cannot be paged further (there is nothing finer than a
 *   millisecond to ask by): that millisecond is reported as possibly incomplete and skipped.
 *
 * Every step replaces a range by strictly smaller ones or settles it, so a pass always ends.
 */
import type { Gap, UnreadableSpan } from './cursor.ts';
import { FILLS_PER_ANSWER } from './limits.ts';
import type { HlFill } from './schemas.ts';

export interface FillsRequest {
  startTime: number;
  endTime: number;
}

/** The inclusive last millisecond of a gap. */
export function gapEnd(gap: Gap, now: number): number {
  return gap.to ?? now;
}

export function requestFor(gap: Gap, now: number): FillsRequest {
  const end = gapEnd(gap, now);
  return { startTime: gap.from, endTime: gap.exactEnd ? end : end + 1 };
}

export interface GapOutcome {
  /** Rows of this gap not handed over before, oldest first (spot included: the caller filters). */
  fresh: HlFill[];
  /** Time of the oldest row of the gap the answer held, handed over before or not (null: none). */
  oldestServed: number | null;
  /** What replaces the gap on the stack (the next to ask last); empty = the gap is proven. */
  replacement: Gap[];
  /** Time that could not be read completely, if this answer found some. */
  unreadable: UnreadableSpan | null;
}

export function settleGap(gap: Gap, answer: readonly HlFill[], now: number): GapOutcome {
  const from = gap.from;
  const to = gapEnd(gap, now);
  const known = new Set(gap.known.flatMap(([, tids]) => tids));
  const rows = [...answer].sort((a, b) => a.time - b.time || a.tid - b.tid);
  const inGap = rows.filter((row) => row.time >= from && row.time <= to);
  const fresh: HlFill[] = [];
  for (const row of inGap) {
    if (known.has(row.tid)) continue;
    known.add(row.tid);
    fresh.push(row);
  }
  const oldestServed = inGap[0]?.time ?? null;
  if (answer.length < FILLS_PER_ANSWER) return { fresh, oldestServed, replacement: [], unreadable: null };

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
