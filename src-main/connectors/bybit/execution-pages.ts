/**
 * The walk itself: one request per step of paging.ts, each answer turned into a page of fills for
 * the sync engine. Page boundaries are trusted only as far as they can be: a query ends when Bybit
 * sends no next cursor ("", null or none at all — the docs show only the field), and a cursor that
 * comes back again with rows is an error rather than a silent end.
 */
import type { Fill } from '../../core/fill.ts';
import { utcDay } from '../../core/days.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';
import type { FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import { LoopGuard } from '../kit/loop-guard.ts';
import type { PerpCategory } from './constants.ts';
import { bybitNameReading, readBybitInstruments, type BybitInstrumentCatalog, type FetchInstruments, type InstrumentLookup } from './instruments.ts';
import { linearSettleCoin, normalizeExecution } from './normalize.ts';
import { sendableCursor } from './client.ts';
import { advance, beginPass, currentRequest, isUnfilteredLinear, readBybitCursor, toFillPage, type WindowRequest } from './paging.ts';
import type { ExecutionListResult } from './schemas.ts';

export type FetchExecutions = (request: WindowRequest, signal: AbortSignal) => Promise<ExecutionListResult>;

/** Where a walk learns what each symbol is: the origin's shared instruments-info catalog and how to read it. */
export interface InstrumentSource {
  catalog: BybitInstrumentCatalog;
  fetch: FetchInstruments;
}

export async function* bybitExecutionPages(
  fetchPage: FetchExecutions,
  saved: SyncCursor | null,
  { signal, now }: PageOptions,
  instruments: InstrumentSource | null = null,
): AsyncGenerator<FillPage> {
  let state = beginPass(readBybitCursor(saved), now);
  const told = new Set<PerpCategory>();
  const handedOver = new WindowHandover();
  const guard = new LoopGuard('Bybit');
  for (;;) {
    const request = currentRequest(state.pass);
    handedOver.enterWindow(request.startTime);
    guard.enter(`${request.startTime}:${request.category}:${request.settleCoin ?? ''}`, request.pageCursor);

    const result = await fetchPage(request, signal);
    const lookup = await lookupFor(instruments, request.category, result, signal, now);
    const fills: Fill[] = [];
    const unclassified: UnclassifiedExecution[] = [];
    let listsUsdc = false;
    for (const row of result.list) {
      if (isUnfilteredLinear(request) && linearSettleCoin(row.symbol) === 'USDC') listsUsdc = true;
      const normalized = normalizeExecution(request.category, row, lookup);
      // Bybit may repeat a row on the next page when several share one execTime (the page's
      // sorting tip), and rows in the windows' overlap come twice: hand each over once per pass.
      if ('fill' in normalized && handedOver.take(normalized.fill)) fills.push(normalized.fill);
      if ('unclassified' in normalized) unclassified.push(normalized.unclassified);
    }

    const next = result.nextPageCursor ? sendableCursor(result.nextPageCursor) : null;
    const follow = guard.follow(next, result.list.length, () => queryName(request));
    const after = advance(state, follow, listsUsdc);
    const page = toFillPage(after, fills, now);
    if (unclassified.length > 0) page.unclassified = unclassified;
    // Once per pass and category: stored fills of symbols the list classifies unlike their names move.
    if (instruments && !told.has(request.category)) {
      told.add(request.category);
      const differing = instruments.catalog.differingFromNames(request.category, bybitNameReading);
      if (differing.length > 0) page.reclassified = differing;
    }
    yield page;
    if (after.pass === null) return;
    state = { ...after, pass: after.pass };
  }
}

/** The category's instruments, read again first when this answer names a symbol the list lacks (one listed since). */
async function lookupFor(
  instruments: InstrumentSource | null,
  category: PerpCategory,
  result: ExecutionListResult,
  signal: AbortSignal,
  now: number,
): Promise<InstrumentLookup | undefined> {
  if (!instruments) return undefined;
  const read = readBybitInstruments(category, instruments.fetch);
  return instruments.catalog.lookup(category, read, signal, now, result.list.map((row) => row.symbol));
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

function queryName(request: WindowRequest): string {
  const what = `${request.category}${request.settleCoin ? ` ${request.settleCoin}` : ''}`;
  return `pages of ${what} executions from ${utcDay(request.startTime)} to ${utcDay(request.endTime)}`;
}
