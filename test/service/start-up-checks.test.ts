/**
 * What every start checks before it writes anything: the data folder and database files are
 * private (0700 / 0600, also when they already existed looser), and a missing or empty database
 * beside a secrets file that still holds secrets is refused — saying what was found and how to go
 * on — instead of silently becoming a fresh, empty database.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { doctorReport } from '../../src-main/service/doctor-report.ts';
import { SECRETS_FILE_NAME } from '../../src-main/secrets/encrypted-file-store.ts';
import { SAFE_STORAGE_FILE_NAME } from '../../src-main/secrets/safe-storage-secret-store.ts';
import { createPerpvolCore, type PerpvolCoreOptions } from '../../src-main/service/core-runtime.ts';
import { SQLITE_FILE_NAME } from '../../src-main/store/sqlite/open-sqlite-store.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';

const env = { PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_SECRET_STORE: 'file' };
const open = (dataDir: string, more: Partial<PerpvolCoreOptions> = {}) => createPerpvolCore({ dataDir, env, ...more });

/** A folder whose one Bybit account's secret is in secrets.enc.json; the database is closed. */
async function folderWithAnAccount(): Promise<Awaited<ReturnType<typeof makeTempDir>>> {
  const dir = await makeTempDir('perpvol-startup-');
  const core = await open(dir.path);
  await core.service.addAccount({ exchange: 'bybit', label: 'Desk', credentials: { apiKey: 'startup-key-0001', apiSecret: 'startup-secret' }, validate: false });
  await core.close();
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<PerpvolError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof PerpvolError, `expected a refusal, got ${String(error)}`);
  return error;
}

const dropCompanions = (dbPath: string): void => {
  for (const suffix of ['-wal', '-shm']) if (existsSync(`${dbPath}${suffix}`)) unlinkSync(`${dbPath}${suffix}`);
};

