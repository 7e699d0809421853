/**
 * A database the previous release wrote (schema 0003) upgraded in one start through every later
 * migration — 0004_counting, 0005_one_active_account_per_identity, 0006_tier_targets,
 * 0007_reported_windows, 0008_stream_url, 0009_history_gaps, 0010_side_fees, in that order — on SQLite and on Postgres: each one's change is there and
 * works through the store, and on SQLite the whole chain undoes to 0003 and applies again.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { MIGRATIONS, migrationProvider } from '../../migrations/index.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import { SQLITE_FILE_NAME } from '../../src-main/store/sqlite/open-sqlite-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';
import { account, PERP } from './store-suite.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-migration-upgrade-'));
after(() => rmSync(root, { recursive: true, force: true }));

const EXPECTED_ORDER = [
  '0001_initial',
  '0002_daily_totals',
  '0003_account_removal',
  '0004_counting',
  '0005_one_active_account_per_identity',
  '0006_tier_targets',
  '0007_reported_windows',
  '0008_stream_url',
  '0009_history_gaps',
  '0010_side_fees',
];
const T = Date.UTC(2025, 0, 15, 12);

/** What the previous release left: two active copies of one Bybit account, a removed third, a dated future stored as a perp. */
async function writeRelease0003(db: Kysely<any>): Promise<void> {
  assert.equal((await new Migrator({ db, provider: migrationProvider }).migrateTo('0003_account_removal')).error, undefined);
  const row = (id: string, createdAt: number, removedAt: number | null = null) => ({ id, exchange: 'bybit', label: `Desk ${id}`, identity: '4242', created_at: createdAt, removed_at: removedAt });
  await db.insertInto('accounts').values([row('older', 1), row('newer', 2), row('gone', 0, 5)]).execute();
  const fill = (id: number, tradeId: string, symbol: string, notional: number) => ({
    id, account_id: 'older', exchange: 'bybit', trade_id: tradeId, order_id: null, symbol, side: 'buy', price: '100', qty: String(notional / 100_000_000),
    notional_micros: notional, fee: '0.1', fee_currency: 'USDT', fee_micros: 100_000, liquidity: 'taker', ts: T,
  });
  await db.insertInto('fills').values([fill(1, 'perp', 'BTCUSDT', 200_000_000), fill(2, 'future', 'BTCUSDT-26DEC25', 100_000_000)]).execute();
  const sums = { volume_micros: 300_000_000, maker_micros: 0, taker_micros: 300_000_000, fees_micros: 200_000, trades: 2 };
  await db.insertInto('daily_account_volume').values({ day: '2025-01-15', account_id: 'older', exchange: 'bybit', ...sums }).execute();
  await db.insertInto('daily_total_volume').values({ day: '2025-01-15', ...sums }).execute();
  await db.insertInto('reported_volume').values({ account_id: 'older', all_time_micros: null, as_of: T }).execute();
  await db.insertInto('reported_daily_volume').values({ account_id: 'older', day: '2025-01-15', volume_micros: 300_000_000 }).execute();
}

/** The migrations the database records, in the order they were applied. */
async function appliedMigrations(read: (sql: string) => Promise<{ name: string }[]>): Promise<string[]> {
  return (await read('select name from kysely_migration order by timestamp, name')).map((r) => r.name);
}

