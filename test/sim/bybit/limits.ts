/**
 * Bybit's rate limits as the simulator enforces them, read as windows the way the docs put them
 * (https://bybit-exchange.github.io/docs/v5/rate-limit): "rolling time window per second and UID",
 * per endpoint — execution/list 50/s (Trade table), query-api 10 req/s (User table), fee-rate 5/s
 * (Account table), 10/s for other reads — answered with retCode 10006 and X-Bapi-Limit* headers; and per IP "600 requests
 * within a 5-second window", answered with HTTP 403.
 */
import { SlidingWindowCounter, type WindowPeak } from '../sliding-window.ts';

export const ENDPOINT_LIMITS: Record<string, number> = {
  '/v5/execution/list': 50,
  '/v5/user/query-api': 10,
  '/v5/account/fee-rate': 5,
};
export const DEFAULT_ENDPOINT_LIMIT = 10;
export const UID_WINDOW_MS = 1_000;
export const IP_LIMIT = 600;
export const IP_WINDOW_MS = 5_000;

export interface LimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the window frees a slot (if refused) or now (if allowed), as Bybit's header says (epoch ms). */
  resetAt: number;
}

export class BybitRateLimits {
  private readonly counter = new SlidingWindowCounter();

  /** Counts a request of `uid` to `path`, or refuses it with the time a slot frees up. */
  takeUid(uid: number, path: string): LimitVerdict {
    const limit = ENDPOINT_LIMITS[path] ?? DEFAULT_ENDPOINT_LIMIT;
    const key = `uid ${uid} ${path}`;
    const admitted = this.counter.admit([{ key, limit, windowMs: UID_WINDOW_MS }]);
    const used = this.counter.usage(key);
    return admitted
      ? { allowed: true, limit, remaining: Math.max(0, limit - used), resetAt: Date.now() }
      : { allowed: false, limit, remaining: 0, resetAt: Date.now() + Math.ceil(this.counter.msUntilRoom(key)) };
  }

  takeIp(ip: string): boolean {
    return this.counter.admit([{ key: `ip ${ip}`, limit: IP_LIMIT, windowMs: IP_WINDOW_MS }]) !== null;
  }

  peaks(): WindowPeak[] {
    return this.counter.peaks();
  }
}
