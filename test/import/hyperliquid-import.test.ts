/**
 * End to end: a Hyperliquid account with 12,000 fills, of which the API serves the 10,000 most
 * recent. Sync, then import the web app's CSV export of ALL fills: the daily totals then equal the
 * whole history to the micro-dollar, the fills the API served are not counted twice, and importing
 * the same file again changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiEvent } from '../../src-shared/events.ts';
import { addDays, utcDay } from '../../src-main/core/days.ts';
import { notionalMicros, usdToMicros } from '../../src-main/core/usd.ts';
import type { PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { isSpotCoin } from '../sim/hyperliquid/fills.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { addHyperliquidAccount, dumpDatabase, makeTempDir, openTestCore, toMicros } from '../sync/fixtures/sync-harness.ts';
import { hyperliquidExportCsv } from './fixtures/hyperliquid-export.ts';

const NOW = Date.UTC(2026, 0, 15, 12);

describe('importing a Hyperliquid CSV export after a sync', () => {
  let sim: HyperliquidSimulatorHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let core: PerpvolCore;
  let accountId: string;
  let csv: string;
  const truth = new Map<string, { volume: number; fees: number; trades: number }>();
  let perpFills = 0;

  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 42, fillsPerAccount: 12_000, days: 90, now: () => NOW, enforceRateLimits: false });
    dir = await makeTempDir('perpvol-import-');
    core = await openTestCore(dir.path, () => NOW);
    accountId = await addHyperliquidAccount(core, sim, { label: 'Main' });
    const all = sim.accounts[0]!.allFills();
    for (const fill of all) {
      if (isSpotCoin(fill.coin)) continue;
      perpFills++;
      const day = utcDay(fill.time);
      const t = truth.get(day) ?? { volume: 0, fees: 0, trades: 0 };
      t.volume += notionalMicros(fill.px, fill.sz);
      t.fees += usdToMicros(fill.fee);
      t.trades += 1;
      truth.set(day, t);
    }
    csv = hyperliquidExportCsv(all, { lineEnd: '\r\n' });
  });
  after(async () => {
    await core.close();
    await sim.close();
    await dir.remove();
  });

  const dailyOurs = async () => {
    const days = [...truth.keys()].sort();
    const daily = await core.service.dailyVolume({ from: addDays(days[0]!, -1), to: addDays(days[days.length - 1]!, 1), accountId });
    return new Map(daily.total.filter((d) => d.trades > 0).map((d) => [d.date, { volume: toMicros(d.volumeUsd), fees: toMicros(d.feesUsd), trades: d.trades }]));
  };

  test('a file imported before the first sync is refused, because nothing yet tells which rows the API serves', async () => {
    await assert.rejects(core.service.importFills({ id: accountId, csv }), { code: 'import_needs_sync' });
    assert.equal(await core.store.fills.count(accountId), 0);
  });

  test('the sync alone misses the history beyond the 10,000 most recent fills', async () => {
    const status = await core.engine.syncAccount(accountId);
    assert.equal(status.state, 'done');
    const stored = await core.store.fills.count(accountId);
    assert.ok(stored < perpFills && stored > 8_000, `stored ${stored} of ${perpFills}`);
    const [rec] = (await core.service.reconciliation({ accountId })).accounts;
    assert.ok(rec?.historyLimitedBefore !== null);
    assert.ok((rec?.reportedAllTimeUsd ?? 0) - (rec?.oursAllTimeUsd ?? 0) > 1_000, 'the gap shows before the import');
  });

  test('importing the export fills the gap: daily totals equal the whole history to the micro, nothing counted twice', async () => {
    const stateBefore = await core.store.syncState.get(accountId);
    const storedBefore = await core.store.fills.count(accountId);
    const events: ApiEvent[] = [];
    const unsubscribe = core.service.subscribe((event) => events.push(event));
    const result = await core.service.importFills({ id: accountId, csv });
    unsubscribe();

    assert.equal(result.imported, perpFills - storedBefore);
    assert.equal(result.duplicates, storedBefore, 'every fill the API served was recognised in the file');
    assert.ok(result.skipped > 0, 'spot rows are skipped');
    assert.equal(await core.store.fills.count(accountId), perpFills);
    assert.deepEqual(await dailyOurs(), truth);

    const stateAfter = await core.store.syncState.get(accountId);
    assert.deepEqual({ ...stateAfter, fillsStored: 0 }, { ...stateBefore, fillsStored: 0 }, 'the cursor and coverage did not move');
    const volumeEvents = events.filter((e) => e.type === 'volume');
    assert.equal(volumeEvents.length, 1);
    assert.deepEqual(volumeEvents[0], { type: 'volume', accountId, exchange: 'hyperliquid', fillsInserted: result.imported, days: result.days });

    const [rec] = (await core.service.reconciliation({ accountId })).accounts;
    assert.equal(toMicros(rec!.oursAllTimeUsd), toMicros(rec!.reportedAllTimeUsd!), 'our all-time volume now equals the exchange’s');
  });

  test('importing the same file twice changes nothing', async () => {
    const before = dumpDatabase(dir.path);
    const again = await core.service.importFills({ id: accountId, csv });
    assert.deepEqual([again.imported, again.duplicates, again.days], [0, perpFills, []]);
    assert.deepEqual(dumpDatabase(dir.path), before);
  });

  test('a later sync adds only new fills, and still nothing twice', async () => {
    sim.accounts[0]!.trade(25, NOW - 1_000);
    const status = await core.engine.syncAccount(accountId);
    assert.equal(status.state, 'done');
    const newPerp = sim.accounts[0]!.allFills().filter((f) => !isSpotCoin(f.coin)).length;
    assert.equal(await core.store.fills.count(accountId), newPerp);
  });

  test('a file whose times are in another zone is refused with the offset to use', async () => {
    const shifted = hyperliquidExportCsv(sim.accounts[0]!.allFills().map((f) => ({ ...f, time: f.time + 2 * 3_600_000 })));
    await assert.rejects(core.service.importFills({ id: accountId, csv: shifted }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'import_times_mismatch');
      assert.match(error.message, /--utc-offset \+02:00/);
      return true;
    });
    const fixed = await core.service.importFills({ id: accountId, csv: shifted, utcOffset: '+02:00' });
    assert.equal(fixed.imported, 0);
  });
});
