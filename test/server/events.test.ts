/**
 * GET /api/v1/events: live sync/volume/account events over SSE from a real core (SQLite) while a
 * Hyperliquid account syncs, heartbeats, and no listener left behind when clients go away.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createPerpvolCore, type PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { buildServerApp } from '../../src-main/server/app.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { eventually, httpCall, TEST_MASTER_KEY, TEST_TOKEN } from './harness.ts';
import { openEventStream } from './sse-client.ts';

describe('the event stream', () => {
  let dataDir: string;
  let core: PerpvolCore;
  let app: FastifyInstance;
  let url: string;
  let sim: HyperliquidSimulatorHandle;
  /** The bus's listeners before any client connected (the core's own, if any). */
  let baseline = 0;

  before(async () => {
    process.env.PERPVOL_MASTER_KEY ??= TEST_MASTER_KEY;
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-sse-'));
    sim = await startHyperliquidSimulator({ seed: 3, fillsPerAccount: 4_500, days: 20, enforceRateLimits: false });
    core = await createPerpvolCore({ dataDir });
    app = await buildServerApp(core.service, { token: TEST_TOKEN, staticDir: null, heartbeatMs: 50 });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    baseline = core.bus.listenerCount;
  });
  after(async () => {
    await app?.close();
    await core?.close();
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('needs the token like every other API route', async () => {
    const stream = await openEventStream(url, null);
    assert.equal(stream.status, 401);
    stream.close();
  });

  test('account, sync and volume events arrive while an account is added and synced', async () => {
    const stream = await openEventStream(url, TEST_TOKEN);
    assert.equal(stream.status, 200);
    const added = await httpCall(url, 'POST', '/api/v1/accounts', {
      body: { exchange: 'hyperliquid', label: 'sse', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl },
    });
    assert.equal(added.status, 201, added.text);
    const id = added.json.id as string;
    const accountEvent = await stream.waitFor((e) => e.event === 'account' && e.data.accountId === id, 'account event');
    assert.equal(accountEvent.data.change, 'added');

    assert.equal((await httpCall(url, 'POST', '/api/v1/sync', { body: { accountIds: [id] } })).status, 202);
    const done = await stream.waitFor((e) => e.event === 'sync' && e.data.status.accountId === id && e.data.status.state === 'done', 'sync done event');
    const truthTrades = [...sim.accounts[0]!.truth().values()].reduce((sum, day) => sum + day.trades, 0);
    assert.equal(done.data.status.fillsStored, truthTrades);

    const volumeEvents = stream.events.filter((e) => e.event === 'volume' && e.data.accountId === id);
    assert.ok(volumeEvents.length >= 2, 'one volume event per committed page');
    assert.equal(volumeEvents.reduce((sum, e) => sum + e.data.fillsInserted, 0), truthTrades);
    const progress = stream.events.filter((e) => e.event === 'sync' && e.data.status.accountId === id).map((e) => e.data.status.progress);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes backwards');
    stream.close();
  });

  test('an idle stream receives heartbeat comments', async () => {
    const stream = await openEventStream(url, TEST_TOKEN);
    await stream.waitForComment('heartbeat');
    stream.close();
  });

  test('clients that disconnect leave no listener behind', async () => {
    // The streams of the tests above are gone too.
    await eventually(async () => (core.bus.listenerCount === baseline ? true : undefined), 'earlier streams to be unsubscribed');
    const before = baseline;
    const streams = await Promise.all(Array.from({ length: 5 }, () => openEventStream(url, TEST_TOKEN)));
    await eventually(async () => (core.bus.listenerCount === before + 5 ? true : undefined), 'five listeners');
    for (const stream of streams) stream.close();
    await eventually(async () => (core.bus.listenerCount === before ? true : undefined), 'listeners to be removed');
    assert.equal(core.bus.listenerCount, before);
  });

  test('closing the server ends open streams instead of hanging', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perpvol-sse-close-'));
    const ownCore = await createPerpvolCore({ dataDir: dir });
    const ownApp = await buildServerApp(ownCore.service, { token: TEST_TOKEN, staticDir: null });
    const ownUrl = await ownApp.listen({ host: '127.0.0.1', port: 0 });
    const stream = await openEventStream(ownUrl, TEST_TOKEN);
    await eventually(async () => (ownCore.bus.listenerCount === 1 ? true : undefined), 'the listener');
    await ownApp.close();
    await stream.ended;
    assert.equal(ownCore.bus.listenerCount, 0);
    await ownCore.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
