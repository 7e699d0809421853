/**
 * How the volume service runs an import of an exchange's own CSV export (history its API no longer
 * serves). In the server, the desktop app and the CLI an import runs in a worker thread on a
 * database connection of its own, one at a time: a 50 MB file is parsed and written while this
 * thread keeps answering requests and sending events. All or nothing, the sync cursor untouched
 * (csv-import.ts).
 */
import type { ImportFillsResult } from '../../src-shared/schemas.ts';
import { badInput, PerpvolError } from '../core/errors.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import type { AccountRecord, Store } from '../store/store.ts';
import { runCsvImport } from './csv-import.ts';
import { csvImportJob, type DatabaseLocation, type ImportSource } from './import-job.ts';
import { startImportWorker, type RunningImport } from './import-runner.ts';
import type { WriteGate } from './write-gate.ts';

export interface CsvImporter {
  importCsv(account: AccountRecord, source: ImportSource): Promise<ImportFillsResult>;
  /** Stops an import in flight; its transaction is rolled back. */
  close(): Promise<void>;
}

/**
 * What the REST face uses beyond the contract: the import route hands its raw JSON body over, to
 * be parsed in the worker instead of on the event loop.
 */
export interface JsonBodyImport {
  importFillsFromJsonBody(id: string, body: Uint8Array): Promise<ImportFillsResult>;
}

/**
 * Imports in a worker thread, one at a time (two 50 MB files at once would double the memory and
 * could only wait for each other's write lock anyway). With SQLite, this process's own writes wait
 * at `gate` while the worker's transaction is open.
 */
export class WorkerCsvImporter implements CsvImporter {
  private queue: Promise<unknown> = Promise.resolve();
  private running: RunningImport | null = null;
  private closed = false;

  constructor(
    private readonly database: DatabaseLocation,
    private readonly gate: WriteGate | null,
    /** The service's exchanges (default: the app's): an import of one the worker cannot read is refused. */
    private readonly exchanges: ExchangeRegistry = appExchanges,
  ) {}

  importCsv(account: AccountRecord, source: ImportSource): Promise<ImportFillsResult> {
    // The worker reads with the app's registry, never the service's: a thread receives only data
    // (workerData is structured-cloned), and a descriptor is code — its CSV reader is a function,
    // and the registry holding a test's made-up exchange exists only in the test's own thread. So
    // an exchange the app's registry lacks is refused here, before any work, rather than misread.
    if (!appExchanges.has(account.exchange)) {
      const label = this.exchanges.label(account.exchange);
      return Promise.reject(
        badInput(
          'import_not_supported',
          `This Perpvol cannot import ${label} CSV files: its import thread reads the exports of ${appExchanges.infos().map((info) => info.label).join(', ')} only. ` +
            `Sync the ${label} account instead; nothing was stored.`,
        ),
      );
    }
    const next = this.queue.then(() => this.runOne(account, source));
    this.queue = next.catch(() => {});
    return next;
  }

  private async runOne(account: AccountRecord, source: ImportSource): Promise<ImportFillsResult> {
    const run = async () => {
      this.running = startImportWorker({ database: this.database, accountId: account.id, exchange: account.exchange, source });
      try {
        return await this.running.done;
      } finally {
        this.running = null;
      }
    };
    if (this.closed) throw new PerpvolError('storage', 'import_stopped', 'Perpvol is shutting down, so the import did not start and nothing of it was stored; import the file again once it runs.');
    return this.gate ? this.gate.hold(run) : run();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running?.terminate();
  }
}

/** Imports on the service's own store, in this thread: for tests and tools that have no database location. */
export class InProcessCsvImporter implements CsvImporter {
  constructor(
    private readonly store: Store,
    /** Whose CSV readers (default: the app's): here in the thread, the service's own registry is used. */
    private readonly exchanges: ExchangeRegistry = appExchanges,
  ) {}

  async importCsv(account: AccountRecord, source: ImportSource): Promise<ImportFillsResult> {
    return runCsvImport(this.store, csvImportJob({ accountId: account.id, exchange: account.exchange, source }), this.exchanges);
  }

  async close(): Promise<void> {}
}
