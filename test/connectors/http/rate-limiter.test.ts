import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { IN_FLIGHT_ALLOWANCE_MS, SPENDING_FILE_NAME, SpendingFile } from '../../../src-main/connectors/http/limiter-spending-file.ts';
import { CombinedBudget, RateLimiterRegistry, WeightedRateLimiter, type Permit } from '../../../src-main/connectors/http/rate-limiter.ts';
import { mulberry32 } from '../../sim/random-history.ts';
import { SimulatedClock } from '../../support/simulated-clock.ts';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perpvol-limiter-'));
  dirs.push(dir);
  return dir;
}

/** Acquires in the background and reports when the permit came (simulated time), or null if not yet. */
function track(promise: Promise<Permit>, clock: SimulatedClock): { at: () => number | null; permit: () => Permit } {
  let at: number | null = null;
  let permit: Permit | null = null;
  promise.then(
    (granted) => {
      at = clock.now();
      permit = granted;
    },
    () => undefined,
  );
  return {
    at: () => at,
    permit: () => {
      assert.ok(permit, 'the permit was granted');
      return permit;
    },
  };
}

describe('WeightedRateLimiter: N per window', () => {
  test('N requests go at once from start-up; the next waits one window after the first answer', async () => {
    const clock = new SimulatedClock();
    const start = clock.now();
    const limiter = new WeightedRateLimiter({ capacity: 3, intervalMs: 1_000 }, { clock });
    const first = [track(limiter.acquire(1), clock), track(limiter.acquire(1), clock), track(limiter.acquire(1), clock)];
    const fourth = track(limiter.acquire(1), clock);
    await clock.settle();
    assert.deepEqual(first.map((t) => t.at()), [start, start, start]);
    assert.equal(fourth.at(), null, 'a fourth in the same window must wait');
    // Answers come back after 40, 60 and 80 ms: each request counts for one window from its answer.
    first.forEach((t, i) => clock.at(start + 40 + 20 * i, () => t.permit().complete()));
    await clock.run();
    assert.equal(fourth.at(), start + 40 + 1_000);
  });

  test('a request still in flight holds its weight until it is answered, however long that takes', async () => {
    const clock = new SimulatedClock();
    const limiter = new WeightedRateLimiter({ capacity: 1, intervalMs: 100 }, { clock });
    const slow = await limiter.acquire(1);
    const next = track(limiter.acquire(1), clock);
    await clock.advance(10_000);
    assert.equal(next.at(), null);
    slow.complete();
    await clock.run();
    assert.equal(next.at(), clock.now());
  });

  test('a request heavier than the whole budget waits for an empty window instead of forever', async () => {
    const clock = new SimulatedClock();
    const limiter = new WeightedRateLimiter({ capacity: 3, intervalMs: 500 }, { clock });
    (await limiter.acquire(1)).complete();
    const heavy = track(limiter.acquire(50), clock);
    await clock.run();
    assert.equal(heavy.at(), clock.now());
    assert.equal(limiter.spentNow(), 3);
  });

  test('callers are served in arrival order, so a heavy request is not overtaken by a light one', async () => {
    const clock = new SimulatedClock();
    const limiter = new WeightedRateLimiter({ capacity: 4, intervalMs: 100 }, { clock });
    (await limiter.acquire(4)).complete();
    const order: string[] = [];
    void limiter.acquire(4).then((p) => (order.push('heavy'), p.complete()));
    void limiter.acquire(1).then((p) => (order.push('light'), p.complete()));
    await clock.run();
    assert.deepEqual(order, ['heavy', 'light']);
  });

  test('weight a request did not use (settle) lets the next one go at once', async () => {
    const clock = new SimulatedClock();
    const limiter = new WeightedRateLimiter({ capacity: 1_200, intervalMs: 60_000 }, { clock });
    const fills = await limiter.acquire(1_200); // budgeted for the largest answer…
    const next = track(limiter.acquire(100), clock);
    await clock.settle();
    assert.equal(next.at(), null);
    fills.complete();
    fills.settle(40); // …which cost 40
    await clock.settle();
    assert.equal(next.at(), clock.now());
  });

  test('settle never raises a request above what it reserved; nonsense is ignored', async () => {
    const clock = new SimulatedClock();
    const limiter = new WeightedRateLimiter({ capacity: 10, intervalMs: 1_000 }, { clock });
    const permit = await limiter.acquire(4);
    for (const weight of [50, -1, Number.NaN, Number.POSITIVE_INFINITY]) permit.settle(weight);
    assert.equal(limiter.spentNow(), 4);
  });

  test('pauseFor holds every caller until the reset the exchange announced', async () => {
    const clock = new SimulatedClock();
    const start = clock.now();
    const limiter = new WeightedRateLimiter({ capacity: 5, intervalMs: 100 }, { clock });
    limiter.pauseFor(2_500);
    const next = track(limiter.acquire(1), clock);
    await clock.run();
    assert.equal(next.at(), start + 2_500);
  });

  test('an aborted waiter leaves at once, takes nothing, and does not hold up the callers behind it', async () => {
    const clock = new SimulatedClock();
    const limiter = new WeightedRateLimiter({ capacity: 2, intervalMs: 1_000 }, { clock });
    const held = await limiter.acquire(2);
    const controller = new AbortController();
    const waiting = limiter.acquire(1, controller.signal);
    const behind = track(limiter.acquire(2), clock);
    controller.abort(new Error('account removed'));
    await assert.rejects(waiting, /account removed/);
    held.complete();
    await clock.run();
    assert.notEqual(behind.at(), null);
    assert.equal(limiter.spentNow(), 2, 'only the caller behind took weight');
  });

  test('an already aborted signal rejects with its reason without taking weight', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 2, intervalMs: 60_000 }, { clock: new SimulatedClock() });
    const reason = new Error('user cancelled');
    await assert.rejects(limiter.acquire(1, AbortSignal.abort(reason)), (error) => error === reason);
    assert.equal(limiter.spentNow(), 0);
  });
});

