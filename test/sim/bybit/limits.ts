/**
 * Bybit's rate limits as the simulator enforces them (https://bybit-exchange.github.io/docs/v5/rate-limit):
 * per UID and endpoint, a rolling one-second window (10/s for execution list and key info), answered
 * with retCode 10006 and X-Bapi-Limit* headers; per IP, 600 requests per 5 s, answered with HTTP 403.
 */
export const ENDPOINT_LIMITS: Record<string, number> = {
  '/v5/execution/list': 10,
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
  /** When the window frees a slot (if refused) or now (if allowed), as Bybit's header says. */
  resetAt: number;
}

/** Timestamps of accepted requests per key, kept only as long as a window needs them. */
export class RollingWindows {
  private readonly hits = new Map<string, number[]>();

  take(key: string, limit: number, windowMs: number, now: number): LimitVerdict {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return { allowed: false, limit, remaining: 0, resetAt: recent[0]! + windowMs };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, limit, remaining: limit - recent.length, resetAt: now };
  }
}
