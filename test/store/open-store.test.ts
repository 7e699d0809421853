import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src-main/store/sqlite/open-sqlite-store.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV } from '../support/postgres.ts';
import { requireService } from '../support/required-service.ts';
import { account, PERP } from './store-suite.ts';
import { generatedFills, makeFill, pageOf } from './fill-fixtures.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-open-'));
after(() => rmSync(root, { recursive: true, force: true }));
const T0 = Date.UTC(2024, 2, 10);

const isStorageError = (code: string) => (e: unknown) => e instanceof PerpvolError && e.kind === 'storage' && e.code === code;

describe('openStore', () => {
  it('keeps the embedded database in <dataDir>/perpvol.sqlite, in WAL mode with foreign keys on', async () => {
    const dataDir = join(root, 'fresh', 'nested');
    const store = await openSqliteStore(dataDir);
    try {
      assert.equal(store.dialect, 'sqlite');
      assert.ok(existsSync(join(dataDir, SQLITE_FILE_NAME)));
      assert.equal(store.handle.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(store.handle.pragma('foreign_keys', { simple: true }), 1);
      assert.ok(Number(store.handle.pragma('busy_timeout', { simple: true })) > 0);
    } finally {
      await store.close();
    }
  });

  it('says the data folder is unwritable when it cannot be created', async () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'not a folder');
    await assert.rejects(openStore({ dataDir: join(blocker, 'data') }), (e: unknown) => {
      assert.ok(isStorageError('data_dir_unwritable')(e));
      assert.match((e as Error).message, /cannot write its data folder .*a-file.*--data-dir/);
      return true;
    });
  });

  it('refuses a database URL that is not Postgres', async () => {
    await assert.rejects(openStore({ databaseUrl: 'mysql://localhost/x', dataDir: root }), (e: unknown) => e instanceof PerpvolError && e.code === 'unsupported_database_url');
  });

  it('says an unreachable Postgres cannot be reached, without repeating the password', async () => {
    await assert.rejects(openStore({ databaseUrl: 'postgres://me:hunter2@127.0.0.1:1/perpvol', dataDir: root }), (e: unknown) => {
      assert.ok(isStorageError('database_unreachable')(e));
      assert.match((e as Error).message, /127\.0\.0\.1:1\/perpvol/);
      assert.doesNotMatch((e as Error).message, /hunter2|me:/);
      return true;
    });
  });

  it('says a missing Postgres database is missing', requireService('Postgres', process.env[TEST_PG_URL_ENV] ? null : POSTGRES_UNAVAILABLE_MESSAGE), async () => {
    const url = new URL(process.env[TEST_PG_URL_ENV]!);
    url.pathname = '/no_such_database_here';
    await assert.rejects(openStore({ databaseUrl: url.toString(), dataDir: root }), isStorageError('database_missing'));
  });

  it('reports a full disk clearly, keeps what was stored before, and recovers once there is space', async () => {
    const store = await openSqliteStore(join(root, 'full'));
    try {
      await store.accounts.create(account('a1'));
      const before = pageOf('a1', [makeFill({ tradeId: 'kept', ts: T0 })], { pagesFetched: 1 });
      await store.fills.commitPage(before);
      const stateBefore = await store.syncState.get('a1');
      const pages = Number(store.handle.pragma('page_count', { simple: true }));
      store.handle.pragma(`max_page_count = ${pages}`);

      const big = pageOf('a1', generatedFills({ seed: 5, count: 5_000, exchange: 'bybit', endMs: T0, days: 30 }), { pagesFetched: 2 });
      await assert.rejects(store.fills.commitPage(big), (e: unknown) => {
        assert.ok(isStorageError('disk_full')(e));
        assert.match((e as Error).message, /disk .* is full.*Free some disk space/s);
        return true;
      });
      assert.equal(await store.fills.count(), 1);
      assert.deepEqual(await store.syncState.get('a1'), stateBefore);
      const [day] = await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none');
      assert.equal(day?.trades, 1);

      store.handle.pragma('max_page_count = 1073741823');
      const retried = await store.fills.commitPage(big);
      assert.equal(retried.fillsStored, 5_001);
    } finally {
      await store.close();
    }
  });
});
