/**
 * One CSV import against a store, row by row: an exchange's export is read record by record
 * (never as a table of 700,000 rows), each perp fill is normalized like a synced one, and the fills
 * go to the store in pages inside ONE transaction — a bad row on line 600,000 or a Hyperliquid file
 * whose times do not line up leaves nothing behind. The sync cursor never moves. The import worker
 * runs this on a connection of its own (import-worker.ts); nothing here knows about threads.
 */
import type { ImportFillsResult } from '../../src-shared/schemas.ts';
import { badInput } from '../core/errors.ts';
import { EXCHANGE_LABELS, type ExchangeId } from '../core/exchange.ts';
import type { Fill } from '../core/fill.ts';
import { bybitRowReader } from '../import/bybit-csv.ts';
import { csvRows } from '../import/csv-table.ts';
import { DateOrderEvidence, parseCsvTime, type DateOrder } from '../import/csv-time.ts';
import { decideDateOrder, HYPERLIQUID_CSV_ID_PREFIX, hyperliquidRowReader, hyperliquidTimeColumn } from '../import/hyperliquid-csv.ts';
import { HyperliquidOverlapPlanner, type ApiFillKey } from '../import/hyperliquid-overlap.ts';
import { chooseFormat, refuseUnsupportedExchange } from '../import/parse-trade-csv.ts';
import type { ImportFormat, RowReader } from '../import/parsed-import.ts';
import type { Store } from '../store/store.ts';

export interface CsvImportJob {
  accountId: string;
  exchange: ExchangeId;
  /** The file's text, or its UTF-8 bytes (never copied into one big string). */
  csv: string | Uint8Array;
  format?: ImportFormat | 'auto';
  /** Zone of times written without one, minutes east of UTC; null: the format's default (UTC). */
  offsetMinutes: number | null;
  dateOrder?: DateOrder;
}

/** Fills per page inside the import's transaction: large enough to write quickly, small enough to hold little. */
const PAGE_FILLS = 5_000;
/** How far a time-zone slip can move a row: the overlap check looks this far past the file's last row. */
const MAX_ZONE_SHIFT_MS = 14 * 3_600_000;

export async function runCsvImport(store: Store, job: CsvImportJob): Promise<ImportFillsResult> {
  refuseUnsupportedExchange(job.exchange);
  const rows = csvRows(job.csv);
  try {
    const header = await rows.next();
    const headers = header.done ? [] : header.value.cells;
    const format = chooseFormat(job.exchange, headers, job.format);
    let read: RowReader;
    let planner: HyperliquidOverlapPlanner | null = null;
    if (format === 'bybit') {
      read = bybitRowReader(headers, { offsetMinutes: job.offsetMinutes });
    } else {
      const offsetMinutes = job.offsetMinutes ?? 0;
      const times = await scanTimes(job.csv, hyperliquidTimeColumn(headers), offsetMinutes, job.dateOrder);
      read = hyperliquidRowReader(headers, { offsetMinutes, dateOrder: times.dateOrder, sortedByTime: times.sorted });
      planner = await overlapPlanner(store, job, times.newest);
    }

    let parsed = 0;
    let skipped = 0;
    let from = Infinity;
    let to = -Infinity;
    async function* pages(): AsyncGenerator<Fill[]> {
      let page: Fill[] = [];
      for await (const row of rows) {
        const fill = read(row);
        if (fill === 'skipped') skipped++;
        if (fill === 'skipped' || fill === null) continue;
        parsed++;
        from = Math.min(from, fill.ts);
        to = Math.max(to, fill.ts);
        if (planner && !planner.take(fill)) continue;
        page.push(fill);
        if (page.length >= PAGE_FILLS) {
          yield page;
          page = [];
        }
      }
      planner?.finish(); // throws, inside the transaction, when the times do not line up
      if (page.length > 0) yield page;
    }

    const written = await store.fills.importFillPages(job.accountId, pages());
    return {
      imported: written.inserted,
      // already stored, or served by the API (stored by the sync): either way counted once, not here
      duplicates: parsed - written.inserted,
      skipped,
      days: written.days,
      from: parsed > 0 ? new Date(from).toISOString() : null,
      to: parsed > 0 ? new Date(to).toISOString() : null,
    };
  } finally {
    await rows.return(undefined);
  }
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

/**
 * A first pass over a Hyperliquid file's time column: which way its slashed dates go (unless the
 * user said), its newest time (which bounds the synced fills the overlap check must load) and
 * whether its rows are in time order.
 */
async function scanTimes(
  csv: string | Uint8Array,
  timeAt: number,
  offsetMinutes: number,
  dateOrder: DateOrder | undefined,
): Promise<{ dateOrder: DateOrder | null; newest: number | null; sorted: boolean }> {
  const evidence = new DateOrderEvidence();
  const read: Record<DateOrder, TimeColumn> = { 'day-first': new TimeColumn(), 'month-first': new TimeColumn() };
  let first = true;
  for await (const row of csvRows(csv)) {
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

/**
 * A Hyperliquid export has no trade ids: only what the API no longer serves may be imported
 * (hyperliquid-overlap.ts), so the account must have been synced, and its synced fills from the
 * oldest one the API served onwards are what the file's rows are matched against.
 */
async function overlapPlanner(store: Store, job: CsvImportJob, newest: number | null): Promise<HyperliquidOverlapPlanner> {
  const state = await store.syncState.get(job.accountId);
  if (!state?.backfillDone) {
    throw badInput(
      'import_needs_sync',
      `Sync this ${EXCHANGE_LABELS[job.exchange]} account once before importing its CSV: its export has no trade ids, so Perpvol needs the synced fills to tell which rows the API still serves. Nothing was imported.`,
    );
  }
  const syncedFrom = state.coveredFrom;
  if (syncedFrom === null || newest === null) return new HyperliquidOverlapPlanner(null, state.coveredTo, []);
  const apiFills: ApiFillKey[] = [];
  for await (const f of store.fills.stream({ accountId: job.accountId, fromMs: Math.floor(syncedFrom / 1000) * 1000, toMs: newest + MAX_ZONE_SHIFT_MS })) {
    if (!f.tradeId.startsWith(HYPERLIQUID_CSV_ID_PREFIX)) apiFills.push({ ts: f.ts, symbol: f.symbol, side: f.side, price: f.price, qty: f.qty });
  }
  return new HyperliquidOverlapPlanner(syncedFrom, state.coveredTo, apiFills, state.historyGaps);
}
