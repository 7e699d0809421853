/**
 * A clock for test processes that run a real sync end to end: it reads real time, but a rate
 * limiter's wait is skipped — time jumps ahead by the wait instead of passing. The limiter still
 * decides every wait (and the spending log records the jumped-ahead times, so the next process
 * sees what this one "spent" as recent); only the minutes of real waiting go.
 */
import type { LimiterClock } from '../../src-main/connectors/http/rate-limiter.ts';

export class SkippingClock implements LimiterClock {
  private skipped = 0;

  now(): number {
    return performance.timeOrigin + performance.now() + this.skipped;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      this.skipped += Math.max(0, ms);
      // one turn of the event loop, as a real timer would give the rest of the process
      setImmediate(() => (signal?.aborted ? reject(signal.reason) : resolve()));
    });
  }

  /** How far ahead of real time this clock has jumped, in ms. */
  get skippedMs(): number {
    return this.skipped;
  }
}
