/**
 * Walking an account's WOO X trade history through `GET /v3/trade/transactionHistory`.
 *
 * A pass covers [passStart, passEnd] in time windows (constants.ts WINDOW_MS) that share their edge
 * millisecond; its last window asks endTime = passEnd + 1 so a trade at passEnd is served whether
 * endTime is inclusive or not. Each window is read by window-walk.ts until it is complete — proven
 * against WOO X's own count where the answers carry one — and only then does the pass move on.
 * A window that no method can finish ends the pass with an account error (window-incomplete.ts);
 * the cursor stays at that window's start, so the next pass tries it again.
 *
 * Every answer yields a page with the cursor that follows it (cursor.ts), so the sync engine
 * persists progress after every request and a kill at any point resumes exactly there.
 */
import type { Fill } from '../../core/fill.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';
import { PerpvolError } from '../../core/errors.ts';
import type { FillPage, SyncCursor } from '../kit/connector.ts';
import type { WooxClient } from './client.ts';
import { TRANSACTION_HISTORY_PATH, TRANSACTION_PAGE_LIMITS, WINDOW_MS } from './constants.ts';
import { planPass, type WindowWalk, type WooxCursor } from './cursor.ts';
import { sortRows } from '../kit/normalized-row.ts';
import { normalizeTransaction } from './normalize.ts';
import { transactionHistorySchema, type TransactionRow } from './schemas.ts';
import { windowIncompleteError } from './window-incomplete.ts';
import { absorb, nextMethod, requestFor, startWalk, type Reading } from './window-walk.ts';

export interface PagingSettings {
  /** Page sizes to ask, largest first: a refused size steps down to the next. */
  pageLimits: readonly number[];
  windowMs: number;
}

export const DEFAULT_PAGING: PagingSettings = { pageLimits: TRANSACTION_PAGE_LIMITS, windowMs: WINDOW_MS };

export { planPass, type WooxCursor } from './cursor.ts';

/** WOO X's answer to a parameter it does not accept (-1004 unknown, -1005 wrong format; errors.ts). */
function isRefusal(error: unknown): boolean {
  return error instanceof PerpvolError && error.code === 'woox_request_refused';
}

function openWindow(cursor: WooxCursor, settings: PagingSettings): WindowWalk {
  const end = Math.min(cursor.windowStart + settings.windowMs, cursor.passEnd);
  return startWalk('narrow', { start: cursor.windowStart, end, endTime: end === cursor.passEnd ? end + 1 : end });
}

/** A window's new rows: the fills to count and the executions to keep aside. */
function toFills(rows: TransactionRow[]): { fills: Fill[]; unclassified: UnclassifiedExecution[] } {
  return sortRows(rows.map(normalizeTransaction));
}

export async function* walkTransactions(
  client: WooxClient,
  persisted: SyncCursor | null,
  options: { now: number; signal: AbortSignal },
  settings: PagingSettings = DEFAULT_PAGING,
): AsyncGenerator<FillPage> {
  const largestLimit = settings.pageLimits[0]!;
  let cursor = planPass(persisted, options.now, largestLimit);
  const span = Math.max(1, cursor.passEnd - cursor.passStart);
  const page = ({ fills, unclassified }: ReturnType<typeof toFills>, coveredTo: number): FillPage => ({
    fills,
    ...(unclassified.length > 0 ? { unclassified } : {}),
    cursor: { ...cursor },
    progress: cursor.doneUntil !== null ? 1 : Math.min(0.999, (cursor.windowStart - cursor.passStart) / span),
    coveredFrom: cursor.passStart,
    coveredTo,
    ...(cursor.backfill ? { historyLimitedBefore: cursor.passStart } : {}),
  });

  for (;;) {
    const walk = cursor.walk ?? openWindow(cursor, settings);
    const limit = Math.min(cursor.pageLimit, largestLimit);
    let reading: Reading;
    try {
      const body = await client.get(TRANSACTION_HISTORY_PATH, requestFor(walk, limit), transactionHistorySchema, options.signal);
      const total = body.data.meta?.total;
      reading = absorb(walk, body.data.rows, Number.isSafeInteger(total) && total! >= 0 ? total! : null, {
        limit,
        largestPage: cursor.largestPage,
      });
      cursor = { ...cursor, largestPage: Math.max(cursor.largestPage, body.data.rows.length), pageLimit: limit };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const smaller = settings.pageLimits.find((candidate) => candidate < limit);
      // The first request of a window differs from earlier accepted ones only by its limit: ask fewer rows.
      if (walk.method === 'narrow' && walk.requests === 0 && smaller !== undefined) {
        cursor = { ...cursor, pageLimit: smaller, walk };
        continue;
      }
      // Refused at the smallest page: not about the page size. Other methods: WOO X does not offer that way.
      if (walk.method === 'narrow') throw error;
      reading = { fresh: [], verdict: 'failed', walk };
    }

    const fills = toFills(reading.fresh);
    if (reading.verdict === 'more') {
      cursor = { ...cursor, walk: reading.walk };
      yield page(fills, cursor.windowStart);
    } else if (reading.verdict === 'failed') {
      const next = nextMethod(reading.walk);
      if (!next) {
        // Keep what was read; resume this window from scratch next time, never past it.
        cursor = { ...cursor, walk: null };
        yield page(fills, cursor.windowStart);
        const best = Math.max(reading.walk.bestCounted, reading.walk.counted);
        throw windowIncompleteError(reading.walk, reading.walk.total, Math.min(best, reading.walk.total ?? best));
      }
      cursor = { ...cursor, walk: next };
      yield page(fills, cursor.windowStart);
    } else if (reading.walk.end >= cursor.passEnd) {
      cursor = { ...cursor, windowStart: reading.walk.end, walk: null, doneUntil: cursor.passEnd };
      yield page(fills, cursor.passEnd);
      return;
    } else {
      cursor = { ...cursor, windowStart: reading.walk.end, walk: null };
      yield page(fills, cursor.windowStart);
    }
  }
}
