/**
 * Walks userFillsByTime from the cursor to `now`, one answer per page, until every part of the
 * pass's range is proven complete (gap-walk.ts says how an answer proves what).
 *
 * Hyperliquid serves only the 10,000 most recent fills. The first backfill reports where that cut
 * its history (historyLimitedBefore); every later pass checks it too: when more than 10,000 fills
 * happened since the pass before, the oldest fill served is newer than where that pass stopped, and
 * the stretch between is a history gap the account reports (FillPage.historyGaps) until a CSV
 * import fills it. Hyperliquid gives no count of fills to check a pass against; its own volume
 * figures (userFees dailyUserVlm: fee-tier volume incl. spot and sub-accounts; portfolio
 * perpAllTime) are fetched by reported-volume.ts and shown beside ours by the reconciliation and
 * the gap's warning.
 */
import { utcDay } from '../../core/days.ts';
import type { HistoryGap } from '../../core/history-gap.ts';
import type { FillPage, PageOptions, UnprovenSpan } from '../kit/connector.ts';
import { sortRows } from '../kit/normalized-row.ts';
import type { HyperliquidInfoClient } from './client.ts';
import { beginPass, MAX_UNREADABLE_REPORTS, writeCursor, type Gap, type HyperliquidCursor, type UnreadableSpan } from './cursor.ts';
import { gapEnd, requestFor, settleGap } from './gap-walk.ts';
import { FILLS_PER_ANSWER, FILLS_REQUEST_WEIGHT, SERVED_FILLS_CAP } from './limits.ts';
import { normalizeFill } from './normalize.ts';
import { HlFillsSchema } from './schemas.ts';

/** Progress stays below 1 until the final page says the pass is done. */
const MAX_UNFINISHED_PROGRESS = 0.99;

export async function* hyperliquidPages(
  client: HyperliquidInfoClient,
  address: string,
  start: HyperliquidCursor,
  options: PageOptions,
): AsyncGenerator<FillPage> {
  let cursor = beginPass(start);
  for (;;) {
    const gap = cursor.gaps.at(-1)!;
    const rows = await client.info(
      // aggregateByTime sent as false: each partial fill is a row with its own tid, as we count them.
      { type: 'userFillsByTime', user: address, ...requestFor(gap, options.now), aggregateByTime: false },
      HlFillsSchema,
      FILLS_REQUEST_WEIGHT,
      options.signal,
    );
    const outcome = settleGap(gap, rows, options.now);
    const gaps = [...cursor.gaps.slice(0, -1), ...outcome.replacement];
    const backfill = cursor.pass === 'backfill';
    const newest = outcome.fresh.at(-1);
    const resumeFrom = newest && newest.time >= cursor.resumeFrom ? newest.time : cursor.resumeFrom;
    const tidsAtResume = [
      ...(resumeFrom === cursor.resumeFrom ? cursor.tidsAtResume : []),
      ...outcome.fresh.filter((row) => row.time === resumeFrom).map((row) => row.tid),
    ];
    const oldestFill = Math.min(cursor.oldestFill ?? Infinity, outcome.fresh[0]?.time ?? Infinity);
    const oldestServed = Math.min(cursor.oldestServed ?? Infinity, outcome.oldestServed ?? Infinity);
    const servedInPass = cursor.servedInPass + outcome.fresh.length;
    const unreadable = outcome.unreadable ? withReport(cursor.unreadable, outcome.unreadable) : cursor.unreadable;
    const next: HyperliquidCursor = {
      ...cursor,
      gaps,
      resumeFrom,
      tidsAtResume,
      oldestFill: Number.isFinite(oldestFill) ? oldestFill : null,
      oldestServed: Number.isFinite(oldestServed) ? oldestServed : null,
      servedInPass,
      historyLimitedBefore:
        cursor.historyLimitedBefore ?? (backfill && servedInPass >= SERVED_FILLS_CAP && Number.isFinite(oldestFill) ? oldestFill : null),
      unreadable,
    };
    const done = gaps.length === 0;
    next.progress = done ? 1 : Math.max(cursor.progress, estimateProgress(next, options.now));
    const coveredFrom = backfill ? next.oldestFill : next.passStart;
    const { fills, unclassified } = sortRows(outcome.fresh.map(normalizeFill));
    const page: FillPage = {
      fills,
      ...(unclassified.length > 0 ? { unclassified } : {}),
      cursor: writeCursor(next),
      progress: next.progress,
      coveredFrom,
      coveredTo: done ? options.now : provenUpTo(gaps, coveredFrom),
      unproven: unreadable.map(describeUnreadable),
    };
    if (backfill && next.historyLimitedBefore !== null) page.historyLimitedBefore = next.historyLimitedBefore;
    if (done) {
      const gap = passGap(next, options.now);
      if (gap) page.historyGaps = [gap];
    }
    yield page;
    if (done) return;
    cursor = next;
  }
}

/**
 * The stretch an incremental pass could not read because Hyperliquid's 10,000-fill cap cut into
 * it: the pass was served the cap in full and nothing as old as where it began (the fills handed
 * over there would have come back). Fills between where the last pass stopped and the oldest fill
 * served may be missing. (Exactly 10,000 new fills looks the same and loses nothing: the gap's
 * warning shows Hyperliquid's own figure for those days to tell.)
 */
function passGap(cursor: HyperliquidCursor, now: number): HistoryGap | null {
  if (cursor.pass !== 'incremental' || cursor.servedInPass < SERVED_FILLS_CAP) return null;
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

/** Share of the range (from the oldest fill seen) no longer waiting to be proven. */
function estimateProgress(cursor: HyperliquidCursor, now: number): number {
  const from = cursor.pass === 'backfill' ? cursor.oldestFill : cursor.passStart;
  if (from === null || now <= from) return 0;
  const pending = cursor.gaps.reduce((sum, gap) => sum + Math.max(0, gapEnd(gap, now) - Math.max(gap.from, from)), 0);
  return Math.min(MAX_UNFINISHED_PROGRESS, Math.max(0, 1 - pending / (now - from)));
}

function describeUnreadable(span: UnreadableSpan): UnprovenSpan {
  const where = `Compare ${utcDay(span.from)} with Hyperliquid's own volume, or import its trade-history CSV for that day.`;
  if (span.from === span.to) {
    return {
      ...span,
      detail:
        `Hyperliquid answered its maximum of ${FILLS_PER_ANSWER.toLocaleString('en-US')} fills for that one millisecond and cannot page ` +
        `within it, so fills of that moment beyond the ${span.fillsRead.toLocaleString('en-US')} read may be missing. ${where}`,
    };
  }
  return {
    ...span,
    detail: `Hyperliquid answered only fills outside the time asked for, so Perpvol cannot tell whether it has every fill of that span. ${where}`,
  };
}