describe('start-up refuses to guess', () => {
  test('an empty (0-byte) database beside secrets of earlier accounts: refused, saying what was found and how to go on, nothing changed', async () => {
    const dir = await folderWithAnAccount();
    try {
      const dbPath = join(dir.path, SQLITE_FILE_NAME);
      truncateSync(dbPath, 0);
      dropCompanions(dbPath);
      const secretsBefore = readFileSync(join(dir.path, SECRETS_FILE_NAME));
      const error = await refusal(open(dir.path));
      assert.equal(error.code, 'database_lost');
      assert.match(error.message, new RegExp(`The database ${dbPath} is empty \\(0 bytes\\), but ${SECRETS_FILE_NAME} in ${dir.path} still holds API secrets of accounts added earlier`));
      assert.match(error.message, /If you have a backup of perpvol\.sqlite, put it back/);
      assert.match(error.message, /run `perpvol reset`: it shows what it will delete, asks to confirm/);
      assert.equal(statSync(dbPath).size, 0, 'the empty file was not turned into a fresh database');
      assert.deepEqual(readFileSync(join(dir.path, SECRETS_FILE_NAME)), secretsBefore);
      // and the refused start let go of the folder
      const reader = await open(dir.path, { access: 'reader' }).catch((e: unknown) => e);
      assert.ok(reader instanceof PerpvolError && reader.code === 'database_lost', 'a reader is refused the same way');
    } finally {
      await dir.remove();
    }
  });

  test('a missing database is refused the same way and not created', async () => {
    const dir = await folderWithAnAccount();
    try {
      const dbPath = join(dir.path, SQLITE_FILE_NAME);
      unlinkSync(dbPath);
      dropCompanions(dbPath);
      const error = await refusal(open(dir.path));
      assert.match(error.message, new RegExp(`There is no database at ${dbPath}, but ${SECRETS_FILE_NAME}`));
      assert.equal(existsSync(dbPath), false);
    } finally {
      await dir.remove();
    }
  });

  test('the desktop app’s secrets file counts too, with how many accounts it holds', async () => {
    const dir = await makeTempDir('perpvol-startup-');
    try {
      writeFileSync(join(dir.path, SAFE_STORAGE_FILE_NAME), JSON.stringify({ version: 1, secrets: { 'acc-1': 'Y2lwaGVy', 'acc-2': 'Y2lwaGVy' } }));
      const error = await refusal(open(dir.path));
      assert.match(error.message, new RegExp(`${SAFE_STORAGE_FILE_NAME.replace(/\./g, '\\.')} \\(2 accounts\\) in`));
    } finally {
      await dir.remove();
    }
  });

  test('a secrets file whose accounts were all removed does not stop a fresh start', async () => {
    const dir = await folderWithAnAccount();
    try {
      const core = await open(dir.path);
      const [account] = (await core.service.listAccounts({})).accounts;
      await core.service.removeAccount({ id: account!.id, purge: true });
      await core.close();
      assert.ok(existsSync(join(dir.path, SECRETS_FILE_NAME)), 'the emptied file stays');
      const dbPath = join(dir.path, SQLITE_FILE_NAME);
      unlinkSync(dbPath);
      dropCompanions(dbPath);
      const fresh = await open(dir.path);
      assert.deepEqual((await fresh.service.listAccounts({})).accounts, []);
      await fresh.close();
    } finally {
      await dir.remove();
    }
  });

  test('another program’s SQLite file in place of the database is refused, beside secrets or not, naming the file; nothing is written to it', async () => {
    const withSecrets = await folderWithAnAccount();
    const fresh = await makeTempDir('perpvol-startup-');
    try {
      for (const dir of [withSecrets, fresh]) {
        const dbPath = join(dir.path, SQLITE_FILE_NAME);
        if (existsSync(dbPath)) unlinkSync(dbPath);
        dropCompanions(dbPath);
        const other = new BetterSqlite3(dbPath);
        other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('shopping list')");
        other.close();
        const before = readFileSync(dbPath);
        const error = await refusal(open(dir.path));
        assert.equal(error.code, 'not_perpvol_database', error.message);
        assert.ok(error.message.includes(`The database file ${dbPath} is an SQLite database, but not Perpvol's`), error.message);
        assert.match(error.message, /it has notes\)/);
        assert.deepEqual(readFileSync(dbPath), before, 'no Perpvol table was added to it');
        const report = await doctorReport({ dataDir: dir.path, databaseUrl: null, env });
        assert.equal(report.database.ok, false);
        assert.ok(report.problems.some((problem) => problem.includes(dbPath) && problem.includes("not Perpvol's")), report.problems.join('\n'));
      }
    } finally {
      await withSecrets.remove();
      await fresh.remove();
    }
  });

  test('a non-empty SQLite file with no table at all beside secrets is refused like an empty one', async () => {
    const dir = await folderWithAnAccount();
    try {
      const dbPath = join(dir.path, SQLITE_FILE_NAME);
      unlinkSync(dbPath);
      dropCompanions(dbPath);
      const blank = new BetterSqlite3(dbPath);
      blank.pragma('user_version = 7'); // writes the header page: a valid SQLite file with no tables
      blank.close();
      assert.ok(statSync(dbPath).size > 0);
      const error = await refusal(open(dir.path));
      assert.equal(error.code, 'database_lost');
      assert.ok(error.message.startsWith(`The database ${dbPath} holds no tables at all, but ${SECRETS_FILE_NAME}`), error.message);
      const report = await doctorReport({ dataDir: dir.path, databaseUrl: null, env });
      assert.ok(report.problems.some((problem) => problem.includes(dbPath) && problem.includes('still holds API secrets')), report.problems.join('\n'));
    } finally {
      await dir.remove();
    }
  });

  test('a damaged database file is refused with a message naming the file', async () => {
    const dir = await folderWithAnAccount();
    try {
      const dbPath = join(dir.path, SQLITE_FILE_NAME);
      dropCompanions(dbPath);
      writeFileSync(dbPath, Buffer.alloc(8192, 0x5a));
      const error = await refusal(open(dir.path));
      assert.equal(error.code, 'database_corrupt');
      assert.ok(error.message.includes(`The database file ${dbPath} is damaged`), error.message);
      const report = await doctorReport({ dataDir: dir.path, databaseUrl: null, env });
      assert.ok(report.problems.some((problem) => problem.includes(dbPath)), report.problems.join('\n'));
    } finally {
      await dir.remove();
    }
  });

  test('a Postgres database without Perpvol data beside secrets is refused, pointing at the database URL', { skip: process.env[TEST_PG_URL_ENV] ? false : POSTGRES_UNAVAILABLE_MESSAGE }, async () => {
    const dir = await folderWithAnAccount();
    try {
      const databaseUrl = (await testDatabaseUrl('startup_guard'))!;
      const error = await refusal(open(dir.path, { databaseUrl }));
      assert.equal(error.code, 'database_lost');
      assert.match(error.message, /The Postgres database .* has no Perpvol data, but secrets\.enc\.json .* If the database URL \(--db or PERPVOL_DATABASE_URL\) should point elsewhere, fix it/);
    } finally {
      await dir.remove();
    }
  });
});

describe('the data folder and database files are private at every start', { skip: process.platform === 'win32' }, () => {
  const mode = (path: string): number => statSync(path).mode & 0o777;

  test('a folder that existed as 0755 with a 0644 database is made 0700 with 0600 files', async () => {
    const dir = await makeTempDir('perpvol-modes-');
    try {
      const first = await open(dir.path);
      await first.close();
      const dbPath = join(dir.path, SQLITE_FILE_NAME);
      chmodSync(dir.path, 0o755);
      chmodSync(dbPath, 0o644);
      const core = await open(dir.path);
      try {
        await core.service.addAccount({ exchange: 'hyperliquid', label: 'HL', credentials: { address: `0x${'4'.repeat(40)}` }, validate: false });
        assert.equal(mode(dir.path), 0o700);
        for (const path of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) assert.equal(mode(path), 0o600, path);
      } finally {
        await core.close();
      }
    } finally {
      await dir.remove();
    }
  });

  test('a new database and its -wal and -shm are 0600 from the start, whatever the umask', async () => {
    const dir = await makeTempDir('perpvol-modes-');
    const umask = process.umask(0o022);
    try {
      const core = await open(dir.path);
      try {
        const dbPath = join(dir.path, SQLITE_FILE_NAME);
        for (const path of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) assert.equal(mode(path), 0o600, path);
      } finally {
        await core.close();
      }
    } finally {
      process.umask(umask);
      await dir.remove();
    }
  });
});
