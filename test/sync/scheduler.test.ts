import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cronForInterval, SyncScheduler } from '../../src-main/sync/scheduler.ts';
import type { SyncEngine } from '../../src-main/sync/sync-engine.ts';

describe('SyncScheduler', () => {
  test('every N minutes becomes a cron rule; nonsense intervals are refused', () => {
    assert.equal(cronForInterval(5), '*/5 * * * *');
    assert.equal(cronForInterval(120), '0 */2 * * *');
    assert.equal(cronForInterval(1440), '0 0 * * *');
    assert.throws(() => cronForInterval(0), RangeError);
    assert.throws(() => cronForInterval(2.5), RangeError);
  });

  test('start syncs every account at once, and stop cancels the schedule', async () => {
    let calls = 0;
    const engine = { syncAccounts: async () => (calls++, []) } as unknown as SyncEngine;
    const scheduler = new SyncScheduler(engine);
    assert.equal(scheduler.intervalMinutes, 5);
    scheduler.start();
    scheduler.start(); // idempotent
    assert.equal(calls, 1);
    assert.equal(scheduler.running, true);
    scheduler.stop();
    assert.equal(scheduler.running, false);
  });

  test('a failing pass is reported to onError instead of crashing the process', async () => {
    const errors: unknown[] = [];
    const engine = { syncAccounts: () => Promise.reject(new Error('database gone')) } as unknown as SyncEngine;
    const scheduler = new SyncScheduler(engine, { onError: (error) => errors.push(error) });
    scheduler.start();
    scheduler.stop();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal((errors[0] as Error).message, 'database gone');
  });
});
