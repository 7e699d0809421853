/**
 * Gathers one account's streamed fills for at most STREAM_BATCH_MS and commits them together: a
 * burst of partial fills (one order sweeping the book) becomes one transaction and one `volume`
 * event instead of dozens, while a lone fill still reaches the dashboard within a tenth of a second.
 * Commits of one account never overlap, so they land in the order the exchange sent them.
 */
import type { Fill } from '../../core/fill.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';

/** The bound: streamed fills are committed within 100 ms of the first one of a batch. */
export const STREAM_BATCH_MS = 100;

export type BatchCommit = (fills: Fill[], unclassified: UnclassifiedExecution[]) => Promise<void>;

export class FillBatcher {
  private fills: Fill[] = [];
  private unclassified: UnclassifiedExecution[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly commit: BatchCommit,
    private readonly onError: (error: unknown) => void,
    private readonly windowMs = STREAM_BATCH_MS,
  ) {}

  add(fills: readonly Fill[], unclassified: readonly UnclassifiedExecution[]): void {
    if (this.closed || (fills.length === 0 && unclassified.length === 0)) return;
    this.fills.push(...fills);
    this.unclassified.push(...unclassified);
    this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
  }

  /** Commits what is waiting now; resolves when it (and every earlier commit) is written. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.fills.length > 0 || this.unclassified.length > 0) {
      const fills = this.fills;
      const unclassified = this.unclassified;
      this.fills = [];
      this.unclassified = [];
      this.writing = this.writing.then(() => this.commit(fills, unclassified)).catch(this.onError);
    }
    return this.writing;
  }

  /** Writes what arrived (nothing streamed is thrown away) and takes no more. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}
