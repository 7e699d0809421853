/**
 * WOO X's per-account, per-endpoint request limits ("Limit: 2 requests per 1 second" on
 * transactionHistory, "10 requests per 60 seconds" on account/info and account/credentials), read
 * as sliding windows: a request is refused when the window before it already holds the limit.
 */
import { SlidingWindowCounter, type WindowPeak } from '../sliding-window.ts';

export interface WindowLimit {
  perWindow: number;
  windowMs: number;
}

export const LIMITS_BY_PATH: Record<string, WindowLimit> = {
  '/v3/trade/transactionHistory': { perWindow: 2, windowMs: 1_000 },
  '/v3/account/info': { perWindow: 10, windowMs: 60_000 },
  '/v3/account/credentials': { perWindow: 10, windowMs: 60_000 },
  '/v3/trade/tradingFee': { perWindow: 2, windowMs: 1_000 },
};

export class SlidingWindows {
  private readonly counter: SlidingWindowCounter;

  constructor(clock: () => number = () => performance.now()) {
    this.counter = new SlidingWindowCounter(clock);
  }

  /** Records the request and returns true, or returns false when it is over the limit. */
  admit(account: string, path: string): boolean {
    const limit = LIMITS_BY_PATH[path];
    if (!limit) return true;
    return this.counter.admit([{ key: `${account} ${path}`, limit: limit.perWindow, windowMs: limit.windowMs }]) !== null;
  }

  peaks(): WindowPeak[] {
    return this.counter.peaks();
  }
}
