/**
 * A key added without validation has no exchange identity, so a second copy of its account cannot
 * be recognised when added. Its first sync asks the exchange (the Bybit simulator's real key check)
 * whose key it is before fetching a single fill: the first copy claims the identity and counts, a
 * second copy stops with "same exchange account as ‹label›" and counts nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createBybitConnector } from '../../src-main/connectors/bybit/descriptor.ts';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { VolumeService } from '../../src-main/service/volume-service.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { unpaced } from '../connectors/bybit/helpers.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../sim/bybit/simulator.ts';
import { makeTempDir, sumTruth, TEST_MASTER_KEY, toMicros } from './fixtures/sync-harness.ts';

/** The real engine and service over a real SQLite file; the Bybit connector unpaced (the simulator enforces no limits). */
async function openCore(dataDir: string): Promise<{ store: Store; engine: SyncEngine; service: VolumeService; close: () => Promise<void> }> {
  const store = await openStore({ dataDir });
  const secrets = new EncryptedFileSecretStore({ filePath: join(dataDir, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY });
  const bus = new EventBus();
  const engine = new SyncEngine({ store, secrets, bus, createConnector: (_exchange, context) => createBybitConnector(context, { limiter: unpaced() }) });
  const service = new VolumeService({ store, secrets, engine, bus });
  return { store, engine, service, close: () => store.close() };
}

describe('an account added without validation, at its first sync', () => {
  let sim: BybitSimulatorHandle;
  before(async () => {
    sim = await startBybitSimulator({ seed: 17, accounts: 1, fillsPerAccount: 120, days: 20, enforceRateLimits: false });
  });
  after(async () => {
    await sim.close();
  });

  async function twoCopies(dataDir: string) {
    const core = await openCore(dataDir);
    const add = (label: string) =>
      core.service.addAccount({ exchange: 'bybit', label, credentials: sim.addKey(0, {}), baseUrl: sim.baseUrl, validate: false });
    const desk = await add('Desk');
    const copy = await add('Desk again'); // another key of the same Bybit account: nothing can tell yet
    return { core, desk, copy };
  }

  test('takes its identity; a second copy of the account errors naming the first and counts nothing', async () => {
    const dir = await makeTempDir();
    const { core, desk, copy } = await twoCopies(dir.path);
    try {
      assert.equal((await core.store.accounts.get(desk.id))?.identity, null);
      const first = await core.engine.syncAccount(desk.id);
      assert.equal(first.state, 'done');
      assert.equal((await core.store.accounts.get(desk.id))?.identity, String(sim.accounts[0]!.uid));

      const second = await core.engine.syncAccount(copy.id);
      assert.equal(second.state, 'error');
      assert.equal(second.error?.code, 'duplicate_account');
      assert.match(second.error!.message, new RegExp(`same exchange account as "Desk" \\(id ${desk.id}\\), which already counts its trades, so nothing was counted here`));
      assert.equal(await core.store.fills.count(copy.id), 0);
      const truth = sumTruth(sim.accounts[0]!.truth());
      assert.equal(toMicros((await core.service.summary({})).allTime.volumeUsd), truth.volumeMicros, 'counted once, not twice');

      // with the first removed (its fills kept), the copy is still the same account: it says how to bring the first back
      await core.service.removeAccount({ id: desk.id });
      const third = await core.engine.syncAccount(copy.id);
      assert.equal(third.error?.code, 'duplicate_account');
      assert.match(third.error!.message, /same Bybit account as "Desk", removed earlier with its fills kept.*add the key again with validation/);
      assert.equal(await core.store.fills.count(copy.id), 0);
    } finally {
      await core.close();
      await dir.remove();
    }
  });

  test('two copies syncing at the same moment: exactly one claims the account', async () => {
    const dir = await makeTempDir();
    const { core, desk, copy } = await twoCopies(dir.path);
    try {
      const results = await core.engine.syncAccounts([desk.id, copy.id]);
      assert.deepEqual(results.map((r) => r.state).sort(), ['done', 'error']);
      assert.equal(results.find((r) => r.state === 'error')?.error?.code, 'duplicate_account');
      // every stored fill, dated futures included: counted once, not twice
      const truth = sumTruth(sim.accounts[0]!.truth(['perpetual', 'dated_future']));
      assert.equal(await core.store.fills.count(), truth.trades);
    } finally {
      await core.close();
      await dir.remove();
    }
  });
});
