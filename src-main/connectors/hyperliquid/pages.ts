/**
 * Walks userFillsByTime with the kit's gap walk (kit/paging/gap-walk.ts), which proves every part
 * of a pass complete whichever way Hyperliquid reads what its docs leave open: they say only
 * "Returns at most 2000 fills per response and only the 10000 most recent fills are available",
 * nothing on endTime, order or ties
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#retrieve-a-users-fills-by-time).
 * The cursor is the gap walk's, layout v2; v1 (one forward position: startTime + the tids taken
 * there) is carried forward as the gap from that position to "now".
 */
import { z } from 'zod';
import { utcDay } from '../../core/days.ts';
import type { FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import { walkPages, type PageAdapter } from '../kit/page-walker.ts';
import { gapWalk, initialGapWalk, type GapRequest, type GapWalkCursor, type UnreadableSpan } from '../kit/paging/gap-walk.ts';
import { fillsAnswerWeight, type HyperliquidInfoClient } from './client.ts';
import { normalizeFill } from './normalize.ts';
import { HlFillsSchema, type HlFill } from './schemas.ts';

const CURSOR_VERSION = 2;
const FILLS_PER_ANSWER = 2_000;
export const SERVED_FILLS_CAP = 10_000;
/** The limiter is paid before sending, so a fills request budgets the largest answer it can get. */
export const FILLS_REQUEST_WEIGHT = fillsAnswerWeight(FILLS_PER_ANSWER);

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
  const base = { ...initialGapWalk(CURSOR_VERSION), resumeFrom: old.startTime, tidsAtResume: old.tidsAtStart, historyLimitedBefore: old.historyLimitedBefore };
  if (old.pass === 'incremental') return { ...base, pass: 'incremental', gaps: [] };
  return {
    ...base,
    passStart: old.passFrom ?? old.startTime,
    gaps: [{ from: old.startTime, to: null, known: [[old.startTime, old.tidsAtStart]], exactEnd: false }],
    oldestFill: old.passFrom,
    servedInPass: old.servedInPass,
  };
}

export const hyperliquidGapWalk = gapWalk<HlFill>({
  version: CURSOR_VERSION,
  older: [{ schema: CursorV1Schema, upgrade: fromV1 }],
  perAnswer: FILLS_PER_ANSWER,
  servedCap: SERVED_FILLS_CAP,
  describeUnreadable,
});

export function hyperliquidPages(client: HyperliquidInfoClient, address: string, saved: SyncCursor | null, options: PageOptions): AsyncGenerator<FillPage> {
  const fillsByTime: PageAdapter<GapRequest, HlFill[], HlFill> = {
    fetch: (range, signal) =>
      // aggregateByTime sent as false: each partial fill is a row with its own tid, as we count them.
      client.info({ type: 'userFillsByTime', user: address, ...range, aggregateByTime: false }, HlFillsSchema, FILLS_REQUEST_WEIGHT, signal),
    normalize: normalizeFill,
  };
  return walkPages(hyperliquidGapWalk, fillsByTime, saved, options);
}

function describeUnreadable(span: UnreadableSpan): string {
  const where = `Compare ${utcDay(span.from)} with Hyperliquid's own volume, or import its trade-history CSV for that day.`;
  if (span.from === span.to) {
    return (
      `Hyperliquid answered its maximum of ${FILLS_PER_ANSWER.toLocaleString('en-US')} fills for that one millisecond and cannot page ` +
      `within it, so fills of that moment beyond the ${span.fillsRead.toLocaleString('en-US')} read may be missing. ${where}`
    );
  }
  return `Hyperliquid answered only fills outside the time asked for, so Perpvol cannot tell whether it has every fill of that span. ${where}`;
}
