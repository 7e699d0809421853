/**
 * Keeps a client under an exchange's documented rate limit BEFORE it sends, so the exchange never
 * has to answer 429. A token bucket measured in the exchange's own unit (requests, or "weight"
 * where requests cost differently): `capacity` tokens refill continuously over `intervalMs`.
 */
export interface RateLimit {
  /** Tokens (requests or weight) allowed per interval. */
  capacity: number;
  intervalMs: number;
}

export class WeightedRateLimiter {
  private tokens: number;
  private updatedAt: number;
  private queue: Promise<void> = Promise.resolve();
  /** Wakes the caller at the head of the queue early when a refund makes its weight available. */
  private wakeHead: (() => void) | null = null;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = limit.capacity;
    this.updatedAt = clock();
  }

  /**
   * Waits until `weight` tokens are available, then takes them. Callers are served in order, so a
   * heavy request is not starved by a stream of light ones.
   */
  acquire(weight = 1, signal?: AbortSignal): Promise<void> {
    const cost = Math.min(weight, this.limit.capacity);
    const turn = this.queue.then(() => this.take(cost, signal));
    // A cancelled waiter must not block the ones behind it.
    this.queue = turn.catch(() => undefined);
    // Nor wait for the ones ahead of it (another account's requests on a shared budget): it leaves
    // at once, and its turn, when it comes, takes nothing.
    return signal ? untilAborted(turn, signal) : turn;
  }

  /**
   * Gives back weight a request reserved but did not use. Some exchanges charge by the size of the
   * answer (Hyperliquid: extra weight per 20 fills returned), so a client reserves the worst case
   * before sending and returns the difference once it knows the real cost. Never raises the
   * bucket above its capacity, and wakes a waiter that the refund now satisfies.
   */
  refund(weight: number): void {
    if (!Number.isFinite(weight) || weight <= 0) return;
    this.refill();
    this.tokens = Math.min(this.limit.capacity, this.tokens + weight);
    this.wakeHead?.();
  }

  /** Forces a pause, e.g. when the exchange said "reset at T" despite our pacing. */
  drainUntil(resumeAtMs: number): void {
    const waitMs = resumeAtMs - this.clock();
    if (waitMs <= 0) return;
    this.refill();
    this.tokens = Math.min(this.tokens, 0) - (waitMs * this.limit.capacity) / this.limit.intervalMs;
  }

  private refill(): void {
    const now = this.clock();
    const rate = this.limit.capacity / this.limit.intervalMs;
    this.tokens = Math.min(this.limit.capacity, this.tokens + (now - this.updatedAt) * rate);
    this.updatedAt = now;
  }

  private async take(cost: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      this.refill();
      if (this.tokens >= cost) {
        this.tokens -= cost;
        return;
      }
      const rate = this.limit.capacity / this.limit.intervalMs;
      await this.nap(Math.ceil((cost - this.tokens) / rate), signal);
    }
  }

  /** Sleeps like `sleep`, but a refund ends the nap early so the freed weight is used at once. */
  private async nap(ms: number, signal?: AbortSignal): Promise<void> {
    const refunded = new Promise<void>((resolve) => {
      this.wakeHead = resolve;
    });
    const timer = new AbortController();
    const both = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
    const timed = sleep(ms, both);
    timed.catch(() => undefined); // aborted by `timer` below once the refund has won the race
    try {
      await Promise.race([timed, refunded]);
    } finally {
      this.wakeHead = null;
      timer.abort(); // stops the timer when the refund won the race
    }
  }
}

function untilAborted(turn: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Limiters are shared by every account that spends the same budget (Hyperliquid limits per IP,
 * Bybit per UID), so two accounts syncing at once still stay under the limit together.
 */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, WeightedRateLimiter>();

  get(key: string, limit: RateLimit): WeightedRateLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new WeightedRateLimiter(limit);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}

export const sharedRateLimiters = new RateLimiterRegistry();
