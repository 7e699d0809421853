/**
 * The walk itself: one request per step of paging.ts, each answer turned into a page of fills for
 * the sync engine. Page boundaries are trusted only as far as they can be: a query ends when Bybit
 * sends no next cursor ("", null or none at all — the docs show only the field), and a cursor that
 * comes back again with rows is an error rather than a silent end.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { Fill } from '../../core/fill.ts';
import { utcDay } from '../../core/days.ts';
import type { FillPage, PageOptions, SyncCursor } from '../connector.ts';
import { linearSettleCoin, normalizeExecution } from './normalize.ts';
import { advance, beginPass, currentRequest, isUnfilteredLinear, readBybitCursor, toFillPage, type WindowRequest } from './paging.ts';
import type { ExecutionListResult } from './schemas.ts';

/**
 * Empty pages that still carry a new cursor are followed (a server may page over rows it filters
 * out), but not forever: this many in a row means the paging is broken.
 */
const MAX_EMPTY_PAGES_IN_A_ROW = 5;

export type FetchExecutions = (request: WindowRequest, signal: AbortSignal) => Promise<ExecutionListResult>;

export async function* bybitExecutionPages(fetchPage: FetchExecutions, saved: SyncCursor | null, { signal, now }: PageOptions): AsyncGenerator<FillPage> {
  let state = beginPass(readBybitCursor(saved), now);
  const handedOver = new WindowHandover();
  let queryKey = '';
  let cursorsSeen = new Set<string>();
  let emptyInARow = 0;
  for (;;) {
    const request = currentRequest(state.pass);
    handedOver.enterWindow(request.startTime);
    const key = `${request.startTime}:${request.category}:${request.settleCoin ?? ''}`;
    if (key !== queryKey) {
      queryKey = key;
      cursorsSeen = new Set();
      emptyInARow = 0;
    }
    if (request.pageCursor) cursorsSeen.add(request.pageCursor);

    const result = await fetchPage(request, signal);
    const fills: Fill[] = [];
    let listsUsdc = false;
    for (const row of result.list) {
      if (isUnfilteredLinear(request) && linearSettleCoin(row.symbol) === 'USDC') listsUsdc = true;
      const fill = normalizeExecution(request.category, row);
      // Bybit may repeat a row on the next page when several share one execTime (the page's
      // sorting tip), and rows in the windows' overlap come twice: hand each over once per pass.
      if (fill !== null && handedOver.take(fill)) fills.push(fill);
    }

    const next = result.nextPageCursor ? sendableCursor(result.nextPageCursor) : null;
    let follow: string | null = null;
    if (next !== null && cursorsSeen.has(next)) {
      // An empty page that points back at itself is the end; rows with a cursor seen before would loop.
      if (result.list.length > 0) throw pagingLoop(request);
    } else if (next !== null) {
      emptyInARow = result.list.length === 0 ? emptyInARow + 1 : 0;
      if (emptyInARow > MAX_EMPTY_PAGES_IN_A_ROW) throw pagingLoop(request);
      follow = next;
    }
    const after = advance(state, follow, listsUsdc);
    yield toFillPage(after, fills, now);
    if (after.pass === null) return;
    state = { ...after, pass: after.pass };
  }
}

/**
 * execIds handed over in the current window, plus those of the previous window that lie in the
 * overlap with this one (the only rows two windows share).
 */
class WindowHandover {
  private windowStart: number | null = null;
  private taken = new Map<string, number>();

  enterWindow(windowStart: number): void {
    if (windowStart === this.windowStart) return;
    const carried = new Map<string, number>();
    for (const [id, ts] of this.taken) if (ts >= windowStart) carried.set(id, ts);
    this.taken = carried;
    this.windowStart = windowStart;
  }

  /** True the first time a fill is seen in this window (and its overlap). */
  take(fill: Fill): boolean {
    if (this.taken.has(fill.tradeId)) return false;
    this.taken.set(fill.tradeId, fill.ts);
    return true;
  }
}

function pagingLoop(request: WindowRequest): PerpvolError {
  const what = `${request.category}${request.settleCoin ? ` ${request.settleCoin}` : ''}`;
  return new PerpvolError(
    'exchange_unavailable',
    'paging_loop',
    `Bybit's pages of ${what} executions from ${utcDay(request.startTime)} to ${utcDay(request.endTime)} lead back to a page already read, ` +
      'so Perpvol cannot tell whether that week is complete. Everything before it is stored; the next sync retries that week.',
    true,
  );
}

/**
 * Bybit hands out nextPageCursor already percent-encoded (e.g. "123%3A0%2C123%3A0") and expects
 * it back as is. The HTTP client percent-encodes every value, so keep the decoded form: encoding
 * it once yields exactly what Bybit sent.
 */
function sendableCursor(cursor: string): string {
  try {
    return decodeURIComponent(cursor);
  } catch {
    return cursor;
  }
}
