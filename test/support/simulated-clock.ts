/**
 * A clock for rate-limiter tests: time moves only when the test says so, and every sleep wakes in
 * order of its due time. `run()` plays the whole schedule out — let every pending promise settle,
 * jump to the earliest timer, fire it, repeat — so a test over "ten minutes" of windows takes
 * milliseconds and never depends on how busy the machine is.
 */
import type { LimiterClock } from '../../src-main/connectors/http/rate-limiter.ts';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export class SimulatedClock implements LimiterClock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((other) => other !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Calls `action` at `at` (simulated), e.g. "this request's answer arrives". */
  at(at: number, action: () => void): void {
    this.timers.push({ at: Math.max(at, this.t), seq: this.seq++, fire: action });
  }

  /** Lets every promise that can settle now settle (the limiter works in promise chains). */
  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Plays timers in order until none is left or the next lies after `until`. */
  async run(until = Infinity): Promise<void> {
    for (;;) {
      await this.settle();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.t = next.at;
      next.fire();
    }
    if (until !== Infinity && until > this.t) this.t = until;
    await this.settle();
  }

  /** Moves time forward by `ms`, firing what falls due on the way. */
  advance(ms: number): Promise<void> {
    return this.run(this.t + ms);
  }
}
