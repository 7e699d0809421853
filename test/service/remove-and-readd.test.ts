import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { addHyperliquidAccount, makeTempDir, openTestCore, sumTruth, toMicros } from '../sync/fixtures/sync-harness.ts';

describe('removing an account and adding it back', () => {
  let sim: HyperliquidSimulatorHandle;
  let core: PerpvolCore;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;

  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 23, fillsPerAccount: 800, days: 20 });
    dir = await makeTempDir();
    core = await openTestCore(dir.path);
  });

  after(async () => {
    await core.close();
    await sim.close();
    await dir.remove();
  });

  test('without purge keeps its volume counted once, and re-adding it counts nothing twice', async () => {
    const truth = sumTruth(sim.accounts[0]!.truth());
    const first = await addHyperliquidAccount(core, sim, { label: 'first' });
    await core.engine.syncAccount(first);
    assert.equal(toMicros((await core.service.summary({})).allTime.volumeUsd), truth.volumeMicros);

    await core.service.removeAccount({ id: first });
    assert.deepEqual((await core.service.listAccounts({})).accounts, []);
    await assert.rejects(core.service.getAccount({ id: first }), (error: Error & { code?: string }) => error.code === 'account_not_found');
    // history is kept: the removed account's fills still count
    assert.equal(toMicros((await core.service.summary({})).allTime.volumeUsd), truth.volumeMicros);

    const again = await addHyperliquidAccount(core, sim, { label: 'again' });
    assert.equal(again, first, 'the same exchange account comes back under its old id');
    const status = await core.engine.syncAccount(again);
    assert.equal(status.state, 'done');
    const summary = await core.service.summary({});
    assert.equal(toMicros(summary.allTime.volumeUsd), truth.volumeMicros, 'not doubled');
    assert.equal(summary.allTime.trades, truth.trades);
    assert.equal((await core.service.getAccount({ id: again })).label, 'again');
  });

  test('with purge deletes its volume, and adding it back starts from nothing', async () => {
    const [account] = (await core.service.listAccounts({})).accounts;
    await core.service.removeAccount({ id: account!.id, purge: true });
    assert.equal((await core.service.summary({})).allTime.volumeUsd, 0);
    const fresh = await addHyperliquidAccount(core, sim, { label: 'fresh' });
    assert.notEqual(fresh, account!.id);
    await core.engine.syncAccount(fresh);
    assert.equal(toMicros((await core.service.summary({})).allTime.volumeUsd), sumTruth(sim.accounts[0]!.truth()).volumeMicros);
  });
});
