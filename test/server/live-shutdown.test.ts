/**
 * `perpvol serve` keeps each account's private stream open, shows it in GET /api/v1/accounts
 * (`live`), and on SIGTERM ends the stream with a close handshake — the exchange sees a client
 * that left, not one that vanished — before it exits 0.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { spawnServe } from '../support/serve-process.ts';
import { eventually, httpCall, TEST_MASTER_KEY, TEST_TOKEN } from './harness.ts';

describe('perpvol serve with live streams', () => {
  let sim: HyperliquidSimulatorHandle;
  let dataDir: string;

  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 5, accounts: 1, fillsPerAccount: 60, days: 5, enforceRateLimits: false });
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-live-sigterm-'));
  });
  after(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('shows each account live over REST, and on SIGTERM closes its stream cleanly and exits 0', async () => {
    const serve = await spawnServe({ dataDir, env: { PERPVOL_API_TOKEN: TEST_TOKEN, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '' } });
    try {
      const added = await httpCall(serve.url, 'POST', '/api/v1/accounts', {
        body: { exchange: 'hyperliquid', label: 'live', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl },
      });
      assert.equal(added.status, 201, added.text);
      const id = added.json.id as string;
      const live = await eventually(async () => {
        const account = await httpCall(serve.url, 'GET', `/api/v1/accounts/${id}`);
        return account.json.live?.state === 'live' && account.json.status === 'ok' ? account.json.live : undefined;
      }, 'the account live and synced');
      assert.equal(live.pollSeconds, null);
      assert.ok(live.lastFillAt, 'the newest fill seen is shown');
      const listed = await httpCall(serve.url, 'GET', '/api/v1/accounts');
      assert.equal(listed.json.accounts[0].live.state, 'live');
      assert.equal(sim.streams.stats().open, 1);

      serve.child.kill('SIGTERM');
      assert.equal(await serve.exit, 0, serve.stderr());
      assert.equal(sim.streams.stats().closedByClient, 1, 'the stream was closed with a close frame, not cut');
      assert.equal(sim.streams.stats().open, 0);
    } finally {
      if (serve.child.exitCode === null) await serve.stop();
    }
  });
});
