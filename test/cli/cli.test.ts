import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_METHODS } from '../../src-shared/contract.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { makeTempDir, sumTruth, toMicros } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';

describe('perpvol CLI', () => {
  let sim: HyperliquidSimulatorHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 31, fillsPerAccount: 2_500, days: 20 });
    dir = await makeTempDir('perpvol-cli-');
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: '', PERPVOL_DATABASE_URL: '' };
  });
  after(async () => {
    await sim.close();
    await dir.remove();
  });

  test('accounts add, sync and volume summary --json give the exchange’s numbers', async () => {
    const added = await runPerpvol(
      ['accounts', 'add', '--exchange', 'hyperliquid', '--label', 'Main', '--address', sim.accounts[0]!.address, '--base-url', sim.baseUrl, '--json'],
      env,
    );
    assert.equal(added.code, 0, added.stderr);
    const account = API_METHODS.addAccount.output.parse(JSON.parse(added.stdout));
    assert.equal(account.label, 'Main');

    const synced = await runPerpvol(['sync'], env);
    assert.equal(synced.code, 0, synced.stderr);
    assert.match(synced.stdout, /Main \(Hyperliquid\): page 1, /);
    assert.match(synced.stdout, /Main \(Hyperliquid\): done — 2,\d{3} fills stored/);

    const summaryRun = await runPerpvol(['volume', 'summary', '--json'], env);
    assert.equal(summaryRun.code, 0, summaryRun.stderr);
    const summary = API_METHODS.summary.output.parse(JSON.parse(summaryRun.stdout));
    const truth = sumTruth(sim.accounts[0]!.truth());
    assert.equal(toMicros(summary.allTime.volumeUsd), truth.volumeMicros);
    assert.equal(toMicros(summary.allTime.feesUsd), truth.feesMicros);
    assert.equal(summary.allTime.trades, truth.trades);

    const table = await runPerpvol(['volume', 'summary'], env);
    assert.match(table.stdout, /^VOLUME \(USD\)\s+TODAY\s+7 DAYS\s+14 DAYS\s+30 DAYS\s+ALL TIME$/m);
    assert.match(table.stdout, /^Hyperliquid\s/m);

    const days = [...sim.accounts[0]!.truth().keys()].sort();
    const dailyRun = await runPerpvol(['volume', 'daily', '--from', days[0]!, '--to', days.at(-1)!, '--json'], env);
    const daily = API_METHODS.dailyVolume.output.parse(JSON.parse(dailyRun.stdout));
    assert.equal(daily.total.reduce((sum, day) => sum + toMicros(day.volumeUsd), 0), truth.volumeMicros);

    const byUnderlying = await runPerpvol(['volume', 'daily', '--from', days[0]!, '--to', days.at(-1)!, '--group-by', 'underlying', '--kinds', 'perpetual,dated_future', '--json'], env);
    assert.equal(byUnderlying.code, 0, byUnderlying.stderr);
    const grouped = API_METHODS.dailyVolume.output.parse(JSON.parse(byUnderlying.stdout));
    assert.deepEqual(grouped.kinds, ['perpetual', 'dated_future']);
    // xyz:TSLA is a HIP-3 builder-deployed perp: its asset is TSLA; ena:BTC joins BTC
    assert.deepEqual(grouped.series.map((s) => s.key).sort(), ['BTC', 'DOGE', 'ETH', 'SOL', 'TSLA']);
    const byKindTable = await runPerpvol(['volume', 'daily', '--from', days.at(-1)!, '--to', days.at(-1)!, '--group-by', 'kind'], env);
    assert.match(byKindTable.stdout, /^DATE\s+VOLUME \(USD\)\s+MAKER\s+TAKER\s+FEES\s+TRADES\s+Perpetuals$/m);
    const badKinds = await runPerpvol(['volume', 'summary', '--kinds', 'spot'], env);
    assert.equal(badKinds.code, 1);
    assert.match(badKinds.stderr, /kinds: use perpetual, dated_future, or both/);

    const listed = await runPerpvol(['accounts', 'list'], env);
    assert.match(listed.stdout, /^ID\s+EXCHANGE\s+LABEL\s+STATUS\s+LAST SYNC$/m);
    assert.match(listed.stdout, new RegExp(`^${account.id}\\s+Hyperliquid\\s+Main\\s+ok\\s`, 'm'));
  });

  test('tiers shows the fee-tier standing, and tiers target sets and clears a target', async () => {
    const json = await runPerpvol(['tiers', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const tiers = API_METHODS.tiers.output.parse(JSON.parse(json.stdout));
    const view = tiers.exchanges.hyperliquid!;
    assert.equal(view.window.days, 14);
    assert.equal(view.rollOff.length, 14);
    const set = await runPerpvol(['tiers', 'target', 'hyperliquid', '5,000,000'], env);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, 'Hyperliquid: target 5,000,000.00\n');
    const table = await runPerpvol(['tiers'], env);
    assert.match(table.stdout, /^EXCHANGE\s+WINDOW\s+VOLUME \(USD\)\s+TIER\s+MAKER\s+TAKER\s+NEXT\s+NEEDED \(USD\)/m);
    assert.match(table.stdout, /^Hyperliquid\s+14 d\s/m);
    assert.match(table.stdout, /^target: Hyperliquid 5,000,000\.00 — /m);
    const cleared = await runPerpvol(['tiers', 'target', 'hyperliquid', 'clear'], env);
    assert.equal(cleared.stdout, 'Hyperliquid: target cleared\n');
    // An exchange whose volume ladder Perpvol does not know says so, instead of a bare "-" under NEXT.
    assert.equal((await runPerpvol(['tiers', 'target', 'woox', '1000000'], env)).code, 0);
    const woox = await runPerpvol(['tiers'], env);
    assert.match(woox.stdout, /^WOO X\s+30 d\s.*\sno ladder known\s/m);
    assert.match(woox.stdout, /^note: Perpvol knows no volume ladder for WOO X; add the one that applies to you to .*tier-tables\.json/m);
    await runPerpvol(['tiers', 'target', 'woox', 'clear'], env);
    const bad = await runPerpvol(['tiers', 'target', 'hyperliquid', '-5'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /at least \$0\.01/);
  });

  test('errors print a message for a person, no stack trace, and exit 1', async () => {
    const bad = await runPerpvol(['volume', 'daily', '--from', '2026-03-02', '--to', '2026-03-01'], env);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'perpvol: from (2026-03-02) is after to (2026-03-01); swap them.\n');
    const noKey = await runPerpvol(['accounts', 'add', '--exchange', 'bybit', '--label', 'b', '--api-key', 'k', '--no-validate'], { ...env, PERPVOL_API_SECRET: 'very-secret' });
    assert.equal(noKey.code, 1);
    assert.match(noKey.stderr, /PERPVOL_MASTER_KEY/);
    assert.ok(!noKey.stderr.includes('very-secret'));
    assert.ok(!noKey.stderr.includes('    at '));
    const missing = await runPerpvol(['accounts', 'remove', 'no-such-id'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no account with id no-such-id/);
  });
});
