/**
 * How an import reads a Hyperliquid export row by row. The file has no trade ids, so a first pass
 * over its time column decides which way slashed dates go (unless the user said), finds its newest
 * time and whether rows are in time order; then only what the API no longer serves may be
 * imported (csv-overlap.ts), matched against the account's synced fills — so the account must have
 * been synced once.
 */
import { badInput } from '../../core/errors.ts';
import type { CsvReadOptions, RowPlan, SyncedHistory } from '../kit/csv-format.ts';
import { DateOrderEvidence, parseCsvTime, type DateOrder } from '../kit/csv/csv-time.ts';
import { decideDateOrder, HYPERLIQUID_CSV_ID_PREFIX, hyperliquidRowReader, hyperliquidTimeColumn } from './csv-export.ts';
import { HyperliquidOverlapPlanner, type ApiFillKey } from './csv-overlap.ts';

/** How far a time-zone slip can move a row: the overlap check looks this far past the file's last row. */
const MAX_ZONE_SHIFT_MS = 14 * 3_600_000;

export async function planHyperliquidImport(
  headers: string[],
  file: { rows(): AsyncIterable<{ cells: string[] }> },
  options: CsvReadOptions & { synced: SyncedHistory; exchangeLabel: string },
): Promise<RowPlan> {
  const offsetMinutes = options.offsetMinutes ?? 0;
  const times = await scanTimes(file, hyperliquidTimeColumn(headers), offsetMinutes, options.dateOrder);
  const read = hyperliquidRowReader(headers, { offsetMinutes, dateOrder: times.dateOrder, sortedByTime: times.sorted });
  const planner = await overlapPlanner(options.synced, options.exchangeLabel, times.newest);
  return { read, take: (fill) => planner.take(fill), finish: () => planner.finish() };
}

/** What the time column of a file says, read one way (day-first or month-first). */
class TimeColumn {
  newest: number | null = null;
  private previous: number | null = null;
  private rising = true;
  private falling = true;

  see(ts: number | null): void {
    if (ts === null) return;
    if (this.newest === null || ts > this.newest) this.newest = ts;
    if (this.previous !== null) {
      if (ts < this.previous) this.rising = false;
      if (ts > this.previous) this.falling = false;
    }
    this.previous = ts;
  }

  get sorted(): boolean {
    return this.rising || this.falling;
  }
}

async function scanTimes(
  file: { rows(): AsyncIterable<{ cells: string[] }> },
  timeAt: number,
  offsetMinutes: number,
  dateOrder: DateOrder | undefined,
): Promise<{ dateOrder: DateOrder | null; newest: number | null; sorted: boolean }> {
  const evidence = new DateOrderEvidence();
  const read: Record<DateOrder, TimeColumn> = { 'day-first': new TimeColumn(), 'month-first': new TimeColumn() };
  let first = true;
  for await (const row of file.rows()) {
    if (first) {
      first = false; // the header
      continue;
    }
    const time = row.cells[timeAt] ?? '';
    evidence.see(time);
    for (const order of ['day-first', 'month-first'] as const) read[order].see(parseCsvTime(time, { offsetMinutes, dateOrder: order }));
  }
  const decided = dateOrder ?? decideDateOrder(evidence);
  const column = read[decided ?? 'day-first'];
  return { dateOrder: decided, newest: column.newest, sorted: column.sorted };
}

/** The synced fills from the oldest one the API served onwards: what the file's rows are matched against. */
async function overlapPlanner(synced: SyncedHistory, label: string, newest: number | null): Promise<HyperliquidOverlapPlanner> {
  const state = await synced.state();
  if (!state?.backfillDone) {
    throw badInput(
      'import_needs_sync',
      `Sync this ${label} account once before importing its CSV: its export has no trade ids, so Perpvol needs the synced fills to tell which rows the API still serves. Nothing was imported.`,
    );
  }
  const syncedFrom = state.coveredFrom;
  if (syncedFrom === null || newest === null) return new HyperliquidOverlapPlanner(null, state.coveredTo, []);
  const apiFills: ApiFillKey[] = [];
  for await (const f of synced.fills(Math.floor(syncedFrom / 1000) * 1000, newest + MAX_ZONE_SHIFT_MS)) {
    if (!f.tradeId.startsWith(HYPERLIQUID_CSV_ID_PREFIX)) apiFills.push({ ts: f.ts, symbol: f.symbol, side: f.side, price: f.price, qty: f.qty });
  }
  return new HyperliquidOverlapPlanner(syncedFrom, state.coveredTo, apiFills, state.historyGaps);
}
