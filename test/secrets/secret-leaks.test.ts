/**
 * Defence in depth: an exchange that echoes the caller's key and secret back in its error text
 * (here a fake Bybit on loopback) must not get them into the account's lastError, the live events,
 * or anything the CLI prints.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiEvent } from '../../src-shared/events.ts';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { redactor } from '../../src-main/secrets/redaction.ts';
import { createPerpvolCore, type PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';

/** A Bybit that refuses every request and quotes the request's key and secret in retMsg. */
async function echoingBybit(credentials: { apiKey: string; apiSecret: string }): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        retCode: 10008,
        retMsg: `account banned (debug: key=${credentials.apiKey} secret=${credentials.apiSecret})`,
        result: {},
        retExtInfo: {},
        time: Date.now(),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A core on its own data folder with every event it announces recorded, for scanning. */
async function coreRecordingEvents(dataDir: string): Promise<{ core: PerpvolCore; events: ApiEvent[]; unsubscribe(): void }> {
  const core = await createPerpvolCore({
    dataDir,
    secretStore: new EncryptedFileSecretStore({ filePath: join(dataDir, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY }),
  });
  const events: ApiEvent[] = [];
  return { core, events, unsubscribe: core.service.subscribe((event) => events.push(event)) };
}

function assertClean(text: string, secrets: string[], where: string): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), `${where} leaked a secret: ${text}`);
}

describe('a secret planted in an exchange error message', () => {
  const credentials = { apiKey: 'LEAKTESTKEY0123456', apiSecret: 'leak-test-secret-ZYXWVU987654' };
  const planted = [credentials.apiKey, credentials.apiSecret];
  let bybit: Awaited<ReturnType<typeof echoingBybit>>;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;

  before(async () => {
    bybit = await echoingBybit(credentials);
    dir = await makeTempDir('perpvol-leaks-');
  });
  after(async () => {
    await bybit.close();
    await dir.remove();
  });

  test('never reaches the account’s lastError, its sync status or any live event', async () => {
    const { core, events, unsubscribe } = await coreRecordingEvents(join(dir.path, 'service'));
    try {
      const account = await core.service.addAccount({ exchange: 'bybit', label: 'Echo', credentials, baseUrl: bybit.baseUrl, validate: false });
      const status = await core.engine.syncAccount(account.id);
      assert.equal(status.state, 'error');
      assert.equal(status.error?.code, 'account_restricted');
      assert.match(status.error!.message, /key=\[redacted\] secret=\[redacted\]/, 'the message stays useful, minus the secrets');
      const stored = await core.store.accounts.get(account.id);
      assertClean(JSON.stringify(stored), planted, 'the stored account');
      assertClean(JSON.stringify(await core.service.listAccounts({})), planted, 'listAccounts');
      assertClean(JSON.stringify(await core.service.syncStatus({})), planted, 'syncStatus');
      assert.ok(events.some((event) => event.type === 'account' && event.account?.lastError), 'the failure was announced');
      assertClean(JSON.stringify(events), planted, 'the events');
    } finally {
      unsubscribe();
      await core.close();
    }
  });

  test('never reaches the CLI’s output, whether the key check or a sync fails', async () => {
    const env = { PERPVOL_DATA_DIR: join(dir.path, 'cli'), PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '', DBUS_SESSION_BUS_ADDRESS: '', PERPVOL_SECRET_STORE: '' };
    const common = ['accounts', 'add', '--exchange', 'bybit', '--label', 'Echo', '--api-key', credentials.apiKey, '--base-url', bybit.baseUrl];
    const checked = await runPerpvol(common, { ...env, PERPVOL_API_SECRET: credentials.apiSecret });
    assert.equal(checked.code, 1);
    assert.match(checked.stderr, /^perpvol: Bybit refused to serve this account \(account banned \(debug: key=\[redacted\] secret=\[redacted\]\)\)/);
    assertClean(checked.stdout + checked.stderr, planted, 'accounts add');

    const added = await runPerpvol([...common, '--no-validate'], { ...env, PERPVOL_API_SECRET: credentials.apiSecret });
    assert.equal(added.code, 0, added.stderr);
    const synced = await runPerpvol(['sync'], env);
    assert.equal(synced.code, 1);
    assert.match(synced.stdout, /Echo \(Bybit\): error — .*\[redacted\]/);
    const listed = await runPerpvol(['accounts', 'list', '--json'], env);
    const doctor = await runPerpvol(['doctor', '--json'], env);
    for (const run of [synced, listed, doctor]) assertClean(run.stdout + run.stderr, planted, 'the CLI');
  });
});

