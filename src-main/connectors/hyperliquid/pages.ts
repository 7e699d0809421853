/**
 * Walks userFillsByTime forward from the cursor to `now` in pages of at most 2,000 fills.
 *
 * Each request starts at the last page's newest fill time (inclusive), because fills sharing one
 * millisecond can straddle a page boundary; fills already taken at that millisecond are skipped by
 * tid. A page shorter than 2,000 fills is the end of the pass.
 */
import type { FillPage, PageOptions } from '../connector.ts';
import type { HyperliquidInfoClient } from './client.ts';
import { writeCursor, type HyperliquidCursor } from './cursor.ts';
import { FILLS_PER_ANSWER, FILLS_REQUEST_WEIGHT, SERVED_FILLS_CAP } from './limits.ts';
import { normalizeFill } from './normalize.ts';
import { HlFillsSchema, type HlFill } from './schemas.ts';

/** Progress stays below 1 until the final page says the pass is done. */
const MAX_UNFINISHED_PROGRESS = 0.99;

export async function* hyperliquidPages(
  client: HyperliquidInfoClient,
  address: string,
  start: HyperliquidCursor,
  options: PageOptions,
): AsyncGenerator<FillPage> {
  let cursor: HyperliquidCursor = { ...start, passFrom: start.pass === 'incremental' ? (start.passFrom ?? start.startTime) : start.passFrom };
  for (;;) {
    const rows = await client.info(
      { type: 'userFillsByTime', user: address, startTime: cursor.startTime, endTime: options.now, aggregateByTime: false },
      HlFillsSchema,
      FILLS_REQUEST_WEIGHT,
      options.signal,
    );
    const fresh = newRows(rows, cursor);
    const backfill = cursor.pass === 'backfill';
    const passFrom = cursor.passFrom ?? fresh[0]?.time ?? null;
    const servedInPass = backfill ? cursor.servedInPass + fresh.length : 0;
    const historyLimitedBefore =
      cursor.historyLimitedBefore ?? (backfill && servedInPass >= SERVED_FILLS_CAP && passFrom !== null ? passFrom : null);
    const done = rows.length < FILLS_PER_ANSWER;
    const next = nextStart(rows, cursor, fresh.length === 0);

    cursor = done
      ? { ...cursor, ...next, pass: 'incremental', passFrom: null, servedInPass: 0, historyLimitedBefore }
      : { ...cursor, ...next, passFrom, servedInPass, historyLimitedBefore };
    const newest = rows.at(-1)?.time ?? null;
    const page: FillPage = {
      fills: fresh.map(normalizeFill).filter((fill) => fill !== null),
      cursor: writeCursor(cursor),
      progress: done ? 1 : estimateProgress(passFrom, newest, options.now),
      coveredFrom: passFrom,
      coveredTo: done ? options.now : newest,
    };
    if (backfill && historyLimitedBefore !== null) page.historyLimitedBefore = historyLimitedBefore;
    yield page;
    if (done) return;
  }
}

/** Rows not yielded before: at the cursor's own millisecond, those whose tid was already taken. */
function newRows(rows: HlFill[], cursor: HyperliquidCursor): HlFill[] {
  const takenAtStart = new Set(cursor.tidsAtStart);
  const inPage = new Set<number>();
  const fresh: HlFill[] = [];
  for (const row of rows) {
    if (row.time < cursor.startTime) continue; // never asked for; ignore rather than double count
    if (row.time === cursor.startTime && takenAtStart.has(row.tid)) continue;
    if (inPage.has(row.tid)) continue;
    inPage.add(row.tid);
    fresh.push(row);
  }
  return fresh;
}

/**
 * The next request starts at the newest time of this answer and skips the tids taken there. If a
 * full answer brought nothing new, more than 2,000 fills share one millisecond and asking again
 * would return the same page forever: step one millisecond past it (the only way forward the API
 * offers).
 */
function nextStart(rows: HlFill[], cursor: HyperliquidCursor, stuck: boolean): Pick<HyperliquidCursor, 'startTime' | 'tidsAtStart'> {
  const newest = rows.at(-1)?.time;
  if (newest === undefined) return { startTime: cursor.startTime, tidsAtStart: cursor.tidsAtStart };
  if (stuck && rows.length >= FILLS_PER_ANSWER) return { startTime: newest + 1, tidsAtStart: [] };
  const atNewest = rows.filter((row) => row.time === newest).map((row) => row.tid);
  const carried = newest === cursor.startTime ? cursor.tidsAtStart : [];
  return { startTime: newest, tidsAtStart: [...new Set([...carried, ...atNewest])] };
}

function estimateProgress(passFrom: number | null, newest: number | null, now: number): number {
  if (passFrom === null || newest === null || now <= passFrom) return 0;
  return Math.min(MAX_UNFINISHED_PROGRESS, Math.max(0, (newest - passFrom) / (now - passFrom)));
}
