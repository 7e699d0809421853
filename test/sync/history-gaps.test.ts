/**
 * A Hyperliquid account that traded more than 10,000 fills between two syncs, end to end through
 * the sync engine and the service: the second sync ends done and the account says which stretch
 * is missing, with Hyperliquid's own figure for those days beside ours and the import that fills it;
 * importing Hyperliquid's CSV export then stores exactly the missing fills, the warning goes, and
 * every day equals the exchange's whole history.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isCountedPerp } from '../sim/hyperliquid/fills.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { hyperliquidExportCsv } from '../import/fixtures/hyperliquid-export.ts';
import { addHyperliquidAccount, makeTempDir, openTestCore } from './fixtures/sync-harness.ts';
import type { PerpvolCore } from '../../src-main/service/core-runtime.ts';

const NOW = Date.UTC(2026, 2, 10, 6);
const HOUR = 3_600_000;

describe('a history gap between two Hyperliquid syncs', () => {
  let sim: HyperliquidSimulatorHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let core: PerpvolCore;
  let accountId: string;
  let clock = NOW;

  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 71, fillsPerAccount: 3_000, days: 20, now: () => clock, enforceRateLimits: false });
    dir = await makeTempDir('perpvol-gap-');
    core = await openTestCore(dir.path, () => clock);
    accountId = await addHyperliquidAccount(core, sim, { label: 'Main' });
    assert.equal((await core.engine.syncAccount(accountId)).state, 'done');
  });
  after(async () => {
    await core.close();
    await sim.close();
    await dir.remove();
  });

  test('the sync after more than 10,000 fills ends done and says what is missing, where, how much the exchange saw there, and how to fill it', async () => {
    const account = sim.accounts[0]!;
    const newestSynced = Math.max(...account.allFills().map((f) => f.time));
    for (let i = 0; i < 21; i++) account.trade(500, NOW + (i + 1) * 10 * 60_000);
    clock = NOW + 5 * HOUR;
    assert.equal((await core.engine.syncAccount(accountId)).state, 'done');
    const served = account.allFills().slice(-10_000);
    const missing = account.allFills().filter((f) => f.time > newestSynced && f.time < served[0]!.time);
    assert.equal(missing.length, 500);

    const warnings = (await core.service.getAccount({ id: accountId })).warnings;
    const gap = warnings.find((w) => w.includes('pushed out of reach between two syncs'));
    assert.ok(gap, warnings.join('\n'));
    const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    assert.ok(gap.startsWith(`Hyperliquid fills between ${minute(newestSynced)} UTC and ${minute(served[0]!.time)} UTC`), gap);
    assert.match(gap, /more than 10,000 fills happened since the sync before/);
    assert.match(gap, /Hyperliquid fee-tier volume \(includes spot and sub-accounts\) for 2026-03-10: \$[\d,]+\.\d\d; Perpvol counts \$[\d,]+\.\d\d of perpetuals there/);
    assert.match(gap, /Import Hyperliquid's trade-history CSV export \(app\.hyperliquid\.xyz → Portfolio → Trade History → Export as CSV\)/);

    const [rec] = (await core.service.reconciliation({ accountId })).accounts;
    assert.equal(rec!.historyGaps.length, 1);
    const row = rec!.historyGaps[0]!;
    assert.deepEqual([row.from, row.to, row.fromDay, row.toDay], [new Date(newestSynced).toISOString(), new Date(served[0]!.time).toISOString(), '2026-03-10', '2026-03-10']);
    assert.ok(row.reportedUsd! > row.oursUsd, "the exchange's own figure for that day shows the missing fills");
  });

  test("importing Hyperliquid's export stores exactly the missing fills; the gap and its warning go; every day equals the whole history", async () => {
    const account = sim.accounts[0]!;
    const storedBefore = await core.store.fills.count(accountId);
    const result = await core.service.importFills({ id: accountId, csv: hyperliquidExportCsv(account.allFills()) });
    assert.equal(result.imported, 500);
    const perps = account.allFills().filter(isCountedPerp);
    assert.equal(await core.store.fills.count(accountId), storedBefore + 500);
    assert.equal(await core.store.fills.count(accountId), perps.length);
    assert.ok(!(await core.service.getAccount({ id: accountId })).warnings.some((w) => w.includes('pushed out of reach')));
    const [rec] = (await core.service.reconciliation({ accountId })).accounts;
    assert.deepEqual(rec!.historyGaps, []);
    assert.equal(rec!.mismatchedDays, 0, 'every day Hyperliquid reports now equals ours');

    // Nothing comes back, nothing is counted twice, by the next sync.
    clock += HOUR;
    assert.equal((await core.engine.syncAccount(accountId)).state, 'done');
    assert.equal(await core.store.fills.count(accountId), perps.length);
    assert.ok(!(await core.service.getAccount({ id: accountId })).warnings.some((w) => w.includes('pushed out of reach')));
  });
});