/** A Paradex that refuses every bearer and quotes the Authorization header it was sent. */
async function echoingParadex(): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.writeHead(path === '/v1/system/config' ? 200 : 401, { 'content-type': 'application/json' });
    res.end(
      path === '/v1/system/config'
        ? JSON.stringify({ starknet_chain_id: 'PRIVATE_SN_PARACLEAR_MAINNET' })
        : JSON.stringify({ error: 'INVALID_TOKEN', message: `token revoked (debug: got ${req.headers.authorization ?? 'nothing'})` }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a Paradex read-only token echoed back by the exchange', () => {
  // Shaped like a JWT, as Paradex's are; never a real one.
  const token = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"0x1","exp":4102444800}').toString('base64url')}.leak-test-signature-QWERTY`;
  let paradex: Awaited<ReturnType<typeof echoingParadex>>;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;

  before(async () => {
    paradex = await echoingParadex();
    dir = await makeTempDir('perpvol-leaks-paradex-');
  });
  after(async () => {
    await paradex.close();
    await dir.remove();
  });

  test('never reaches the add-account error, the account’s lastError, its status or any event', async () => {
    const { core, events, unsubscribe } = await coreRecordingEvents(join(dir.path, 'service'));
    try {
      // "Bearer " pasted in front: the token without it is what is sent, and what must be hidden.
      const input = { exchange: 'paradex' as const, label: 'Echo', credentials: { readonlyToken: `Bearer ${token}` }, baseUrl: paradex.baseUrl };
      await assert.rejects(core.service.addAccount(input), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'paradex_token_revoked');
        // What every face sends out passes the one redactor, which knows the token as sent to Paradex.
        const shown = redactor.redact(error.message);
        assert.match(shown, /got (Bearer )?\[redacted\]/);
        assertClean(shown, [token], 'the add-account error');
        return true;
      });
      const account = await core.service.addAccount({ ...input, validate: false });
      const status = await core.engine.syncAccount(account.id);
      assert.equal(status.error?.code, 'paradex_token_revoked');
      assertClean(JSON.stringify(await core.store.accounts.get(account.id)), [token], 'the stored account');
      assertClean(JSON.stringify(await core.service.listAccounts({})), [token], 'listAccounts');
      assertClean(JSON.stringify(await core.service.syncStatus({})), [token], 'syncStatus');
      assertClean(JSON.stringify(events), [token], 'the events');
    } finally {
      unsubscribe();
      await core.close();
    }
  });

  test('never reaches the CLI’s output', async () => {
    const env = { PERPVOL_DATA_DIR: join(dir.path, 'cli'), PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '', DBUS_SESSION_BUS_ADDRESS: '', PERPVOL_SECRET_STORE: '', PERPVOL_READONLY_TOKEN: token };
    const common = ['accounts', 'add', '--exchange', 'paradex', '--label', 'Echo', '--readonly-token', '--base-url', paradex.baseUrl];
    const checked = await runPerpvol(common, env);
    assert.equal(checked.code, 1);
    assert.match(checked.stderr, /refused the read-only token.*\[redacted\]/s);
    const added = await runPerpvol([...common, '--no-validate'], env);
    assert.equal(added.code, 0, added.stderr);
    const synced = await runPerpvol(['sync'], { ...env, PERPVOL_READONLY_TOKEN: '' });
    assert.equal(synced.code, 1);
    const listed = await runPerpvol(['accounts', 'list', '--json'], env);
    const doctor = await runPerpvol(['doctor', '--json'], env);
    for (const run of [checked, added, synced, listed, doctor]) assertClean(run.stdout + run.stderr, [token], 'the CLI');
  });
});
