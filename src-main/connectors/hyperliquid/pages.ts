/**
 * Walks userFillsByTime with the kit's gap walk (kit/paging/gap-walk.ts), which proves every part
 * of a pass complete whichever way Hyperliquid reads what its docs leave open
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint: "Returns at
 * most 2000 fills per response", nothing on endTime, order or ties). Hyperliquid serves only the
 * 10,000 most recent fills: where that cut history, or a stretch between two syncs, is reported
 * (docs/counting.md); its own volume figures to compare are reported-volume.ts.
 */
import { utcDay } from '../../core/days.ts';
import type { FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import { walkPages, type PageAdapter } from '../kit/page-walker.ts';
import { gapWalk, type GapRequest, type UnreadableSpan } from '../kit/paging/gap-walk.ts';
import type { HyperliquidInfoClient } from './client.ts';
import { CURSOR_VERSION, OLDER_LAYOUTS } from './cursor.ts';
import { FILLS_PER_ANSWER, FILLS_REQUEST_WEIGHT, SERVED_FILLS_CAP } from './limits.ts';
import { normalizeFill } from './normalize.ts';
import { HlFillsSchema, type HlFill } from './schemas.ts';

export const hyperliquidGapWalk = gapWalk<HlFill>({
  version: CURSOR_VERSION,
  older: OLDER_LAYOUTS,
  perAnswer: FILLS_PER_ANSWER,
  servedCap: SERVED_FILLS_CAP,
  describeUnreadable,
});

function fillsByTime(client: HyperliquidInfoClient, address: string): PageAdapter<GapRequest, HlFill[], HlFill> {
  return {
    label: 'Hyperliquid',
    fetch: (range, signal) =>
      // aggregateByTime sent as false: each partial fill is a row with its own tid, as we count them.
      client.info({ type: 'userFillsByTime', user: address, ...range, aggregateByTime: false }, HlFillsSchema, FILLS_REQUEST_WEIGHT, signal),
    normalize: normalizeFill,
  };
}

export function hyperliquidPages(client: HyperliquidInfoClient, address: string, saved: SyncCursor | null, options: PageOptions): AsyncGenerator<FillPage> {
  return walkPages(hyperliquidGapWalk, fillsByTime(client, address), saved, options);
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
