/**
 * Keeps Perpvol under an exchange's documented "N requests (or N weight) per window" BEFORE it sends
 * (docs/exchanges.md, "Rate limits"): a sliding log, not a token bucket, which starting full could
 * spend 2N in its first window. Each request counts from the moment it is allowed until one window
 * AFTER it is over, so the rule holds at the exchange whatever the network delay (proof in
 * test/connectors/http/rate-limiter.test.ts, over random schedules).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SpendingLog } from './limiter-spending-file.ts';

/**
 * Time as the rate limiters see it: ms since the epoch read from the monotonic clock, which never
 * steps back within a process and is comparable across restarts (the spending log needs both).
 * Tests hand in a simulated clock, so that "a window passes" is a decision, not a wait.
 */
export interface LimiterClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: LimiterClock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

/** At most `capacity` units (requests, or the exchange's weight) inside any `intervalMs` window. */
export interface RateLimit {
  capacity: number;
  intervalMs: number;
}

/** One allowed request. The HTTP client ends every permit it gets; nothing else has to. */
export interface Permit {
  /** The request is over (answered, failed or abandoned): it counts for one window from now. */
  complete(): void;
  /** What the request really cost, when the exchange charges by the size of its answer (≤ reserved). */
  settle(usedWeight: number): void;
  /** Nothing reached the exchange after all (a later budget refused, connection refused): the weight comes back whole. */
  cancel(): void;
}

/** Something a request spends before it is sent: one limit, or several that all apply. */
export interface RateBudget {
  /** The longest window of the limits behind it: how long a spent budget takes to free up. */
  readonly windowMs: number;
  /** Waits until `weight` fits, then takes it, serving callers in arrival order. */
  acquire(weight?: number, signal?: AbortSignal): Promise<Permit>;
  /** Holds every caller for `ms`: the exchange said the limit is spent (another program shares it). */
  pauseFor(ms: number): void;
}

/** A wait for requests in flight is re-checked at least this often (they always end: each has a timeout). */
const LONGEST_NAP_MS = 60_000;

interface Spend {
  weight: number;
  /** When the request was over; Infinity while it is in flight. */
  endedAt: number;
}

/** `log`: where sends are noted under `key`, and what an earlier process spent is read back from. */
export interface LimiterOptions {
  clock?: LimiterClock;
  log?: SpendingLog;
  key?: string;
}

export class WeightedRateLimiter implements RateBudget {
  private spends: Spend[];
  private pausedUntil = -Infinity;
  private queue: Promise<unknown> = Promise.resolve();
  /** Wakes the caller at the head of the queue when a request ends or gives weight back. */
  private wakeHead: (() => void) | null = null;
  private readonly clock: LimiterClock;
  private readonly log: SpendingLog | undefined;
  private readonly key: string;

  constructor(
    readonly limit: RateLimit,
    options: LimiterOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.key = options.key ?? '';
    this.log = options.key === undefined ? undefined : options.log;
    // What an earlier process sent under this key still counts at the exchange.
    this.spends = (this.log?.spentRecently(this.key, this.clock.now(), limit.intervalMs) ?? []).map(([at, weight]) => ({ weight, endedAt: at }));
  }

  get windowMs(): number {
    return this.limit.intervalMs;
  }

  acquire(weight = 1, signal?: AbortSignal): Promise<Permit> {
    // A request heavier than the whole budget waits for an empty window instead of forever.
    const cost = Number.isFinite(weight) && weight > 0 ? Math.min(weight, this.limit.capacity) : 0;
    const turn = this.queue.then(() => this.take(cost, signal));
    // A cancelled waiter must not block the ones behind it.
    this.queue = turn.catch(() => undefined);
    if (!signal) return turn;
    // Nor wait for the ones ahead of it (another account's requests on a shared budget): it leaves
    // at once, and its turn, when it comes, takes nothing.
    return untilAborted(turn, signal);
  }

