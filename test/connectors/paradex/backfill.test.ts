import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import type { Connector } from '../../../src-main/connectors/kit/connector.ts';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import type { FaultKind } from '../../sim/simulator.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';
import { fastOptions } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const FAULTS: FaultKind[] = ['server_error', 'reset', 'rate_limit', 'truncated_json', 'slow'];

/**
 * Syncs like the engine: commit each page, and after a retryable failure start again from the last
 * committed cursor. Between pages it injects faults, 1–3 at a time, rotating through every kind.
 */
async function syncUnderFaults(sim: ParadexSimulatorHandle, connector: Connector, collector: FillCollector): Promise<void> {
  let pageNumber = 0;
  for (;;) {
    try {
      for await (const page of connector.pages(collector.cursor, { now: NOW, signal: AbortSignal.timeout(120_000) })) {
        collector.add(page);
        pageNumber += 1;
        sim.injectFaults(FAULTS[pageNumber % FAULTS.length]!, (pageNumber % 3) + 1);
      }
      return;
    } catch (error) {
      if (!(error instanceof PerpvolError) || !error.retryable || collector.resumes > 100) throw error;
      collector.resumes += 1;
    }
  }
}

/** The credentials a user would add for each simulated account: main key, subkey, read-only token. */
function credentialsOf(sim: ParadexSimulatorHandle): { kind: string; index: number; credentials: Record<string, string> }[] {
  return [
    { kind: 'main key', index: 0, credentials: sim.accounts[0]!.credentials },
    { kind: 'subkey', index: 1, credentials: sim.accounts[1]!.credentials },
    { kind: 'read-only token', index: 2, credentials: { readonlyToken: sim.issueReadonlyToken(2) } },
  ];
}

describe('Paradex two-year backfill', () => {
  let sim: ParadexSimulatorHandle;
  before(async () => {
    // Real rate limits enforced; the connector uses its default, shared, paced limiter. Pages of
    // 100 (capped by the server) give the faults many places to land.
    sim = await startParadexSimulator({ seed: 730, accounts: 3, fillsPerAccount: 2_500, days: 730, now: () => NOW, maxPageSize: 100, overMaxPageSize: 'cap' });
  });
  after(() => sim.close());

  it('ends with exactly the simulator’s daily numbers for a main-key, a subkey and a read-only-token account despite injected faults, with zero rate-limit answers', async () => {
    const users = credentialsOf(sim);
    const runs = users.map(async ({ credentials }) => {
      // Quick retries, so some faults outlast them and force a resume from the saved cursor.
      const connector = createParadexConnector(
        { baseUrl: sim.baseUrl, credentials },
        { clock: () => NOW, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } },
      );
      const collector = new FillCollector();
      await syncUnderFaults(sim, connector, collector);
      return collector;
    });
    const collectors = await Promise.all(runs);
    for (const [i, collector] of collectors.entries()) {
      const truth = sim.accounts[users[i]!.index]!.truth();
      assert.ok(truth.size > 500, 'the history spans most days of two years');
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(truth), users[i]!.kind);
      assert.equal(collector.pages.at(-1)!.progress, 1);
    }
    assert.ok(collectors.some((collector) => collector.resumes > 0), 'some faults outlasted the retries and forced a resume');
    assert.equal(sim.stats().rateLimited, 0, 'a paced client never meets a real rate limit');
  });
});

describe('Paradex two-year backfill at the documented page size, 40 fills a day', () => {
  let sim: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 731, accounts: 3, fillsPerAccount: 730 * 40, days: 730, now: () => NOW });
  });
  after(() => sim.close());

  it('syncs a subkey account and a read-only-token account to the cent, 5000 fills a request, no rate-limit answer', async () => {
    const users = credentialsOf(sim).filter((user) => user.kind !== 'main key');
    const before = sim.fillsPageSizes().length;
    for (const { kind, index, credentials } of users) {
      const collector = new FillCollector();
      await collector.runToEnd(createParadexConnector({ baseUrl: sim.baseUrl, credentials }, { clock: () => NOW }), NOW);
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[index]!.truth()), kind);
      // every market's fills are read (a FUTURE has no asset_kind filter of its own), then classified
      assert.equal(collector.fillPages.length, Math.ceil(sim.accounts[index]!.book.rows.length / 5000));
    }
    assert.ok(sim.fillsPageSizes().slice(before).every((size) => size === 5000));
    assert.equal(sim.stats().rateLimited, 0);
  });
});

describe('Paradex rate limits in the simulator', () => {
  let sim: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 11, fillsPerAccount: 1_200, days: 60, now: () => NOW, rateLimits: { privatePerSecond: 4 }, maxPageSize: 100 });
  });
  after(() => sim.close());

  it('answers 429 to a client that does not pace itself, which still finishes exactly by backing off', async () => {
    const account = sim.accounts[1]!;
    const options = { ...fastOptions(() => NOW, 8), retry: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 1_000 } };
    const collector = new FillCollector();
    await collector.runToEnd(createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials }, options), NOW);
    assert.ok(sim.stats().rateLimited > 0, 'the simulator enforces the per-account limit');
    assert.deepEqual(sortedDays(collector.daily()), sortedDays(account.truth()));
  });
});
