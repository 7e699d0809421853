/**
 * Paradex's documented limits (https://docs.paradex.trade/api/general-information/rate-limits/api):
 *   public endpoints 1500 req/min per IP; POST /auth 600 req/min per IP (older docs: also 50 req/s);
 *   private GET /* 120 req/s OR 600 req/min per account, plus 1500 req/min per IP over all accounts.
 */
import { SlidingWindowCounter, type WindowPeak } from '../sliding-window.ts';

export interface ParadexSimRateLimits {
  publicPerMinute: number;
  authPerSecond: number;
  authPerMinute: number;
  privatePerSecond: number;
  privatePerMinute: number;
  ipPrivatePerMinute: number;
}

export const PARADEX_RATE_LIMITS: ParadexSimRateLimits = {
  publicPerMinute: 1500,
  authPerSecond: 50,
  authPerMinute: 600,
  privatePerSecond: 120,
  privatePerMinute: 600,
  ipPrivatePerMinute: 1500,
};

/**
 * Every limit as a sliding window (the stricter reading of Paradex's continuously refilling
 * buckets: a client that never puts N+1 into one window is never refused by a bucket of N either).
 */
export class ParadexSimLimiter {
  private readonly counter = new SlidingWindowCounter();

  constructor(private readonly limits: ParadexSimRateLimits) {}

  admitPublic(): boolean {
    return this.counter.admit([{ key: 'ip public', limit: this.limits.publicPerMinute, windowMs: 60_000 }]) !== null;
  }

  admitAuth(): boolean {
    return (
      this.counter.admit([
        { key: 'ip auth per second', limit: this.limits.authPerSecond, windowMs: 1_000 },
        { key: 'ip auth per minute', limit: this.limits.authPerMinute, windowMs: 60_000 },
      ]) !== null
    );
  }

  admitPrivate(account: string): boolean {
    return (
      this.counter.admit([
        { key: `account ${account} per second`, limit: this.limits.privatePerSecond, windowMs: 1_000 },
        { key: `account ${account} per minute`, limit: this.limits.privatePerMinute, windowMs: 60_000 },
        { key: 'ip private per minute', limit: this.limits.ipPrivatePerMinute, windowMs: 60_000 },
      ]) !== null
    );
  }

  /** Seconds until the window that refused last frees a slot (the Retry-After Paradex sends). */
  retryAfterSeconds(): number {
    const key = this.counter.lastRefusedKey;
    return Math.max(1, Math.ceil((key ? this.counter.msUntilRoom(key) : 0) / 1000));
  }

  peaks(): WindowPeak[] {
    return this.counter.peaks();
  }
}
