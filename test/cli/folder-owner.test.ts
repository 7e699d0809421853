/**
 * CLI commands beside the process that owns the data folder, as a user runs them (the real bin):
 * writes go through a running server's REST API (found in the lease record, authenticated with the
 * folder's token file), reads run alongside, a desktop-owned folder refuses writes naming the app,
 * and with no owner a write takes the lease only for its own duration.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { OWNER_FILE_NAME } from '../../src-main/lease/folder-lease.ts';
import { takeLease } from '../../src-main/lease/owner-lease.ts';
import { REST_ROUTES } from '../../src-main/server/route-table.ts';
import { planOwnerRequest } from '../../src-main/cli/owner-api.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { makeTempDir, sumTruth, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';
import { spawnServe, type ServeProcess } from '../support/serve-process.ts';

const json = async (url: string, token: string, path: string): Promise<any> =>
  (await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } })).json();

describe('CLI writes while a server owns the folder', () => {
  let sim: HyperliquidSimulatorHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let server: ServeProcess;
  let token: string;
  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 41, fillsPerAccount: 2_500, days: 20 });
    dir = await makeTempDir('perpvol-cli-owner-');
    // no PERPVOL_API_TOKEN: the server writes its token file, and the CLI finds it there
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '', PERPVOL_API_TOKEN: '' };
    server = await spawnServe({ dataDir: dir.path, env });
    token = readFileSync(join(dir.path, 'api-token'), 'utf8').trim();
  });
  after(async () => {
    await server.stop();
    await sim.close();
    await dir.remove();
  });

  test('accounts add, sync and remove reach the running server; accounts list and doctor read alongside', async () => {
    const added = await runPerpvol(['accounts', 'add', '--exchange', 'hyperliquid', '--label', 'Main', '--address', sim.accounts[0]!.address, '--base-url', sim.baseUrl, '--json'], env);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, new RegExp(`perpvol serve \\(pid ${server.child.pid}, .*\\) owns this data; sending this command to it`));
    const account = JSON.parse(added.stdout) as { id: string };
    assert.deepEqual((await json(server.url, token, '/accounts')).accounts.map((a: { id: string }) => a.id), [account.id], 'the server itself added it');

    const listed = await runPerpvol(['accounts', 'list'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /Main/);
    const doctor = await runPerpvol(['doctor'], env);
    assert.match(doctor.stdout, new RegExp(`owned by: +perpvol serve \\(pid ${server.child.pid}, since .* at ${server.url.replace(/[.]/g, '\\.')}\\)`));

    const synced = await runPerpvol(['sync', account.id], env);
    assert.equal(synced.code, 0, synced.stderr);
    const trades = sumTruth(sim.accounts[0]!.truth()).trades;
    assert.match(synced.stdout, new RegExp(`Main \\(Hyperliquid\\): done — ${trades.toLocaleString('en-US')} fills stored`));
    const status = (await json(server.url, token, '/sync')).accounts[0];
    assert.equal(status.state, 'done');
    assert.equal(status.fillsStored, trades, 'the server synced it');

    const removed = await runPerpvol(['accounts', 'remove', account.id], env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual((await json(server.url, token, '/accounts')).accounts, []);
  });

  test('the server’s own refusals come back as they are: a duplicate account is a conflict', async () => {
    const args = ['accounts', 'add', '--exchange', 'hyperliquid', '--label', 'Twice', '--address', `0x${'3'.repeat(40)}`, '--no-validate'];
    assert.equal((await runPerpvol(args, env)).code, 0);
    const again = await runPerpvol(args, env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /This Hyperliquid account is already added as "Twice"/);
  });

  test('an import through the server stores the file', async () => {
    const added = await runPerpvol(['accounts', 'add', '--exchange', 'bybit', '--label', 'Desk', '--api-key', 'key-of-the-import-test', '--no-validate', '--json'], { ...env, PERPVOL_API_SECRET: 'secret-of-the-import-test' });
    assert.equal(added.code, 0, added.stderr);
    const { id } = JSON.parse(added.stdout) as { id: string };
    const file = join(dir.path, 'export.csv');
    await writeFile(file, 'Contracts,Order No.,Direction,Filled Qty,Filled Price,Filled Type,Fees Paid,Trasaction ID,Transaction Time(UTC)\r\nBTCUSDT,o-1,BUY,0.010,60000.00,Trade,0.120000,owner-test-1,12:00 2024-11-16\r\n');
    const imported = await runPerpvol(['import', id, file, '--json'], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(JSON.parse(imported.stdout).imported, 1);
    assert.equal((await json(server.url, token, `/fills?accountId=${id}`)).fills.length, 1);
  });
});

describe('CLI writes to a server started with PERPVOL_API_TOKEN', () => {
  test('need the same token in their environment, and say so when it is missing', async () => {
    const dir = await makeTempDir('perpvol-cli-token-');
    const base = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '' };
    const server = await spawnServe({ dataDir: dir.path, env: { ...base, PERPVOL_API_TOKEN: 'token-from-the-service-manager-0123' } });
    try {
      const args = ['accounts', 'add', '--exchange', 'hyperliquid', '--label', 'Env', '--address', `0x${'5'.repeat(40)}`, '--no-validate'];
      const refused = await runPerpvol(args, { ...base, PERPVOL_API_TOKEN: '' });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /takes changes through its REST API, but it was started with PERPVOL_API_TOKEN\. Set PERPVOL_API_TOKEN to the token it uses/);
      const wrong = await runPerpvol(args, { ...base, PERPVOL_API_TOKEN: 'not-the-token' });
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /refused the API token/);
      const added = await runPerpvol(args, { ...base, PERPVOL_API_TOKEN: 'token-from-the-service-manager-0123' });
      assert.equal(added.code, 0, added.stderr);
    } finally {
      await server.stop();
      await dir.remove();
    }
  });
});

describe('CLI writes to a server bound to every address (0.0.0.0, ::)', () => {
  // The lease record gives the CLI a loopback address to dial (127.0.0.1 / [::1]); the server's Host
  // allowlist must take that name on that connection, while still refusing a foreign name (421).
  for (const host of ['0.0.0.0', '::']) {
    test(`--host ${host}: accounts add reaches the server over loopback; a foreign Host is still 421`, async () => {
      const dir = await makeTempDir('perpvol-cli-wildcard-');
      const env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '', PERPVOL_API_TOKEN: '' };
      let server: ServeProcess | null = null;
      try {
        server = await spawnServe({ dataDir: dir.path, env, host });
        const owner = JSON.parse(readFileSync(join(dir.path, OWNER_FILE_NAME), 'utf8')) as { url?: string };
        assert.match(owner.url ?? '', host === '::' ? /^http:\/\/\[::1\]:\d+$/ : /^http:\/\/127\.0\.0\.1:\d+$/);
        const added = await runPerpvol(['accounts', 'add', '--exchange', 'hyperliquid', '--label', 'Wide', '--address', `0x${'4'.repeat(40)}`, '--no-validate', '--json'], env);
        assert.equal(added.code, 0, added.stderr);
        assert.match(added.stderr, /owns this data; sending this command to it/);
        const token = readFileSync(join(dir.path, 'api-token'), 'utf8').trim();
        assert.deepEqual((await json(owner.url!, token, '/accounts')).accounts.map((a: { label: string }) => a.label), ['Wide']);
        const port = new URL(owner.url!).port;
        const foreign = await new Promise<number>((resolve, reject) => {
          // fetch() sets Host from the URL; a raw request names another site, as a rebinding page would
          const req = request({ host: host === '::' ? '::1' : '127.0.0.1', port, path: '/api/v1/health', headers: { host: `evil.example:${port}` } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
        assert.equal(foreign, 421);
      } finally {
        await server?.stop();
        await dir.remove();
      }
    });
  }
});

describe('CLI writes without a server', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = await makeTempDir('perpvol-cli-lease-');
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '' };
  });
  after(async () => {
    await dir.remove();
  });

  test('while the desktop app owns the folder, a write is refused naming the app; a read still works', async () => {
    const desktop = await takeLease({ dataDir: dir.path, face: 'desktop', version: 'test' });
    try {
      const refused = await runPerpvol(['accounts', 'add', '--exchange', 'hyperliquid', '--label', 'X', '--address', `0x${'1'.repeat(40)}`, '--no-validate'], env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, new RegExp(`in use by the Perpvol desktop app \\(pid ${process.pid}, since .*\\)\\. Make this change in the app, or quit the app`));
      const read = await runPerpvol(['accounts', 'list'], env);
      assert.equal(read.code, 0, read.stderr);
    } finally {
      await desktop.release();
    }
  });

  test('with no owner, a write takes the lease for its duration only', async () => {
    const added = await runPerpvol(['accounts', 'add', '--exchange', 'hyperliquid', '--label', 'Solo', '--address', `0x${'2'.repeat(40)}`, '--no-validate'], env);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(existsSync(join(dir.path, OWNER_FILE_NAME)), false, 'released when the command ended');
    const next = await takeLease({ dataDir: dir.path, face: 'server', version: 'test' });
    await next.release();
  });
});

describe('the CLI’s request to the owner', () => {
  test('puts path fields in the path, query fields in the query string and the rest in the JSON body', () => {
    assert.deepEqual(planOwnerRequest(REST_ROUTES.removeAccount, { id: 'a b', purge: true }), { path: '/api/v1/accounts/a%20b?purge=true', body: undefined });
    assert.deepEqual(planOwnerRequest(REST_ROUTES.importFills, { id: 'x', csv: 'c', format: 'bybit' }), { path: '/api/v1/accounts/x/import', body: { csv: 'c', format: 'bybit' } });
    assert.deepEqual(planOwnerRequest(REST_ROUTES.startSync, { accountIds: ['a'] }), { path: '/api/v1/sync', body: { accountIds: ['a'] } });
    assert.deepEqual(planOwnerRequest(REST_ROUTES.listAccounts, {}), { path: '/api/v1/accounts', body: undefined });
  });
});
