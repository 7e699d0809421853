import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RateLimiterRegistry, WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';

const HOUR = 3_600_000;

/** Whether a promise has settled after the event loop had a real chance to run its timers. */
async function settledAfter<T>(promise: Promise<T>, ms = 60): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}

/** A clock the test moves by hand, so "time passing" is a decision and not a measurement. */
function manualClock(start = 1_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('WeightedRateLimiter.acquire', () => {
  test('serves callers in arrival order, so a heavy request is not overtaken by a light one', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 4, intervalMs: 100 });
    await limiter.acquire(4);
    const order: string[] = [];
    const heavy = limiter.acquire(4).then(() => order.push('heavy'));
    const light = limiter.acquire(1).then(() => order.push('light'));
    await Promise.all([heavy, light]);
    assert.deepEqual(order, ['heavy', 'light']);
  });

  test('a request heavier than the whole budget waits for a full bucket instead of forever', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 3, intervalMs: HOUR });
    await limiter.acquire(50);
    const controller = new AbortController();
    const next = limiter.acquire(1, controller.signal);
    assert.equal(await settledAfter(next.catch(() => undefined)), false, 'the budget is spent');
    controller.abort(new Error('done'));
    await assert.rejects(next, /done/);
  });

  test('an already aborted signal rejects with its reason without taking weight', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 2, intervalMs: HOUR });
    const reason = new Error('user cancelled');
    await assert.rejects(limiter.acquire(1, AbortSignal.abort(reason)), (error) => error === reason);
    await limiter.acquire(2); // both tokens are still there
  });

  test('aborting a waiting caller rejects it and lets the callers behind it through', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 5, intervalMs: HOUR });
    await limiter.acquire(5);
    const controller = new AbortController();
    const waiting = limiter.acquire(5, controller.signal);
    const behind = limiter.acquire(2);
    controller.abort(new Error('sync cancelled'));
    await assert.rejects(waiting, /sync cancelled/);
    limiter.refund(2);
    await behind;
  });

  test('aborting a caller queued behind another account leaves at once instead of waiting for that account', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 5, intervalMs: HOUR });
    await limiter.acquire(5);
    const otherAccount = new AbortController();
    const ahead = limiter.acquire(5, otherAccount.signal);
    const cancelled = new AbortController();
    const queued = limiter.acquire(1, cancelled.signal);
    cancelled.abort(new Error('account removed'));
    assert.equal(await settledAfter(queued.catch(() => undefined)), true, 'the cancelled caller does not wait an hour');
    await assert.rejects(queued, /account removed/);
    otherAccount.abort(new Error('cleanup'));
    await assert.rejects(ahead, /cleanup/);
    limiter.refund(1);
    await limiter.acquire(1); // the cancelled caller took nothing
  });
});

describe('WeightedRateLimiter.refund', () => {
  test('weight given back lets a waiting request go without waiting for the refill', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 120, intervalMs: HOUR });
    await limiter.acquire(120); // a worst-case fills request…
    const next = limiter.acquire(100);
    assert.equal(await settledAfter(next), false, 'nothing left until the refill');
    limiter.refund(100); // …whose answer cost only 20
    await next;
  });

  test('a refund never lifts the budget above its capacity', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 10, intervalMs: HOUR });
    limiter.refund(500);
    await limiter.acquire(10);
    const controller = new AbortController();
    const over = limiter.acquire(1, controller.signal);
    assert.equal(await settledAfter(over.catch(() => undefined)), false, 'the 11th unit is not there');
    controller.abort(new Error('done'));
    await assert.rejects(over, /done/);
  });

  test('zero, negative and non-numeric refunds change nothing', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 4, intervalMs: HOUR });
    await limiter.acquire(4);
    for (const weight of [0, -10, Number.NaN, Number.POSITIVE_INFINITY]) limiter.refund(weight);
    const controller = new AbortController();
    const next = limiter.acquire(1, controller.signal);
    assert.equal(await settledAfter(next.catch(() => undefined)), false);
    controller.abort(new Error('done'));
    await assert.rejects(next, /done/);
  });

  test('a refund pays back debt left by drainUntil before it frees anything', async () => {
    const clock = manualClock();
    const limiter = new WeightedRateLimiter({ capacity: 10, intervalMs: 1_000 }, clock.now);
    limiter.drainUntil(clock.now() + 1_000); // 10 units of debt
    limiter.refund(5);
    const controller = new AbortController();
    const next = limiter.acquire(1, controller.signal);
    assert.equal(await settledAfter(next.catch(() => undefined)), false, 'still 5 in debt');
    controller.abort(new Error('done'));
    await assert.rejects(next, /done/);
  });
});

describe('WeightedRateLimiter.drainUntil', () => {
  test('holds every caller until the reset time the exchange announced', async () => {
    const clock = manualClock();
    const limiter = new WeightedRateLimiter({ capacity: 2, intervalMs: 20 }, clock.now);
    limiter.drainUntil(clock.now() + 200);
    const next = limiter.acquire(1);
    assert.equal(await settledAfter(next), false, 'the clock has not reached the reset time');
    clock.advance(200 + 10); // past the reset, plus the time one unit takes to refill
    await next;
  });

  test('a reset time already past changes nothing', async () => {
    const clock = manualClock();
    const limiter = new WeightedRateLimiter({ capacity: 3, intervalMs: HOUR }, clock.now);
    limiter.drainUntil(clock.now() - 5_000);
    await limiter.acquire(3);
  });
});

describe('RateLimiterRegistry', () => {
  test('accounts that spend one budget get the same limiter, others get their own', () => {
    const registry = new RateLimiterRegistry();
    const limit = { capacity: 1200, intervalMs: 60_000 };
    const a = registry.get('hyperliquid https://api.hyperliquid.xyz', limit);
    assert.equal(registry.get('hyperliquid https://api.hyperliquid.xyz', limit), a);
    assert.notEqual(registry.get('hyperliquid http://127.0.0.1:1234', limit), a);
  });
});