  pauseFor(ms: number): void {
    if (ms > 0) this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** Weight counted right now (tests and diagnostics). */
  spentNow(): number {
    this.forgetExpired(this.clock.now());
    return this.used();
  }

  private used(): number {
    return this.spends.reduce((sum, spend) => sum + spend.weight, 0);
  }

  private async take(cost: number, signal?: AbortSignal): Promise<Permit> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      this.forgetExpired(now);
      const waitMs = now < this.pausedUntil ? this.pausedUntil - now : this.waitFor(cost, now);
      if (waitMs <= 0) return this.grant(cost, now);
      await this.nap(waitMs, signal);
    }
  }

  /** ms until `cost` fits: 0 now, Infinity when only a request still in flight can free it. */
  private waitFor(cost: number, now: number): number {
    let used = this.used();
    if (used + cost <= this.limit.capacity) return 0;
    const freed = this.spends
      .filter((spend) => spend.endedAt !== Infinity)
      .map((spend) => ({ at: spend.endedAt + this.limit.intervalMs, weight: spend.weight }))
      .sort((a, b) => a.at - b.at);
    for (const { at, weight } of freed) {
      used -= weight;
      if (used + cost <= this.limit.capacity) return at - now;
    }
    return Infinity;
  }

  private grant(cost: number, now: number): Permit {
    const spend: Spend = { weight: cost, endedAt: Infinity };
    this.spends.push(spend);
    this.log?.noteSend(this.key, cost, now, this.limit.intervalMs);
    return {
      complete: () => {
        if (spend.endedAt !== Infinity) return;
        spend.endedAt = this.clock.now();
        this.wakeHead?.();
      },
      settle: (usedWeight) => {
        if (!Number.isFinite(usedWeight) || usedWeight < 0 || usedWeight >= spend.weight) return;
        spend.weight = usedWeight;
        this.wakeHead?.();
      },
      cancel: () => {
        if (!this.spends.includes(spend)) return;
        this.spends = this.spends.filter((other) => other !== spend);
        this.log?.forgetSend(this.key, spend.weight, now);
        this.wakeHead?.();
      },
    };
  }

  private forgetExpired(now: number): void {
    if (this.spends.some((spend) => spend.endedAt + this.limit.intervalMs <= now)) {
      this.spends = this.spends.filter((spend) => spend.endedAt + this.limit.intervalMs > now);
    }
  }

  /** Sleeps `ms`, ending early when a request ends or weight comes back (the only way out of Infinity). */
  private async nap(ms: number, signal?: AbortSignal): Promise<void> {
    const stop = new AbortController(); // ends the timer when something else ended the nap
    // A caller that leaves ends the nap too; `take` then throws its reason.
    const timed = this.clock.sleep(Math.min(ms, LONGEST_NAP_MS), signal ? AbortSignal.any([signal, stop.signal]) : stop.signal).catch(() => undefined);
    await Promise.race([timed, new Promise<void>((resolve) => (this.wakeHead = resolve))]);
    this.wakeHead = null;
    stop.abort();
  }
}

/**
 * Several limits that all apply to one request (Paradex: 120 per second AND 600 per minute per
 * account, plus 1500 per minute per IP). Taken in the order given, the most specific first; a
 * request that cannot get them all gives back the ones it got.
 */
export class CombinedBudget implements RateBudget {
  constructor(private readonly budgets: readonly RateBudget[]) {}

  get windowMs(): number {
    return Math.max(...this.budgets.map((budget) => budget.windowMs));
  }

  async acquire(weight = 1, signal?: AbortSignal): Promise<Permit> {
    const permits: Permit[] = [];
    try {
      for (const budget of this.budgets) permits.push(await budget.acquire(weight, signal));
    } catch (error) {
      for (const permit of permits) permit.cancel();
      throw error;
    }
    return {
      complete: () => permits.forEach((permit) => permit.complete()),
      settle: (used) => permits.forEach((permit) => permit.settle(used)),
      cancel: () => permits.forEach((permit) => permit.cancel()),
    };
  }

  /**
   * Pauses the first, most specific budget only (Bybit: this UID's route, not every account on this
   * IP): every request of this caller passes through it first, so all of them wait, while accounts
   * that merely share the wider budget carry on until the exchange tells them otherwise.
   */
  pauseFor(ms: number): void {
    this.budgets[0]?.pauseFor(ms);
  }
}

function untilAborted(turn: Promise<Permit>, signal: AbortSignal): Promise<Permit> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    turn.then(
      (permit) => {
        signal.removeEventListener('abort', onAbort);
        // The turn came just as the caller left: nothing will be sent under it.
        if (signal.aborted) permit.cancel();
        else resolve(permit);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** One limiter per budget, shared by every account that spends it; sends noted in the spending log once one is kept. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, WeightedRateLimiter>();
  private log: SpendingLog | null = null;
  private clock: LimiterClock = realClock;
  /** The log as the limiters see it: whichever one the registry keeps at the moment. */
  private readonly currentLog: SpendingLog = {
    spentRecently: (key, now, windowMs) => this.log?.spentRecently(key, now, windowMs) ?? [],
    noteSend: (key, weight, now, windowMs) => this.log?.noteSend(key, weight, now, windowMs),
    forgetSend: (key, weight, notedAt) => this.log?.forgetSend(key, weight, notedAt),
  };

  /**
   * For test processes only (a crash test's child replays a predecessor's spending without waiting
   * out real minutes): the clock every limiter reads. Refused once a limiter exists: two would disagree.
   */
  useClock(clock: LimiterClock): void {
    if (this.limiters.size > 0) throw new Error('useClock must be called before any rate limiter is made');
    this.clock = clock;
  }

  /**
   * The limiter of the budget `exchange origin scope…`, e.g. "woox https://api.woox.io key:3f2a…
   * /v3/trade/transactionHistory" (the spending log's key): the origin keeps testnet and mainnet (or a
   * simulator) apart, `scope` is what else the exchange counts by (docs/adding-an-exchange.md, "Requests").
   */
  get([exchange, baseUrl, ...scope]: readonly [exchange: string, baseUrl: string, ...scope: string[]], limit: RateLimit): WeightedRateLimiter {
    const key = [exchange, new URL(baseUrl).origin, ...scope].join(' ');
    const limiter = this.limiters.get(key) ?? new WeightedRateLimiter(limit, { clock: this.clock, log: this.currentLog, key });
    this.limiters.set(key, limiter);
    return limiter;
  }

  /** Where sends are noted from now on (the data dir's file), or null to stop noting them. */
  keepSpendingLog(log: SpendingLog | null): void {
    this.log = log;
  }

  get spendingLog(): SpendingLog | null {
    return this.log;
  }
}

export const sharedRateLimiters = new RateLimiterRegistry();
