/**
 * Streams belong to the process that owns the data folder (lease/owner-lease.ts): only it writes
 * what they deliver. A reader (a CLI read command beside a running server) cannot start them, and
 * an owner that loses its lease closes them at once — another process may own the folder now.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LOCK_FILE_NAME } from '../../../src-main/lease/folder-lease.ts';
import { takeLease } from '../../../src-main/lease/owner-lease.ts';
import { createPerpvolCore, type PerpvolCore } from '../../../src-main/service/core-runtime.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../../sim/hyperliquid/simulator.ts';
import { TEST_MASTER_KEY } from '../fixtures/sync-harness.ts';
import { eventually } from './live-rig.ts';

describe('live updates run only in the owner of the data folder', () => {
  let sim: HyperliquidSimulatorHandle;
  let dataDir: string;
  let owner: PerpvolCore;
  let accountId: string;
  const env = { PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_SECRET_STORE: 'file' };

  before(async () => {
    sim = await startHyperliquidSimulator({ accounts: 1, fillsPerAccount: 40, days: 3, enforceRateLimits: false });
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-live-owner-'));
    // the lease checks every 20 ms that its lock file is still its own
    const lease = await takeLease({ dataDir, face: 'server', version: 'test', checkEveryMs: 20 });
    owner = await createPerpvolCore({ dataDir, env, lease });
    accountId = (await owner.service.addAccount({ exchange: 'hyperliquid', label: 'owned', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl })).id;
  });
  after(async () => {
    await owner?.close();
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a reader cannot open streams: it would have nowhere to write what they deliver', async () => {
    const reader = await createPerpvolCore({ dataDir, env, access: 'reader' });
    try {
      await assert.rejects(reader.live.start(), (error: Error & { code?: string }) => error.code === 'read_only');
      assert.equal(reader.live.isRunning, false);
      assert.equal(sim.streams.stats().connections, 0);
      // and the accounts it lists say nothing about live state it does not keep
      const { accounts } = await reader.service.listAccounts({});
      assert.equal(accounts[0]!.live, undefined);
    } finally {
      await reader.close();
    }
  });

  test('the owner keeps the account live, and closes its stream the moment it loses the folder', async () => {
    await owner.live.start();
    await eventually('live', () => owner.live.liveState(accountId)?.state === 'live');
    assert.equal(sim.streams.stats().open, 1);
    assert.equal((await owner.service.getAccount({ id: accountId })).live?.state, 'live');

    unlinkSync(join(dataDir, LOCK_FILE_NAME)); // another process could take the folder now
    await eventually('the stream closed', () => sim.streams.stats().open === 0 && !owner.live.isRunning);
    await assert.rejects(owner.live.start(), (error: Error & { code?: string }) => error.code === 'lease_lost');
    assert.equal(owner.live.liveState(accountId), null, 'the account is no longer kept live here');
  });
});
