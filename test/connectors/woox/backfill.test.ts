/**
 * The whole path at the exchange's real limits: a two-year backfill through a simulator that
 * enforces WOO X's per-account rate limits, with every kind of fault injected along the way and a
 * crash in the middle, must end with exactly the exchange's daily numbers and without a single 429.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createWooxConnector } from '../../../src-main/connectors/woox/descriptor.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../../sim/woox/simulator.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';

const NOW = Date.UTC(2025, 8, 15, 9, 30);
let sim: WooxSimulatorHandle;

before(async () => {
  // A slow answer still within the timeout (a request that times out ends the pass: 504, not retried).
  sim = await startWooxSimulator({ seed: 2024, fillsPerAccount: 2_500, days: 730, now: () => NOW, slowMs: 600 });
});
after(() => sim.close());

// Production pacing and limits; only backoff and timeout are shortened so faults resolve quickly.
const connector = () =>
  createWooxConnector(
    { baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials },
    { client: { clock: () => NOW, retry: { baseDelayMs: 20, maxDelayMs: 200 }, timeoutMs: 1_000 } },
  );

test('a two-year backfill under injected faults and a crash ends with exact daily numbers and no 429', async () => {
  const collector = new FillCollector();
  // Faults arrive in bursts between pages; each burst is shorter than the retry budget.
  const bursts: [Parameters<WooxSimulatorHandle['injectFaults']>[0], number][][] = [
    [['rate_limit', 1], ['server_error', 2]],
    [['reset', 1], ['truncated_json', 1]],
    [['slow', 1], ['server_error', 1]],
    [['truncated_json', 2], ['reset', 1]],
    [['rate_limit', 2]],
  ];
  for (const burst of bursts.slice(0, 3)) {
    for (const [kind, count] of burst) sim.injectFaults(kind, count);
    await collector.run(connector(), NOW, 3);
  }
  // The app was killed after those pages; a new connector resumes from the last committed cursor.
  for (const burst of bursts.slice(3)) {
    for (const [kind, count] of burst) sim.injectFaults(kind, count);
    await collector.run(connector(), NOW, 4);
  }
  await collector.run(connector(), NOW);

  assert.equal(collector.pages.at(-1)!.progress, 1);
  const truth = sim.accounts[0]!.truth();
  assert.ok(truth.size > 500, 'the history covers most days of two years');
  assert.deepEqual(sortedDays(collector.daily()), sortedDays(truth));
  const fees = [...collector.byTradeId.values()].map((fill) => fill.feeMicros);
  assert.ok(fees.some((fee) => fee !== null && fee < 0), 'maker rebates came through as negative fees');
  assert.equal(sim.stats().rateLimited, 0, 'the paced client never hit the exchange limit');
});
