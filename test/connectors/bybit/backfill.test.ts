/**
 * Two-year backfills against a simulator that enforces Bybit's real rate limits. These run at
 * Bybit's own pace (about 210 requests at 50 per second per UID, never more in any one-second window).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createBybitConnector } from '../../../src-main/connectors/bybit/descriptor.ts';
import type { SyncCursor } from '../../../src-main/connectors/kit/connector.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../../sim/bybit/simulator.ts';
import { sortedDays } from '../../support/daily-totals.ts';
import { dailyTotals, NOW, runPass, unpaced } from './helpers.ts';

let sim: BybitSimulatorHandle;
before(async () => {
  sim = await startBybitSimulator({ seed: 11, fillsPerAccount: 4_000, now: () => NOW, slowMs: 1_500 });
});
after(() => sim.close());

test('a paced two-year backfill under injected faults ends with exact daily numbers and no rate-limit answers', async () => {
  // The app's own pacing (the shared per-key limiter); a short timeout so 'slow' answers time out.
  const connector = createBybitConnector(
    { baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials },
    { timeoutMs: 1_000, retry: { baseDelayMs: 50, maxDelayMs: 400 } },
  );
  const faults = ['rate_limit', 'server_error', 'slow', 'reset', 'truncated_json'] as const;
  const fills: Fill[] = [];
  let cursor: SyncCursor | null = null;
  let pages = 0;
  let done = false;
  sim.injectFaults('reset', 1);
  while (!done) {
    try {
      for await (const page of connector.pages(cursor, { signal: AbortSignal.timeout(300_000), now: NOW })) {
        fills.push(...page.fills);
        cursor = JSON.parse(JSON.stringify(page.cursor)) as SyncCursor;
        pages++;
        done = page.progress === 1;
        // Trouble all along the history, a different kind every 12 pages.
        if (pages % 12 === 0) sim.injectFaults(faults[(pages / 12) % faults.length]!, 2);
      }
    } catch (error) {
      // What the sync engine does with a retryable failure: resume later from the saved cursor.
      assert.equal((error as { retryable?: boolean }).retryable, true, String(error));
    }
  }
  assert.ok(pages > 200);
  assert.deepEqual(sortedDays(dailyTotals(fills)), sortedDays(sim.accounts[0]!.truth()));
  // dated futures are fetched too, counted apart: with them, the numbers still equal the truth
  const both = ['perpetual', 'dated_future'] as const;
  assert.ok(fills.some((fill) => fill.kind === 'dated_future'), 'the history has dated futures');
  assert.deepEqual(sortedDays(dailyTotals(fills, both)), sortedDays(sim.accounts[0]!.truth(both)));
  assert.deepEqual(sortedDays(dailyTotals(fills, ['dated_future'])), sortedDays(sim.accounts[0]!.truth(['dated_future'])));
  assert.equal(sim.stats().rateLimited, 0, 'a paced client is never told to slow down');
});

test('a client that ignores the pace waits exactly for each reset Bybit announces and still gets exact numbers', async () => {
  const connector = createBybitConnector(
    { baseUrl: sim.baseUrl, credentials: sim.accounts[1]!.credentials },
    { limiter: unpaced(), retry: { baseDelayMs: 50, maxDelayMs: 400 } },
  );
  const before = sim.stats().rateLimited;
  const { fills } = await runPass(connector, null);
  assert.ok(sim.stats().rateLimited > before, 'the simulator enforced its limit');
  assert.deepEqual(sortedDays(dailyTotals(fills)), sortedDays(sim.accounts[1]!.truth()));
});
