/**
 * Walking an account's WOO X trade history through `GET /v3/trade/transactionHistory`.
 *
 * A pass covers [passStart, passEnd] in time windows (constants.ts WINDOW_MS); within a window,
 * pages follow trade ids: `fromId` = the last id already seen, oldest first, `limit` rows. The docs
 * describe fromId only as "Trade Id to search from", so the connector works whether the exchange
 * repeats that row or not: it drops rows with ids it has already passed, and a window ends when
 * a page brings nothing new, or is shorter both than asked and than the longest page seen in this
 * pass. The second half matters because the docs do not state the largest `limit`: were WOO X to
 * cap pages below what we ask, "shorter than asked" alone would end every window after its first
 * page and silently drop the rest. Ids are compared as BigInt (they exceed 2^53).
 *
 * The cursor persisted after every page says where the pass stands; after the last page it says
 * up to when history is complete, and the next call runs an incremental pass from there.
 */
import { z } from 'zod';
import type { Fill } from '../../core/fill.ts';
import type { FillPage, SyncCursor } from '../connector.ts';
import type { WooxClient } from './client.ts';
import {
  HISTORY_SPAN_MS,
  INCREMENTAL_OVERLAP_MS,
  TRANSACTION_HISTORY_PATH,
  TRANSACTION_PAGE_LIMIT,
  WINDOW_MS,
} from './constants.ts';
import { normalizeTransaction } from './normalize.ts';
import { transactionHistorySchema } from './schemas.ts';

const cursorSchema = z.object({
  v: z.literal(1),
  backfill: z.boolean(),
  passStart: z.number().int(),
  passEnd: z.number().int(),
  windowStart: z.number().int(),
  lastId: z.string().regex(/^\d+$/).nullable(),
  /** Set once a pass has finished: history is complete up to this time. */
  doneUntil: z.number().int().nullable(),
});
export type WooxCursor = z.infer<typeof cursorSchema>;

export interface PagingSettings {
  pageLimit: number;
  windowMs: number;
}

export const DEFAULT_PAGING: PagingSettings = { pageLimit: TRANSACTION_PAGE_LIMIT, windowMs: WINDOW_MS };

/** Where to go from a persisted cursor at time `now`: resume a pass, or begin one. */
export function planPass(persisted: SyncCursor | null, now: number): WooxCursor {
  const parsed = persisted ? cursorSchema.safeParse(persisted) : null;
  const oldestServed = now - HISTORY_SPAN_MS;
  if (!parsed?.success) {
    // No cursor (or one this version cannot read): backfill everything the exchange serves.
    return { v: 1, backfill: true, passStart: oldestServed, passEnd: now, windowStart: oldestServed, lastId: null, doneUntil: null };
  }
  const cursor = parsed.data;
  if (cursor.doneUntil === null) return { ...cursor, passEnd: Math.max(cursor.passEnd, now) };
  const start = Math.max(cursor.doneUntil - INCREMENTAL_OVERLAP_MS, oldestServed);
  return { v: 1, backfill: false, passStart: start, passEnd: Math.max(now, start), windowStart: start, lastId: null, doneUntil: null };
}

export async function* walkTransactions(
  client: WooxClient,
  persisted: SyncCursor | null,
  options: { now: number; signal: AbortSignal },
  settings: PagingSettings = DEFAULT_PAGING,
): AsyncGenerator<FillPage> {
  let cursor = planPass(persisted, options.now);
  const span = Math.max(1, cursor.passEnd - cursor.passStart);
  let longestPage = 0;
  for (;;) {
    const windowEnd = Math.min(cursor.windowStart + settings.windowMs, cursor.passEnd);
    const body = await client.get(
      TRANSACTION_HISTORY_PATH,
      [
        ['startTime', cursor.windowStart],
        ['endTime', windowEnd],
        ['fromId', cursor.lastId ?? undefined],
        ['limit', settings.pageLimit],
      ],
      transactionHistorySchema,
      options.signal,
    );
    const rows = body.data.rows;
    const after = cursor.lastId === null ? null : BigInt(cursor.lastId);
    const fresh = after === null ? rows : rows.filter((row) => BigInt(row.id) > after);
    const fills: Fill[] = [];
    for (const row of fresh) {
      const fill = normalizeTransaction(row);
      if (fill) fills.push(fill);
    }
    const windowDone = fresh.length === 0 || (rows.length < settings.pageLimit && rows.length < longestPage);
    longestPage = Math.max(longestPage, rows.length);
    let coveredTo: number;
    if (!windowDone) {
      cursor = { ...cursor, lastId: maxId(fresh) };
      coveredTo = cursor.windowStart;
    } else if (windowEnd >= cursor.passEnd) {
      cursor = { ...cursor, windowStart: windowEnd, lastId: null, doneUntil: cursor.passEnd };
      coveredTo = cursor.passEnd;
    } else {
      // Next window starts ON this one's end: an edge fill is served under either reading of endTime.
      cursor = { ...cursor, windowStart: windowEnd, lastId: null };
      coveredTo = windowEnd;
    }
    const done = cursor.doneUntil !== null;
    yield {
      fills,
      cursor: { ...cursor },
      progress: done ? 1 : Math.min(0.999, (cursor.windowStart - cursor.passStart) / span),
      coveredFrom: cursor.passStart,
      coveredTo,
      ...(cursor.backfill ? { historyLimitedBefore: cursor.passStart } : {}),
    };
    if (done) return;
  }
}

function maxId(rows: { id: string }[]): string {
  let best = BigInt(rows[0]!.id);
  for (const row of rows) {
    const id = BigInt(row.id);
    if (id > best) best = id;
  }
  return best.toString();
}