async function assertUpgraded(store: Store, applied: string[]): Promise<void> {
  assert.deepEqual(applied, EXPECTED_ORDER, 'every migration ran, in this order');

  // 0004: the dated future is told apart from the perp; the rollups are rebuilt per kind
  const [perp] = await store.volume.daily({ from: '2025-01-15', to: '2025-01-15', kinds: PERP }, 'none');
  assert.equal(perp?.volumeMicros, 200_000_000n);
  const both = await store.volume.daily({ from: '2025-01-15', to: '2025-01-15', kinds: ['perpetual', 'dated_future'] }, 'kind');
  assert.deepEqual(both.map((r) => [r.key, r.volumeMicros]), [['dated_future', 100_000_000n], ['perpetual', 200_000_000n]]);

  // 0005: the older copy keeps the identity, the newer one says what it repeats, the removed one is untouched
  const older = await store.accounts.get('older');
  const newer = await store.accounts.get('newer');
  assert.equal(older?.identity, '4242');
  assert.equal(newer?.identity, null);
  assert.equal(newer?.lastError?.code, 'duplicate_account');
  assert.match(newer?.lastError?.message ?? '', /same exchange account as "Desk older" \(id older\)/);
  assert.equal((await store.accounts.findRemovedByIdentity('bybit', '4242'))?.id, 'gone');
  await assert.rejects(store.accounts.create(account('third', 'bybit', { identity: '4242' })), { code: 'account_exists' });

  // 0006: targets are kept per exchange
  await store.tierTargets.set('bybit', 25_000_000_000_000, T);
  assert.deepEqual(await store.tierTargets.list(), [{ exchange: 'bybit', volumeMicros: 25_000_000_000_000, updatedAt: T }]);

  // 0007: window figures beside the daily ones the previous release stored
  await store.reportedVolume.save('older', [], null, T, [{ key: 'fee_tier_14d', label: 'Paradex 14 days', days: 14, volumeMicros: 300_000_000, tier: 'Pro 0' }]);
  const reported = await store.reportedVolume.get('older');
  assert.deepEqual(reported?.daily, [{ day: '2025-01-15', volumeMicros: 300_000_000n }]);
  assert.deepEqual(reported?.windows, [{ key: 'fee_tier_14d', label: 'Paradex 14 days', days: 14, volumeMicros: 300_000_000n, tier: 'Pro 0' }]);

  // 0008: accounts of the previous release use the documented stream; a new one may name its own
  assert.equal(older?.streamUrl, null);
  await store.accounts.create(account('streamed', 'hyperliquid', { streamUrl: 'ws://127.0.0.1:9/ws' }));
  assert.equal((await store.accounts.get('streamed'))?.streamUrl, 'ws://127.0.0.1:9/ws');

  // 0009: the stored report says nothing about what its days count; history gaps are kept with the sync state
  assert.equal(reported?.dailyLabel, null);
  const state = { cursor: {}, backfillDone: true, pagesFetched: 1, progress: 1, coveredFrom: T - 1, coveredTo: T, historyLimitedBefore: null, updatedAt: T };
  await store.fills.commitPage({ accountId: 'older', fills: [], historyGaps: [{ from: T - 1_000, to: T - 10 }], state });
  assert.deepEqual((await store.syncState.get('older'))?.historyGaps, [{ from: T - 1_000, to: T - 10 }]);

  // 0010: the stored taker fills' fees are taker fees in the rollups the costs answer reads
  const costs = await store.volume.costDays({ from: '2025-01-15', to: '2025-01-15', kinds: ['perpetual', 'dated_future'] });
  assert.deepEqual(costs.map((r) => [r.accountId, r.feesMicros, r.makerFeesMicros, r.takerFeesMicros]), [['older', 200_000n, 0n, 200_000n]]);
}

describe('upgrading a release-0003 database through every later migration', () => {
  it('lists the migrations in the order they run', () => {
    assert.deepEqual(Object.keys(MIGRATIONS), EXPECTED_ORDER);
  });

  it('on SQLite: one start applies 0004–0010 in order, each works, and the chain undoes to 0003 and applies again', async () => {
    const dir = join(root, 'sqlite');
    mkdirSync(dir);
    const handle = new BetterSqlite3(join(dir, SQLITE_FILE_NAME));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: handle }) });
    await writeRelease0003(db);
    await db.destroy();

    const read = async (sql: string) => {
      const reader = new BetterSqlite3(join(dir, SQLITE_FILE_NAME), { readonly: true });
      try {
        return reader.prepare(sql).all() as { name: string }[];
      } finally {
        reader.close();
      }
    };
    const store = await openStore({ dataDir: dir });
    try {
      await assertUpgraded(store, await appliedMigrations(read));
    } finally {
      await store.close();
    }

    const again = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, SQLITE_FILE_NAME)) }) });
    try {
      const migrator = new Migrator({ db: again, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('0003_account_removal')).error, undefined);
      assert.deepEqual((await read('select name from kysely_migration order by name')).map((r) => r.name), EXPECTED_ORDER.slice(0, 3));
      assert.equal((await migrator.migrateToLatest()).error, undefined);
      assert.deepEqual((await read('select name from kysely_migration order by name')).map((r) => r.name), EXPECTED_ORDER);
    } finally {
      await again.destroy();
    }
  });

  const pgAvailable = Boolean(process.env[TEST_PG_URL_ENV]);
  it('on Postgres: the same upgrade in one start', pgAvailable ? {} : { skip: POSTGRES_UNAVAILABLE_MESSAGE }, async () => {
    const url = await testDatabaseUrl('migration_upgrade');
    const pool = new pg.Pool({ connectionString: url! });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    try {
      await writeRelease0003(db);
    } finally {
      await db.destroy();
    }
    const read = async (sql: string) => {
      const client = new pg.Client({ connectionString: url! });
      await client.connect();
      try {
        return (await client.query<{ name: string }>(sql)).rows;
      } finally {
        await client.end();
      }
    };
    const store = await openStore({ databaseUrl: url, dataDir: root });
    try {
      await assertUpgraded(store, await appliedMigrations(read));
    } finally {
      await store.close();
    }
  });
});
