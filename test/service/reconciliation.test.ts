import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ReconciliationSchema } from '../../src-shared/schemas.ts';
import type { PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { addHyperliquidAccount, makeTempDir, openTestCore, toMicros } from '../sync/fixtures/sync-harness.ts';

describe("reconciliation: our volume beside Hyperliquid's own report", () => {
  let sim: HyperliquidSimulatorHandle;
  let core: PerpvolCore;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let accountId: string;

  before(async () => {
    // 12,000 fills over 12 days: the API serves only the 10,000 most recent, so the oldest two days or so
    // are partly missing from our count while the exchange's daily report still has them.
    sim = await startHyperliquidSimulator({ seed: 41, fillsPerAccount: 12_000, days: 12 });
    dir = await makeTempDir();
    core = await openTestCore(dir.path);
    accountId = await addHyperliquidAccount(core, sim, { label: 'HL main' });
    await core.engine.syncAccount(accountId);
  });

  after(async () => {
    await core.close();
    await sim.close();
    await dir.remove();
  });

  test('matches the exchange to the cent on every day whose fills the API still serves', async () => {
    const result = ReconciliationSchema.parse(await core.service.reconciliation({ accountId }));
    const [account] = result.accounts;
    assert.ok(account);
    assert.ok(account.historyLimitedBefore, 'the 10,000-fill limit is reported');
    const cutoffDay = account.historyLimitedBefore.slice(0, 10);
    const complete = account.days.filter((day) => day.date > cutoffDay);
    assert.ok(complete.length >= 8, `expected most reported days to be complete, got ${complete.length}`);
    for (const day of complete) assert.equal(toMicros(day.differenceUsd), 0, `day ${day.date}`);
  });

  test('shows the gap where older fills are beyond what the API serves', async () => {
    const [account] = (await core.service.reconciliation({})).accounts;
    assert.ok(account);
    const cutoffDay = account.historyLimitedBefore!.slice(0, 10);
    const partial = account.days.filter((day) => day.date <= cutoffDay && day.reportedUsd > 0);
    assert.ok(partial.length >= 1);
    for (const day of partial) assert.ok(day.differenceUsd < 0, `our count is short on ${day.date}`);
    assert.equal(account.mismatchedDays, account.days.filter((day) => Math.abs(toMicros(day.differenceUsd)) >= 10_000).length);
    assert.ok(account.reportedAllTimeUsd! > account.oursAllTimeUsd, 'the all-time figure from the exchange is larger than what we could fetch');
  });

  test('answers 404-style not_found for an unknown account', async () => {
    await assert.rejects(core.service.reconciliation({ accountId: 'nope' }), (error: Error & { code?: string }) => error.code === 'account_not_found');
  });
});
