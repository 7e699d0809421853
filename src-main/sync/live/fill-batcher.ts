/**
 * Gathers one account's streamed rows for at most STREAM_BATCH_MS and commits them together: a
 * burst of partial fills (one order sweeping the book) becomes one transaction and one `volume`
 * event instead of dozens, while a lone fill still reaches the dashboard within a tenth of a second.
 * Commits of one account never overlap, so they land in the order the exchange sent them.
 */
import { noStreamedRows, type StreamedRows } from '../../connectors/stream/fill-stream.ts';

/** The bound: streamed fills are committed within 100 ms of the first one of a batch. */
export const STREAM_BATCH_MS = 100;

export type BatchCommit = (rows: StreamedRows) => Promise<void>;

const isEmpty = (rows: StreamedRows): boolean => rows.fills.length === 0 && rows.unclassified.length === 0 && rows.bustedTradeIds.length === 0;

export class FillBatcher {
  private waiting: StreamedRows = noStreamedRows();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly commit: BatchCommit,
    private readonly onError: (error: unknown) => void,
    private readonly windowMs = STREAM_BATCH_MS,
  ) {}

  add(rows: StreamedRows): void {
    if (this.closed || isEmpty(rows)) return;
    this.waiting.fills.push(...rows.fills);
    this.waiting.unclassified.push(...rows.unclassified);
    this.waiting.bustedTradeIds.push(...rows.bustedTradeIds);
    this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
  }

  /** Commits what is waiting now; resolves when it (and every earlier commit) is written. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!isEmpty(this.waiting)) {
      const rows = this.waiting;
      this.waiting = noStreamedRows();
      this.writing = this.writing.then(() => this.commit(rows)).catch(this.onError);
    }
    return this.writing;
  }

  /** Writes what arrived (nothing streamed is thrown away) and takes no more. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}