describe('CombinedBudget', () => {
  test('every limit applies, and a request that cannot get them all gives back what it got', async () => {
    const clock = new SimulatedClock();
    const perSecond = new WeightedRateLimiter({ capacity: 2, intervalMs: 1_000 }, { clock });
    const perMinute = new WeightedRateLimiter({ capacity: 3, intervalMs: 60_000 }, { clock });
    const budget = new CombinedBudget([perSecond, perMinute]);
    assert.equal(budget.windowMs, 60_000);
    for (let i = 0; i < 3; i++) {
      const got = track(budget.acquire(1), clock);
      await clock.run();
      got.permit().complete();
    }
    const controller = new AbortController();
    const fourth = budget.acquire(1, controller.signal);
    await clock.advance(5_000); // the per-second window is free again, the per-minute one is not
    controller.abort(new Error('gave up'));
    await assert.rejects(fourth, /gave up/);
    assert.equal(perSecond.spentNow(), 0, 'the per-second weight it had taken was given back');
  });
});

describe('after a restart (the spending log in the data dir)', () => {
  test('a quick restart waits until what the previous run sent has left the window', async () => {
    const dir = dataDir();
    const clock = new SimulatedClock();
    const start = clock.now();
    const before = new WeightedRateLimiter({ capacity: 5, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
    for (let i = 0; i < 5; i++) (await before.acquire(1)).complete();
    await clock.advance(10_000); // killed, restarted 10 s later
    const after = new WeightedRateLimiter({ capacity: 5, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
    const next = track(after.acquire(1), clock);
    await clock.run();
    assert.equal(next.at(), start + IN_FLIGHT_ALLOWANCE_MS + 60_000);
  });

  test('a start long after the last run does not wait at all', async () => {
    const dir = dataDir();
    const clock = new SimulatedClock();
    const before = new WeightedRateLimiter({ capacity: 5, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
    for (let i = 0; i < 5; i++) (await before.acquire(1)).complete();
    await clock.advance(3_600_000);
    const after = new WeightedRateLimiter({ capacity: 5, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
    const next = track(after.acquire(5), clock);
    await clock.settle();
    assert.equal(next.at(), clock.now());
  });

  test('a restart that spent little keeps the rest of the budget', async () => {
    const dir = dataDir();
    const clock = new SimulatedClock();
    const before = new WeightedRateLimiter({ capacity: 1_200, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
    (await before.acquire(120)).complete();
    await clock.advance(1_000);
    const after = new WeightedRateLimiter({ capacity: 1_200, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
    const next = track(after.acquire(1_080), clock);
    await clock.settle();
    assert.equal(next.at(), clock.now(), 'the 1080 weight the previous run did not spend is there');
  });

  test('a cancelled permit (nothing reached the exchange) is struck from the record: a restart does not wait for it', async () => {
    const dir = dataDir();
    const clock = new SimulatedClock();
    const before = new WeightedRateLimiter({ capacity: 5, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
    (await before.acquire(2)).complete();
    for (let i = 0; i < 3; i++) (await before.acquire(1)).cancel();
    await clock.advance(1_000);
    const after = new WeightedRateLimiter({ capacity: 5, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
    assert.equal(after.spentNow(), 2, 'only what was really sent');
    const next = track(after.acquire(3), clock);
    await clock.settle();
    assert.equal(next.at(), clock.now());
  });

  test('an unreadable record counts every window as spent', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, SPENDING_FILE_NAME), '{"limiters": [garbage');
    const clock = new SimulatedClock();
    const start = clock.now();
    const limiter = new WeightedRateLimiter({ capacity: 5, intervalMs: 1_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'x' });
    const next = track(limiter.acquire(1), clock);
    await clock.run();
    assert.equal(next.at(), start + 1_000);
  });

  test('no record at all is a data dir that never sent: nothing to wait for', async () => {
    const clock = new SimulatedClock();
    const limiter = new WeightedRateLimiter({ capacity: 5, intervalMs: 60_000 }, { clock, log: new SpendingFile(dataDir(), clock.now()), key: 'x' });
    const next = track(limiter.acquire(5), clock);
    await clock.settle();
    assert.equal(next.at(), clock.now());
  });
});

interface Arrival {
  at: number;
  weight: number;
}

/**
 * One random life of a limiter: callers with random weights, think times (bursts included) and
 * answer delays, answers that cost less than reserved, and restarts at random moments (the
 * process dies; its requests in flight still arrive). Returns what the exchange saw arrive.
 */
async function randomSchedule(seed: number): Promise<{ arrivals: Arrival[]; capacity: number; windowMs: number; served: number }> {
  const random = mulberry32(seed);
  const pick = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const capacity = pick(1, 12);
  const windowMs = [100, 250, 1_000, 5_000, 60_000][pick(0, 4)]!;
  const clock = new SimulatedClock();
  const dir = dataDir();
  const arrivals: Arrival[] = [];
  let served = 0;
  let lives = pick(1, 4);

  while (lives-- > 0) {
    const limiter = new WeightedRateLimiter({ capacity, intervalMs: windowMs }, { clock, log: new SpendingFile(dir, clock.now()), key: 'budget' });
    const alive = { value: true };
    const process = new AbortController();
    const lifeMs = pick(windowMs, windowMs * 6);
    const callers = Array.from({ length: pick(1, 4) }, async () => {
      while (alive.value) {
        const burst = random() < 0.3;
        if (!burst) await clock.sleep(pick(0, Math.ceil(windowMs / 2)));
        if (!alive.value) return;
        const weight = random() < 0.1 ? capacity + pick(1, 5) : pick(1, Math.max(1, Math.ceil(capacity / 3)));
        const permit = await limiter.acquire(weight, process.signal).catch(() => null);
        if (!permit) return; // the process died while this caller waited
        served += 1;
        const reserved = Math.min(weight, capacity);
        const used = random() < 0.3 ? pick(0, reserved) : reserved;
        // The exchange counts the request somewhere between our send and its answer; a slow answer
        // may take longer than a window. Arrivals are bounded by the spending log's allowance.
        const latency = random() < 0.1 ? pick(windowMs, windowMs * 3) : pick(0, Math.ceil(windowMs / 3));
        const arrival = Math.min(pick(0, latency), IN_FLIGHT_ALLOWANCE_MS);
        const sentAt = clock.now();
        clock.at(sentAt + arrival, () => arrivals.push({ at: sentAt + arrival, weight: used }));
        await clock.sleep(latency);
        if (!alive.value) return; // killed mid-request: the answer never comes back to anyone
        permit.complete();
        if (used < reserved) permit.settle(used);
      }
    });
    clock.at(clock.now() + lifeMs, () => {
      alive.value = false; // SIGKILL: nothing more is sent, nothing more is answered to this process
      process.abort(new Error('killed'));
    });
    await clock.run(clock.now() + lifeMs);
    void Promise.allSettled(callers);
    await clock.advance(pick(0, 1) === 0 ? pick(0, windowMs) : pick(0, windowMs * 3)); // downtime
  }
  await clock.run();
  return { arrivals: arrivals.sort((a, b) => a.at - b.at), capacity, windowMs, served };
}

describe('no window ever holds more than N (random schedules)', () => {
  test('over 300 random schedules with bursts, slow answers, refunds and restarts', async () => {
    let checkedArrivals = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { arrivals, capacity, windowMs, served } = await randomSchedule(seed);
      assert.ok(served > 0, `seed ${seed}: requests were served`);
      let start = 0;
      let total = 0;
      for (const arrival of arrivals) {
        total += arrival.weight;
        while (arrivals[start]!.at <= arrival.at - windowMs) total -= arrivals[start++]!.weight;
        assert.ok(total <= capacity, `seed ${seed}: ${total} weight arrived within ${windowMs} ms (limit ${capacity}) at ${arrival.at}`);
      }
      checkedArrivals += arrivals.length;
    }
    assert.ok(checkedArrivals > 3_000, `enough traffic was checked (${checkedArrivals} arrivals)`);
  });
});

describe('RateLimiterRegistry', () => {
  test('accounts that spend one budget get the same limiter, others get their own', () => {
    const registry = new RateLimiterRegistry();
    const limit = { capacity: 1200, intervalMs: 60_000 };
    const a = registry.get(['hyperliquid', 'https://api.hyperliquid.xyz/info'], limit);
    assert.equal(registry.get(['hyperliquid', 'https://api.hyperliquid.xyz'], limit), a);
    assert.notEqual(registry.get(['hyperliquid', 'http://127.0.0.1:1234'], limit), a);
  });

  test('limiters note what they send in the log the registry keeps, and read it back when created', async () => {
    const dir = dataDir();
    const clock = new SimulatedClock();
    const first = new RateLimiterRegistry();
    first.useClock(clock);
    first.keepSpendingLog(new SpendingFile(dir, clock.now()));
    (await first.get(['k', 'https://api.example.com', 'ip'], { capacity: 2, intervalMs: 60_000 }).acquire(2)).complete();
    const second = new RateLimiterRegistry();
    second.useClock(clock);
    second.keepSpendingLog(new SpendingFile(dir, clock.now()));
    assert.equal(second.get(['k', 'https://api.example.com', 'ip'], { capacity: 2, intervalMs: 60_000 }).spentNow(), 2);
  });
});
