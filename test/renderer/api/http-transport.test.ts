/**
 * The browser transport against the real headless server (REST + SSE on 127.0.0.1, SQLite in a
 * temp dir): the dashboard must read the same numbers and errors over HTTP as over IPC.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ApiEvent } from '../../../src-shared/events.ts';
import { startServer, type RunningServer } from '../../../src-main/server/start.ts';
import { ApiError, type ApiClient } from '../../../src-renderer/src/api/api-client.ts';
import { createHttpClient } from '../../../src-renderer/src/api/http-transport.ts';

const TOKEN = 'test-token-for-http-transport-0123456789';
const ADDRESS = `0x${'ab'.repeat(20)}`;
const BYBIT_EXPORT = readFileSync(new URL('../../import/fixtures/bybit-usdt-perp-trade-history.csv', import.meta.url), 'utf8');

describe('HTTP transport against the headless server', () => {
  let server: RunningServer;
  let client: ApiClient;

  before(async () => {
    process.env.PERPVOL_MASTER_KEY ??= 'http-transport-test-master-key';
    server = await startServer({
      host: '127.0.0.1', port: 0, dataDir: mkdtempSync(join(tmpdir(), 'perpvol-http-')), databaseUrl: null,
      apiToken: TOKEN, staticDir: null, schedule: false, log: () => {},
    });
    client = createHttpClient({ baseUrl: `${server.url}/`, token: TOKEN });
  });
  after(() => server.close());

  it('reads health, accounts, summary and dense daily volume', async () => {
    assert.equal((await client.health({})).status, 'ok');
    assert.deepEqual(await client.listAccounts({}), { accounts: [] });
    assert.equal((await client.summary({})).d30.volumeUsd, 0);
    const daily = await client.dailyVolume({ from: '2026-01-30', to: '2026-02-02', groupBy: 'exchange' });
    assert.deepEqual(daily.total.map((d) => [d.date, d.volumeUsd]), [['2026-01-30', 0], ['2026-01-31', 0], ['2026-02-01', 0], ['2026-02-02', 0]]);
  });

  it('reports the server’s error code and message as an ApiError', async () => {
    await assert.rejects(client.getAccount({ id: 'no-such-account' }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 404);
      assert.ok(error.message.length > 0);
      return true;
    });
    await assert.rejects(client.dailyVolume({ from: 'yesterday', to: '2026-01-01' }), (error: unknown) => error instanceof ApiError && error.status === 400);
  });

  it('tells the app when the token is refused', async () => {
    let told = 0;
    const wrong = createHttpClient({ baseUrl: `${server.url}/`, token: 'wrong', onUnauthorized: () => told++ });
    await assert.rejects(wrong.listAccounts({}), (error: unknown) => error instanceof ApiError && error.status === 401);
    assert.equal(told, 1);
  });

  it('adds and removes an account, with live events over SSE', async () => {
    const events: ApiEvent[] = [];
    let unsubscribe = () => {};
    const opened = new Promise<void>((resolve) => {
      const c = createHttpClient({ baseUrl: `${server.url}/`, token: TOKEN, onStreamState: (s) => s === 'open' && resolve() });
      unsubscribe = c.subscribe((e) => events.push(e));
    });
    await opened;
    const account = await client.addAccount({ exchange: 'hyperliquid', label: 'Vault', credentials: { address: ADDRESS }, baseUrl: 'http://127.0.0.1:9', validate: false });
    assert.equal(account.label, 'Vault');
    assert.deepEqual(await client.removeAccount({ id: account.id }), { removed: account.id });
    while (!events.some((e) => e.type === 'account' && e.change === 'removed')) await new Promise((r) => setTimeout(r, 10));
    unsubscribe();
    const accountEvents = events.filter((e) => e.type === 'account').map((e) => e.type === 'account' && e.change);
    assert.deepEqual(accountEvents, ['added', 'removed']);
  });

  it('imports a Bybit CSV export and answers what was stored, skipped and already there', async () => {
    const account = await client.addAccount({ exchange: 'bybit', label: 'Bybit import', credentials: { apiKey: 'k'.repeat(18), apiSecret: 's'.repeat(36) }, baseUrl: 'http://127.0.0.1:9', validate: false });
    const first = await client.importFills({ id: account.id, csv: BYBIT_EXPORT });
    assert.deepEqual([first.imported, first.duplicates, first.skipped], [3, 0, 1]);
    assert.equal(first.from, '2024-11-15T23:30:00.000Z', 'Transaction Time(UTC+10) read in its zone');
    const again = await client.importFills({ id: account.id, csv: BYBIT_EXPORT });
    assert.deepEqual([again.imported, again.duplicates], [0, 3]);
    await client.removeAccount({ id: account.id, purge: true });
  });

  it('carries a file far above the 64 KB JSON limit and reports the import’s refusal as an ApiError', async () => {
    const account = await client.addAccount({ exchange: 'hyperliquid', label: 'Big export', credentials: { address: ADDRESS }, baseUrl: 'http://127.0.0.1:9', validate: false });
    const row = '13/01/2025 - 17:38:42,BTC,Open Long,68000.0,0.5,34000.0,8.5,0.0';
    const csv = ['time,coin,dir,px,sz,ntl,fee,closedPnl', ...Array.from({ length: 4_000 }, () => row)].join('\n');
    assert.ok(csv.length > 200_000);
    await assert.rejects(client.importFills({ id: account.id, csv }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'import_needs_sync');
      assert.match(error.message, /Sync this Hyperliquid account once/);
      return true;
    });
    await client.removeAccount({ id: account.id, purge: true });
  });
});
