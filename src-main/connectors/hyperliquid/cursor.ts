/**
 * Where a Hyperliquid account's sync stands: the kit's gap-walk cursor (kit/paging/gap-walk.ts),
 * layout v2. Cursors of the layout before gaps (v1: one forward position, startTime + tids taken
 * there) are carried forward: the position becomes the gap from it to "now".
 */
import { z } from 'zod';
import type { OlderLayout } from '../kit/versioned-cursor.ts';
import { initialGapWalk, type GapWalkCursor } from '../kit/paging/gap-walk.ts';

export const CURSOR_VERSION = 2;

const ms = z.number().int().nonnegative();

const CursorV1Schema = z.object({
  v: z.literal(1),
  pass: z.enum(['backfill', 'incremental']),
  startTime: ms,
  tidsAtStart: z.array(z.number().int()),
  passFrom: z.number().int().nullable(),
  servedInPass: z.number().int().nonnegative(),
  historyLimitedBefore: z.number().int().nullable(),
});

/** A v1 position becomes the gap from it to "now"; a v1 incremental cursor is a finished pass. */
function fromV1(old: z.infer<typeof CursorV1Schema>): GapWalkCursor {
  const base = {
    ...initialGapWalk(CURSOR_VERSION),
    resumeFrom: old.startTime,
    tidsAtResume: old.tidsAtStart,
    historyLimitedBefore: old.historyLimitedBefore,
  };
  if (old.pass === 'incremental') return { ...base, pass: 'incremental', gaps: [] };
  return {
    ...base,
    passStart: old.passFrom ?? old.startTime,
    gaps: [{ from: old.startTime, to: null, known: [[old.startTime, old.tidsAtStart]], exactEnd: false }],
    oldestFill: old.passFrom,
    servedInPass: old.servedInPass,
  };
}

export const OLDER_LAYOUTS: readonly OlderLayout<GapWalkCursor>[] = [{ schema: CursorV1Schema, upgrade: fromV1 }];
