import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { API_METHODS } from '../../src-shared/contract.ts';
import type { ApiEvent } from '../../src-shared/events.ts';
import type { PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { addHyperliquidAccount, dumpDatabase, makeTempDir, openTestCore, sumTruth, toMicros } from './fixtures/sync-harness.ts';

const DAYS = 60;


async function assertMatchesTruth(core: PerpvolCore, sim: HyperliquidSimulatorHandle, accountId: string): Promise<void> {
  const truth = sim.accounts[0]!.truth();
  const days = [...truth.keys()].sort();
  const daily = API_METHODS.dailyVolume.output.parse(
    await core.service.dailyVolume({ from: days[0]!, to: days.at(-1)!, accountId }),
  );
  for (const day of daily.total) {
    const expected = truth.get(day.date) ?? { volumeMicros: 0, makerMicros: 0, takerMicros: 0, feesMicros: 0, trades: 0 };
    assert.equal(toMicros(day.volumeUsd), expected.volumeMicros, `volume of ${day.date}`);
    assert.equal(toMicros(day.makerVolumeUsd), expected.makerMicros, `maker volume of ${day.date}`);
    assert.equal(toMicros(day.takerVolumeUsd), expected.takerMicros, `taker volume of ${day.date}`);
    assert.equal(toMicros(day.feesUsd), expected.feesMicros, `fees of ${day.date}`);
    assert.equal(day.trades, expected.trades, `trades of ${day.date}`);
  }
  const summary = API_METHODS.summary.output.parse(await core.service.summary({}));
  const total = sumTruth(truth);
  assert.equal(toMicros(summary.allTime.volumeUsd), total.volumeMicros);
  assert.equal(toMicros(summary.allTime.feesUsd), total.feesMicros);
  assert.equal(summary.allTime.trades, total.trades);
  assert.equal(toMicros(summary.byExchange.hyperliquid!.allTime.volumeUsd), total.volumeMicros);
}

describe('SyncEngine against the Hyperliquid simulator', () => {
  // One simulator per test: each has its own origin, so each test starts with a full rate budget.
  let sim: HyperliquidSimulatorHandle;
  beforeEach(async () => {
    sim = await startHyperliquidSimulator({ seed: 7, fillsPerAccount: 4_500, days: DAYS });
  });
  afterEach(async () => {
    await sim.close();
  });

  test('a backfill stores exactly what the exchange serves, to the micro-dollar', async () => {
    const dir = await makeTempDir();
    const core = await openTestCore(dir.path);
    try {
      const events: ApiEvent[] = [];
      core.bus.subscribe((event) => events.push(event));
      const accountId = await addHyperliquidAccount(core, sim);
      const status = await core.engine.syncAccount(accountId);
      assert.equal(status.state, 'done', JSON.stringify(status.error));
      assert.equal(status.progress, 1);
      assert.equal(status.fillsStored, sumTruth(sim.accounts[0]!.truth()).trades);
      assert.ok(status.pagesFetched >= 3, `pages: ${status.pagesFetched}`);
      assert.ok(status.syncedFrom !== null && status.syncedTo !== null);
      await assertMatchesTruth(core, sim, accountId);

      const account = await core.service.getAccount({ id: accountId });
      assert.equal(account.status, 'ok');
      assert.notEqual(account.lastSyncAt, null);
      assert.deepEqual(account.warnings, []);
      const syncEvents = events.filter((event) => event.type === 'sync');
      assert.ok(syncEvents.some((event) => event.status.state === 'running' && event.status.pagesFetched > 0));
      assert.equal(syncEvents.at(-1)?.status.state, 'done');
      const volumeEvents = events.filter((event) => event.type === 'volume');
      const inserted = volumeEvents.reduce((sum, event) => sum + event.fillsInserted, 0);
      assert.equal(inserted, status.fillsStored);
      assert.ok(await core.store.reportedVolume.get(accountId), 'the exchange-reported volume is kept');
    } finally {
      await core.close();
      await dir.remove();
    }
  });

  test('syncing again changes nothing in the database', async () => {
    const dir = await makeTempDir();
    const core = await openTestCore(dir.path);
    try {
      const accountId = await addHyperliquidAccount(core, sim);
      await core.engine.syncAccount(accountId);
      const first = dumpDatabase(dir.path);
      const again = await core.engine.syncAccount(accountId);
      assert.equal(again.state, 'done');
      assert.deepEqual(dumpDatabase(dir.path), first);
      await assertMatchesTruth(core, sim, accountId);
    } finally {
      await core.close();
      await dir.remove();
    }
  });

  test('an incremental sync picks up new fills and counts each once', async () => {
    const dir = await makeTempDir();
    const core = await openTestCore(dir.path);
    const own = await startHyperliquidSimulator({ seed: 9, fillsPerAccount: 300, days: 10 });
    try {
      const accountId = await addHyperliquidAccount(core, own, { label: 'live' });
      await core.engine.syncAccount(accountId);
      own.accounts[0]!.trade(5, Date.now() - 1_000);
      const status = await core.engine.syncAccount(accountId);
      assert.equal(status.state, 'done');
      const total = sumTruth(own.accounts[0]!.truth());
      assert.equal(status.fillsStored, total.trades);
      const summary = await core.service.summary({});
      assert.equal(toMicros(summary.allTime.volumeUsd), total.volumeMicros);
    } finally {
      await core.close();
      await own.close();
      await dir.remove();
    }
  });

  test('a second request while a sync runs joins it instead of starting another', async () => {
    const dir = await makeTempDir();
    const core = await openTestCore(dir.path);
    try {
      const accountId = await addHyperliquidAccount(core, sim);
      const first = core.engine.syncAccount(accountId);
      const second = core.engine.syncAccount(accountId);
      assert.equal(second, first);
      assert.equal(core.engine.isRunning(accountId), true);
      const started = await core.service.startSync({ accountIds: [accountId] });
      assert.deepEqual(started.started, [accountId]);
      const [a, b] = await Promise.all([first, second]);
      assert.deepEqual(a, b);
      assert.equal(core.engine.isRunning(accountId), false);
      assert.equal(a.fillsStored, sumTruth(sim.accounts[0]!.truth()).trades);
      const statuses = API_METHODS.syncStatus.output.parse(await core.service.syncStatus({}));
      assert.equal(statuses.accounts[0]?.state, 'done');
    } finally {
      await core.close();
      await dir.remove();
    }
  });

  test('a malformed answer puts the account in error and keeps the pages committed before it', async () => {
    const dir = await makeTempDir();
    const core = await openTestCore(dir.path);
    try {
      const accountId = await addHyperliquidAccount(core, sim);
      let storedAtFault = -1;
      const unsubscribe = core.bus.subscribe((event) => {
        if (event.type === 'sync' && event.status.state === 'running' && event.status.pagesFetched === 1 && storedAtFault < 0) {
          storedAtFault = event.status.fillsStored;
          sim.injectFaults('wrong_shape', 1); // the next request, page 2: JSON that is not fills (a cut-off answer would be fetched again)
        }
      });
      const status = await core.engine.syncAccount(accountId);
      unsubscribe();
      assert.equal(status.state, 'error');
      assert.equal(status.error?.code, 'malformed_response');
      assert.ok(storedAtFault > 0);
      assert.equal(status.fillsStored, storedAtFault);
      assert.equal(await core.store.fills.count(accountId), storedAtFault);
      const state = await core.store.syncState.get(accountId);
      assert.equal(state?.pagesFetched, 1);
      const account = await core.service.getAccount({ id: accountId });
      assert.equal(account.status, 'error');
      assert.equal(account.lastError?.code, 'malformed_response');

      const retried = await core.engine.syncAccount(accountId);
      assert.equal(retried.state, 'done');
      assert.equal((await core.service.getAccount({ id: accountId })).lastError, null);
      await assertMatchesTruth(core, sim, accountId);
    } finally {
      await core.close();
      await dir.remove();
    }
  });

  test('an account whose exchange serves only part of its history carries a warning with the date', async () => {
    const dir = await makeTempDir();
    const core = await openTestCore(dir.path);
    const big = await startHyperliquidSimulator({ seed: 11, fillsPerAccount: 10_500, days: DAYS, enforceRateLimits: false });
    try {
      const accountId = await addHyperliquidAccount(core, big, { label: 'whale' });
      const status = await core.engine.syncAccount(accountId);
      assert.equal(status.state, 'done');
      const oldestServed = [...big.accounts[0]!.truth().keys()].sort()[0]!;
      const { warnings } = await core.service.getAccount({ id: accountId });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /10,000 most recent fills/);
      assert.match(warnings[0]!, /CSV export/);
      assert.ok(warnings[0]!.includes(`fills before ${oldestServed}`), warnings[0]);
      assert.equal(status.fillsStored, sumTruth(big.accounts[0]!.truth()).trades);
      await core.engine.syncAccount(accountId);
      assert.equal((await core.service.getAccount({ id: accountId })).warnings.length, 1, 'the warning is replaced, not repeated');
    } finally {
      await core.close();
      await big.close();
      await dir.remove();
    }
  });
});

