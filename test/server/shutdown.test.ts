/**
 * SIGTERM while a backfill is mid-way: the CLI's `serve` exits 0, and the database it leaves has
 * no half-written page — rollups equal the sum of the stored fills, the cursor agrees with them —
 * and a restarted server resumes to exactly the simulator's truth.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addDays, utcDay } from '../../src-main/core/days.ts';
import { microsToUsd } from '../../src-main/core/usd.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { spawnServe } from '../support/serve-process.ts';
import { eventually, httpCall, startTestServer, TEST_MASTER_KEY, TEST_TOKEN } from './harness.ts';

describe('SIGTERM during a backfill', () => {
  let sim: HyperliquidSimulatorHandle;
  let dataDir: string;

  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 11, fillsPerAccount: 9_000, days: 60, enforceRateLimits: false });
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-sigterm-'));
  });
  after(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('exits 0 leaving whole pages only, and a restart resumes to the exact truth', async () => {
    const serve = await spawnServe({
      dataDir,
      env: { PERPVOL_API_TOKEN: TEST_TOKEN, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '' },
    });
    const added = await httpCall(serve.url, 'POST', '/api/v1/accounts', {
      body: { exchange: 'hyperliquid', label: 'kill-me', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl, validate: false },
    });
    assert.equal(added.status, 201, added.text);
    const id = added.json.id as string;

    // The next answers take 1.5 s each, so the backfill is surely mid-way when the signal lands.
    sim.injectFaults('slow', 4);
    assert.equal((await httpCall(serve.url, 'POST', '/api/v1/sync', { body: { accountIds: [id] } })).status, 202);
    await eventually(async () => {
      const status = await httpCall(serve.url, 'GET', '/api/v1/sync');
      const mine = status.json.accounts.find((s: { accountId: string }) => s.accountId === id);
      return mine && mine.pagesFetched >= 1 ? mine : undefined;
    }, 'the first committed page');

    serve.child.kill('SIGTERM');
    assert.equal(await serve.exit, 0, serve.stderr());

    const truth = sim.accounts[0]!.truth();
    const truthTrades = [...truth.values()].reduce((sum, day) => sum + day.trades, 0);
    const db = new Database(join(dataDir, 'perpvol.sqlite'), { readonly: true });
    try {
      const fills = db.prepare('select count(*) as n, coalesce(sum(notional_micros), 0) as v, coalesce(sum(fee_micros), 0) as f from fills where account_id = ?').get(id) as { n: number; v: number; f: number };
      const byAccount = db.prepare('select coalesce(sum(trades), 0) as n, coalesce(sum(volume_micros), 0) as v, coalesce(sum(fees_micros), 0) as f from daily_account_volume where account_id = ?').get(id) as { n: number; v: number; f: number };
      const bySymbol = db.prepare('select coalesce(sum(trades), 0) as n, coalesce(sum(volume_micros), 0) as v, coalesce(sum(fees_micros), 0) as f from daily_symbol_volume where account_id = ?').get(id) as { n: number; v: number; f: number };
      const state = db.prepare('select fills_stored, pages_fetched from sync_state where account_id = ?').get(id) as { fills_stored: number; pages_fetched: number };
      assert.ok(fills.n > 0 && fills.n < truthTrades, `mid-backfill: ${fills.n} of ${truthTrades} fills stored`);
      assert.deepEqual(byAccount, fills, 'account rollups equal the sum of the stored fills');
      assert.deepEqual(bySymbol, fills, 'symbol rollups equal the sum of the stored fills');
      assert.equal(state.fills_stored, fills.n, 'the sync state was written with the same pages');
    } finally {
      db.close();
    }

    // Resume in a fresh server over the same data dir: nothing lost, nothing counted twice.
    const server = await startTestServer({ dataDir });
    try {
      assert.equal((await server.call('POST', '/api/v1/sync', { body: { accountIds: [id] } })).status, 202);
      await eventually(async () => {
        const status = await server.call('GET', '/api/v1/sync');
        const mine = status.json.accounts.find((s: { accountId: string }) => s.accountId === id);
        return mine?.state === 'done' ? mine : undefined;
      }, 'the resumed sync to finish');
      const today = utcDay(Date.now());
      const daily = await server.call('GET', `/api/v1/volume/daily?from=${addDays(today, -61)}&to=${today}`);
      for (const day of daily.json.total) {
        assert.equal(day.volumeUsd, microsToUsd(truth.get(day.date)?.volumeMicros ?? 0), day.date);
        assert.equal(day.trades, truth.get(day.date)?.trades ?? 0, day.date);
      }
    } finally {
      await server.close();
    }
  });
});
