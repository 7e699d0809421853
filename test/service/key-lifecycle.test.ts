/**
 * Add, rotate and remove an account's key through the service, against the Bybit simulator's real
 * key checks (uid, permissions) and a real SQLite file.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { API_METHODS } from '../../src-shared/contract.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { VolumeService } from '../../src-main/service/volume-service.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import { SQLITE_FILE_NAME } from '../../src-main/store/sqlite/open-sqlite-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';
import { historyLimitedNote } from '../../src-main/sync/history-limit-note.ts';
import { noteWords } from '../../src-main/sync/note-words.ts';

import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { startBybitSimulator, WITHDRAW_PERMISSIONS, type BybitSimulatorHandle } from '../sim/bybit/simulator.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { rejectsWithCode } from '../support/rejections.ts';

const WITHDRAWAL_WARNING = 'This API key can withdraw or transfer funds. Perpvol only reads; replace it with a read-only key.';

const NOW = Date.now();

function fill(n: number, ts: number): Fill {
  return {
    exchange: 'bybit',
    tradeId: `t${n}`,
    orderId: null,
    symbol: 'BTCUSDT',
    kind: 'perpetual',
    underlying: 'BTC',
    side: 'buy',
    price: '100',
    qty: '1',
    notionalMicros: 100_000_000,
    fee: '0.01',
    feeCurrency: 'USDT',
    feeMicros: 10_000,
    liquidity: 'taker',
    ts,
  };
}

describe('key lifecycle: add, rotate, remove', () => {
  let sim: BybitSimulatorHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: Store;
  let secrets: EncryptedFileSecretStore;
  let service: VolumeService;
  let accountId: string;

  const rowCount = (table: string, id: string): number => {
    const db = new BetterSqlite3(join(dir.path, SQLITE_FILE_NAME), { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE account_id = ?`).get(id) as { n: number }).n;
    } finally {
      db.close();
    }
  };

  before(async () => {
    sim = await startBybitSimulator({ seed: 5, accounts: 2, fillsPerAccount: 50, days: 30, enforceRateLimits: false });
    dir = await makeTempDir('perpvol-keys-');
    store = await openStore({ dataDir: dir.path });
    secrets = new EncryptedFileSecretStore({ filePath: join(dir.path, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY });
    const bus = new EventBus();
    const engine = new SyncEngine({ store, secrets, bus });
    service = new VolumeService({ store, secrets, engine, bus });
    const account = await service.addAccount({ exchange: 'bybit', label: 'Desk', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl });
    accountId = account.id;
    await store.fills.commitPage({
      accountId,
      fills: [fill(1, NOW - 86_400_000), fill(2, NOW)],
      state: { cursor: { page: 'kept' }, backfillDone: true, pagesFetched: 1, progress: 1, coveredFrom: null, coveredTo: null, historyLimitedBefore: null, updatedAt: NOW },
    });
  });
  after(async () => {
    await store.close();
    await sim.close();
    await dir.remove();
  });

  test('a list shows at most the last 4 characters of the API key id, never a secret', async () => {
    const { apiKey, apiSecret } = sim.accounts[0]!.credentials as { apiKey: string; apiSecret: string };
    const { accounts } = API_METHODS.listAccounts.output.parse(await service.listAccounts({}));
    assert.equal(accounts[0]!.keyHint, `…${apiKey.slice(-4)}`);
    const text = JSON.stringify(accounts);
    assert.ok(!text.includes(apiSecret) && !text.includes(apiKey));
  });

  test('rotating to another key of the same account replaces the secret in place and keeps the history', async () => {
    const fresh = sim.addKey(0, { readOnly: 1 });
    const before = await service.syncStatus({});
    const rotated = API_METHODS.rotateCredentials.output.parse(await service.rotateCredentials({ id: accountId, credentials: fresh }));
    assert.equal(rotated.id, accountId);
    assert.equal(rotated.keyHint, `…${fresh.apiKey.slice(-4)}`);
    assert.deepEqual(await secrets.get(accountId), fresh);
    assert.equal(rowCount('fills', accountId), 2, 'fills stay');
    assert.ok(rowCount('daily_account_volume', accountId) > 0, 'rollups stay');
    assert.deepEqual(await service.syncStatus({}), before, 'the sync position stays');
    assert.deepEqual((await store.syncState.get(accountId))?.cursor, { page: 'kept' });
  });

  test('a key of ANOTHER exchange account is refused and nothing changes', async () => {
    const current = await secrets.get(accountId);
    const error = await rejectsWithCode(service.rotateCredentials({ id: accountId, credentials: sim.addKey(1, { readOnly: 1 }) }), 'credentials_other_account');
    assert.match(error.message, /belongs to another account on the exchange, not to "Desk"/);
    assert.deepEqual(await secrets.get(accountId), current);
  });

  test('a key of another account already added here is refused by its API key', async () => {
    const secondKey = sim.addKey(1, { readOnly: 1 });
    const other = await service.addAccount({ exchange: 'bybit', label: 'Second', credentials: secondKey, baseUrl: sim.baseUrl });
    const error = await rejectsWithCode(
      service.rotateCredentials({ id: accountId, credentials: secondKey, validate: false }),
      'credentials_other_account',
    );
    assert.match(error.message, /already the key of "Second"/);
    await service.removeAccount({ id: other.id, purge: true });
  });

  test('a key that can withdraw is refused unless accepted, and then carries the warning until a read-only key replaces it', async () => {
    const withdrawing = sim.addKey(0, { readOnly: 0, permissions: WITHDRAW_PERMISSIONS });
    const current = await secrets.get(accountId);
    await rejectsWithCode(service.rotateCredentials({ id: accountId, credentials: withdrawing }), 'key_can_withdraw');
    assert.deepEqual(await secrets.get(accountId), current);

    const accepted = await service.rotateCredentials({ id: accountId, credentials: withdrawing, allowWithdrawalPermission: true });
    assert.ok(accepted.warnings.includes(WITHDRAWAL_WARNING));
    const readOnly = await service.rotateCredentials({ id: accountId, credentials: sim.addKey(0, { readOnly: 1 }) });
    assert.ok(!readOnly.warnings.includes(WITHDRAWAL_WARNING));
  });

  test('a wrong secret is refused by the exchange and the stored key stays', async () => {
    const current = await secrets.get(accountId);
    await rejectsWithCode(
      service.rotateCredentials({ id: accountId, credentials: { apiKey: current!.apiKey!, apiSecret: 'not-the-right-secret-123' } }),
      'invalid_signature',
    );
    assert.deepEqual(await secrets.get(accountId), current);
  });

  test('rotation clears an error the old key left and keeps the history warning', async () => {
    const history = historyLimitedNote('bybit', NOW - 700 * 86_400_000);
    await store.accounts.update(accountId, {
      status: 'error',
      lastSyncAt: NOW,
      lastError: { code: 'api_key_expired', message: 'expired' },
      warnings: [history, { code: 'exchange_notice', params: { text: 'an old key-check warning' } }],
    });
    const rotated = await service.rotateCredentials({ id: accountId, credentials: sim.addKey(0, { readOnly: 1 }) });
    assert.equal(rotated.status, 'ok');
    assert.equal(rotated.lastError, null);
    assert.deepEqual(rotated.warnings, [noteWords(history)]);
    assert.deepEqual(rotated.notes.map((note) => note.code), ['history_limited']);
  });

  test('an unchecked rotation says so on the account', async () => {
    const rotated = await service.rotateCredentials({ id: accountId, credentials: sim.addKey(0, { readOnly: 1 }), validate: false });
    assert.ok(rotated.warnings.includes('The key was not checked with the exchange when it was replaced.'));
  });

  test('Hyperliquid accounts have no key to rotate', async () => {
    const hl = await service.addAccount({ exchange: 'hyperliquid', label: 'HL', credentials: { address: `0x${'ab'.repeat(20)}` }, validate: false });
    const error = await rejectsWithCode(service.rotateCredentials({ id: hl.id, credentials: { address: `0x${'cd'.repeat(20)}` } }), 'nothing_to_rotate');
    assert.match(error.message, /add it as a new account/);
    assert.equal(hl.keyHint, undefined);
    await service.removeAccount({ id: hl.id });
  });

  test('removing with purge deletes the secret, the fills, the rollups and the sync state', async () => {
    await service.removeAccount({ id: accountId, purge: true });
    assert.equal(await secrets.get(accountId), null);
    assert.deepEqual(await secrets.list(), []);
    for (const table of ['fills', 'daily_account_volume', 'daily_symbol_volume', 'sync_state']) assert.equal(rowCount(table, accountId), 0, table);
  });
});
