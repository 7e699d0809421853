import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, SqliteDialect, type Migration } from 'kysely';
import { MIGRATIONS, migrationProvider } from '../../migrations/index.ts';
import { migrateSqliteToLatest, openSqliteStore, SQLITE_FILE_NAME } from '../../src-main/store/sqlite/open-sqlite-store.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-migrations-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('migrations', () => {
  it('are listed in the order they run, each with up and down', () => {
    const names = Object.keys(MIGRATIONS);
    assert.deepEqual(names, [...names].sort());
    for (const migration of Object.values(MIGRATIONS)) assert.equal(typeof migration.down, 'function');
  });

  it('0002 carries the per-account rollups of an older database into the daily totals', async () => {
    const dir = join(root, 'old');
    mkdirSync(dir);
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, SQLITE_FILE_NAME)) }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    try {
      assert.equal((await migrator.migrateTo('0001_initial')).error, undefined);
      const row = (account: string, volume: number) => ({ day: '2024-01-01', account_id: account, exchange: 'bybit', volume_micros: volume, maker_micros: 0, taker_micros: volume, fees_micros: 1, trades: 2 });
      await db.insertInto('daily_account_volume').values([row('a', 5_000_000), row('b', 7_000_000)]).execute();
      assert.equal((await migrator.migrateTo('0002_daily_totals')).error, undefined);
      assert.deepEqual(await db.selectFrom('daily_total_volume').selectAll().execute(), [
        { day: '2024-01-01', volume_micros: 12_000_000, maker_micros: 0, taker_micros: 12_000_000, fees_micros: 2, trades: 4 },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('undo cleanly, down to an empty database', async () => {
    const store = await openSqliteStore(join(root, 'down'));
    await store.close();
    const handle = new BetterSqlite3(join(root, 'down', SQLITE_FILE_NAME));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: handle }) });
    const result = await new Migrator({ db, provider: migrationProvider }).migrateTo(NO_MIGRATIONS);
    assert.equal(result.error, undefined);
    const tables = handle.prepare("select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'").all();
    await db.destroy();
    assert.deepEqual(tables, []);
  });

  it('leave no half-applied migration behind when one fails midway, so the next start can finish it', async () => {
    const dir = join(root, 'interrupted');
    mkdirSync(dir);
    const handle = new BetterSqlite3(join(dir, SQLITE_FILE_NAME));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: handle }) });
    // stands for a kill after the first table of 0001 was created
    const interrupted: Migration = {
      up: async (kysely) => {
        await MIGRATIONS['0001_initial']!.up(kysely);
        throw new Error('killed midway');
      },
    };
    await assert.rejects(migrateSqliteToLatest(handle, db, { getMigrations: async () => ({ '0001_initial': interrupted }) }), { code: 'migration_failed' });
    const tables = handle.prepare("select name from sqlite_master where type = 'table' and name not like 'kysely_%'").all();
    await db.destroy();
    assert.deepEqual(tables, []);

    const store = await openSqliteStore(dir);
    try {
      assert.deepEqual(await store.accounts.list(), []);
    } finally {
      await store.close();
    }
  });

  it('0005 leaves the oldest copy of a twice-added exchange account counting and puts the later copies in error naming it', async () => {
    const dir = join(root, 'duplicates');
    mkdirSync(dir);
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, SQLITE_FILE_NAME)) }) });
    assert.equal((await new Migrator({ db, provider: migrationProvider }).migrateTo('0003_account_removal')).error, undefined);
    const row = (id: string, identity: string | null, createdAt: number, removedAt: number | null = null) => ({
      id, exchange: 'bybit', label: `label ${id}`, base_url: null, identity, permissions: '{}', warnings: '[]', status: 'ok', created_at: createdAt, removed_at: removedAt,
    });
    await db.insertInto('accounts').values([
      row('late', 'uid-1', 300),
      row('first', 'uid-1', 100),
      row('middle', 'uid-1', 200),
      row('gone', 'uid-1', 50, 60), // removed: not a competitor
      row('other', 'uid-2', 400),
      row('unknown', null, 500),
    ]).execute();
    await db.destroy();

    const store = await openSqliteStore(dir);
    try {
      const byId = new Map((await store.accounts.list()).map((a) => [a.id, a]));
      assert.equal(byId.get('first')?.identity, 'uid-1');
      assert.equal(byId.get('first')?.lastError, null);
      for (const id of ['middle', 'late']) {
        const copy = byId.get(id)!;
        assert.equal(copy.identity, null);
        assert.equal(copy.status, 'error');
        assert.equal(copy.lastError?.code, 'duplicate_account');
        assert.match(copy.lastError!.message, new RegExp(`same exchange account as "label first" \\(id first\\).*perpvol accounts remove ${id} --purge`));
      }
      assert.equal(byId.get('other')?.identity, 'uid-2');
      assert.equal(byId.get('unknown')?.status, 'ok');
    } finally {
      await store.close();
    }
  });
});
