/**
 * A market stored under its name's reading moves when the exchange's instrument data says what it
 * is: a Bybit account synced while instruments-info could not be read stores a future whose name
 * reads like a perpetual as a perpetual; once the list is back, the next sync moves every stored
 * fill of it to dated futures and its asset — also those it does not read again — and every total,
 * per kind and per asset, equals the simulator's truth exactly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Daily } from '../../src-shared/schemas.ts';
import type { PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { NAME_MISLEADS } from '../sim/bybit/history.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../sim/bybit/simulator.ts';
import type { SimKind, SimTruthDay } from '../sim/simulator.ts';
import { DAY_MS, utcDayOf } from '../sim/truth/utc-day.ts';
import { micros } from '../support/tier-truth.ts';
import { makeTempDir, openTestCore } from './fixtures/sync-harness.ts';

const NOW = Date.UTC(2026, 4, 20, 9, 15);
const HOUR = 3_600_000;
const BOTH: readonly SimKind[] = ['perpetual', 'dated_future'];

const activeDays = (daily: Daily['total']) => daily.filter((d) => d.trades > 0).map((d) => [d.date, micros(d.volumeUsd), d.trades] as const);
const truthDays = (truth: Map<string, SimTruthDay>) => [...truth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, t]) => [day, BigInt(t.volumeMicros), t.trades] as const);

describe('re-classifying stored fills when the exchange says what a market is', () => {
  let sim: BybitSimulatorHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let core: PerpvolCore;
  let accountId: string;
  let clock = NOW;
  const range = { from: utcDayOf(NOW - 200 * DAY_MS), to: utcDayOf(NOW) };

  before(async () => {
    sim = await startBybitSimulator({ seed: 81, fillsPerAccount: 1_500, days: 180, accounts: 1, now: () => clock, enforceRateLimits: false });
    dir = await makeTempDir('perpvol-reclassify-');
    core = await openTestCore(dir.path, () => clock);
    accountId = (await core.service.addAccount({ exchange: 'bybit', label: 'Bybit', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl })).id;
  });
  after(async () => {
    await core.close();
    await sim.close();
    await dir.remove();
  });

  test('while instruments-info cannot be read, the name decides: the misleading future counts as a perpetual', async () => {
    sim.failInstrumentsInfo(true);
    try {
      assert.equal((await core.engine.syncAccount(accountId)).state, 'done');
    } finally {
      sim.failInstrumentsInfo(false);
    }
    const both = await core.service.dailyVolume({ ...range, accountId, kinds: 'perpetual,dated_future' });
    assert.deepEqual(activeDays(both.total), truthDays(sim.accounts[0]!.truth(BOTH)), 'every fill is stored, whatever its kind');
    const misread = (await core.service.listFills({ accountId, limit: 1000 })).fills.filter((f) => f.symbol === NAME_MISLEADS.symbol);
    assert.ok(misread.length > 0 && misread.every((f) => f.kind === 'perpetual'));
  });

  test('the next sync with the list back moves every stored fill of it, and perpetuals, futures and assets equal the truth exactly', async () => {
    clock = NOW + 2 * HOUR;
    assert.equal((await core.engine.syncAccount(accountId)).state, 'done');
    const truth = sim.accounts[0]!;
    const perps = await core.service.dailyVolume({ ...range, accountId });
    assert.deepEqual(activeDays(perps.total), truthDays(truth.truth()));
    const futures = await core.service.dailyVolume({ ...range, accountId, kinds: 'dated_future' });
    assert.deepEqual(activeDays(futures.total), truthDays(truth.truth(['dated_future'])));
    const all = await core.service.listFills({ accountId, kinds: 'perpetual,dated_future', limit: 1000 });
    const moved = all.fills.filter((f) => f.symbol === NAME_MISLEADS.symbol);
    assert.ok(moved.length > 0 && moved.every((f) => f.kind === 'dated_future' && f.underlying === 'BTC'));
    const byAsset = await core.service.dailyVolume({ ...range, accountId, kinds: 'perpetual,dated_future', groupBy: 'underlying' });
    const ours = new Map(byAsset.series.map((s) => [s.key, s.days.reduce((sum, d) => sum + micros(d.volumeUsd), 0n)]));
    assert.deepEqual([...ours].sort(), [...truth.truthByUnderlying(BOTH)].sort());
    assert.ok(!ours.has('BTCQ'), 'no series is left for the name-read asset');
  });
});
