/**
 * Where a Hyperliquid account's sync stands, as the JSON the sync engine stores with each page.
 *
 * userFillsByTime pages forward by time, so the cursor is the time to ask from next plus the trade
 * ids already taken AT that millisecond: the next request starts at that same millisecond (fills
 * sharing one time may straddle a 2,000-fill page) and those ids are skipped.
 */
import { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import type { SyncCursor } from '../connector.ts';

const CursorSchema = z.object({
  v: z.literal(1),
  /** 'backfill' walks all served history once; 'incremental' continues from the last fill seen. */
  pass: z.enum(['backfill', 'incremental']),
  /** Next request's startTime (ms, inclusive). */
  startTime: z.number().int().nonnegative(),
  /** tids of fills at exactly `startTime` already yielded. */
  tidsAtStart: z.array(z.number().int()),
  /** Time of the oldest fill of this pass (backfill) or where the pass began (incremental). */
  passFrom: z.number().int().nullable(),
  /** Fills of any market seen in this backfill pass: reaching the 10,000 cap means history was cut. */
  servedInPass: z.number().int().nonnegative(),
  /** Oldest fill time Hyperliquid still serves, once the account is known to exceed the cap. */
  historyLimitedBefore: z.number().int().nullable(),
});
export type HyperliquidCursor = z.infer<typeof CursorSchema>;

export function initialCursor(): HyperliquidCursor {
  // startTime 0: the exchange serves what it still has, so asking from the epoch costs nothing extra.
  return { v: 1, pass: 'backfill', startTime: 0, tidsAtStart: [], passFrom: null, servedInPass: 0, historyLimitedBefore: null };
}

export function readCursor(stored: SyncCursor): HyperliquidCursor {
  const parsed = CursorSchema.safeParse(stored);
  if (!parsed.success) {
    throw new PerpvolError(
      'internal',
      'invalid_cursor',
      'The saved Hyperliquid sync position is unreadable (it may come from another Perpvol version). Resync the account from the start.',
    );
  }
  return parsed.data;
}

export function writeCursor(cursor: HyperliquidCursor): SyncCursor {
  return { ...cursor, tidsAtStart: [...cursor.tidsAtStart] };
}
