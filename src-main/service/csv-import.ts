/**
 * One CSV import against a store, row by row: an exchange's export is read record by record
 * (never as a table of 700,000 rows), each perp fill is normalized like a synced one, and the fills
 * go to the store in pages inside ONE transaction — a bad row on line 600,000 or a Hyperliquid file
 * whose times do not line up leaves nothing behind. The sync cursor never moves. The import worker
 * runs this on a connection of its own (import-worker.ts); nothing here knows about threads.
 */
import type { ImportFillsResult } from '../../src-shared/schemas.ts';
import type { ExchangeId } from '../core/exchange.ts';
import type { Fill } from '../core/fill.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import type { ImportFormat, SyncedHistory } from '../connectors/kit/csv-format.ts';
import { csvRows } from '../connectors/kit/csv/csv-table.ts';
import type { DateOrder } from '../connectors/kit/csv/csv-time.ts';
import { chooseFormat, csvFormatOf } from '../import/choose-format.ts';
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

/** `exchanges`: whose CSV readers (default: the app's; tests add a made-up exchange). */
export async function runCsvImport(store: Store, job: CsvImportJob, exchanges: ExchangeRegistry = appExchanges): Promise<ImportFillsResult> {
  csvFormatOf(job.exchange, exchanges);
  const rows = csvRows(job.csv);
  try {
    const header = await rows.next();
    const headers = header.done ? [] : header.value.cells;
    const format = chooseFormat(job.exchange, headers, job.format, exchanges);
    // The exchange's reader decides what it needs first (Hyperliquid: a scan of its times, the synced fills).
    const plan = await format.plan(headers, { rows: () => csvRows(job.csv) }, {
      offsetMinutes: job.offsetMinutes,
      ...(job.dateOrder ? { dateOrder: job.dateOrder } : {}),
      synced: syncedHistory(store, job.accountId),
      exchangeLabel: exchanges.get(job.exchange).info.label,
    });
    const read = plan.read;

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
        if (plan.take && !plan.take(fill)) continue;
        page.push(fill);
        if (page.length >= PAGE_FILLS) {
          yield page;
          page = [];
        }
      }
      plan.finish?.(); // throws, inside the transaction, when the file does not line up
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

/** What the account holds from its sync, for readers that must not import what the API serves. */
function syncedHistory(store: Store, accountId: string): SyncedHistory {
  return {
    state: () => store.syncState.get(accountId),
    fills: (fromMs, toMs) => store.fills.stream({ accountId, fromMs, toMs }),
  };
}
