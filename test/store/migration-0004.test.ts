/**
 * Migration 0004 on a database an older Perpvol wrote, on SQLite and on Postgres: stored fills are
 * classified (a Bybit dated future stops counting as perp volume), fees once counted as $0 in a
 * token without a price become unpriced, the rollups are rebuilt as the exact sums of the fills,
 * and down() gives the older schema back.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from '../../migrations/index.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import { SQLITE_FILE_NAME } from '../../src-main/store/sqlite/open-sqlite-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';
import { PERP } from './store-suite.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-migration-0004-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T = Date.UTC(2025, 0, 15, 12);
/** Fills as Perpvol 0003 stored them: everything a perp, unknown fee tokens at $0. */
const OLD_FILLS = [
  { id: 11, account_id: 'b', exchange: 'bybit', trade_id: 'b-perp', symbol: 'BTCUSDT', price: '100', qty: '2', notional_micros: 200_000_000, fee: '0.1', fee_currency: 'USDT', fee_micros: 100_000, liquidity: 'maker' },
  { id: 12, account_id: 'b', exchange: 'bybit', trade_id: 'b-future', symbol: 'BTCUSDT-26DEC25', price: '100', qty: '1', notional_micros: 100_000_000, fee: '0.05', fee_currency: 'USDT', fee_micros: 50_000, liquidity: 'taker' },
  { id: 13, account_id: 'b', exchange: 'bybit', trade_id: 'b-inverse', symbol: 'BTCUSDZ25', price: '50000', qty: '500', notional_micros: 500_000_000, fee: '0.000001', fee_currency: 'BTC', fee_micros: 50_000, liquidity: 'taker' },
  { id: 14, account_id: 'h', exchange: 'hyperliquid', trade_id: 'h-hip3', symbol: 'xyz:TSLA', price: '250', qty: '1', notional_micros: 250_000_000, fee: '0.3', fee_currency: 'XYZ', fee_micros: 0, liquidity: 'taker' },
  { id: 15, account_id: 'h', exchange: 'hyperliquid', trade_id: 'h-kpepe', symbol: 'kPEPE', price: '0.01', qty: '1000', notional_micros: 10_000_000, fee: '0.004', fee_currency: 'USDC', fee_micros: 4_000, liquidity: 'maker' },
  { id: 16, account_id: 'w', exchange: 'woox', trade_id: 'w-1', symbol: 'PERP_1000PEPE_USDT', price: '0.01', qty: '100', notional_micros: 1_000_000, fee: '0', fee_currency: '', fee_micros: 0, liquidity: 'taker' },
  { id: 17, account_id: 'p', exchange: 'paradex', trade_id: 'p-1', symbol: 'BTC-USD-PERP', price: '100', qty: '1', notional_micros: 100_000_000, fee: '-0.01', fee_currency: 'USDC', fee_micros: -10_000, liquidity: 'maker' },
].map((row) => ({ ...row, order_id: null, side: 'buy', ts: T }));

/** The rollup rows 0003 kept (per account and day), as its writer summed them. */
function oldAccountRollups() {
  const rows = new Map<string, { day: string; account_id: string; exchange: string; volume_micros: number; maker_micros: number; taker_micros: number; fees_micros: number; trades: number }>();
  for (const f of OLD_FILLS) {
    const row = rows.get(f.account_id) ?? { day: '2025-01-15', account_id: f.account_id, exchange: f.exchange, volume_micros: 0, maker_micros: 0, taker_micros: 0, fees_micros: 0, trades: 0 };
    row.volume_micros += f.notional_micros;
    if (f.liquidity === 'maker') row.maker_micros += f.notional_micros;
    else row.taker_micros += f.notional_micros;
    row.fees_micros += f.fee_micros;
    row.trades += 1;
    rows.set(f.account_id, row);
  }
  return [...rows.values()];
}

async function writeOldDatabase(db: Kysely<any>): Promise<Migrator> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  assert.equal((await migrator.migrateTo('0003_account_removal')).error, undefined);
  for (const id of ['b', 'h', 'w', 'p']) {
    const exchange = OLD_FILLS.find((f) => f.account_id === id)!.exchange;
    await db.insertInto('accounts').values({ id, exchange, label: id, created_at: 1 }).execute();
  }
  await db.insertInto('fills').values(OLD_FILLS).execute();
  const accountRows = oldAccountRollups();
  await db.insertInto('daily_account_volume').values(accountRows).execute();
  const sum = (pick: (r: (typeof accountRows)[number]) => number) => accountRows.reduce((s, r) => s + pick(r), 0);
  await db
    .insertInto('daily_total_volume')
    .values({ day: '2025-01-15', volume_micros: sum((r) => r.volume_micros), maker_micros: sum((r) => r.maker_micros), taker_micros: sum((r) => r.taker_micros), fees_micros: sum((r) => r.fees_micros), trades: sum((r) => r.trades) })
    .execute();
  return migrator;
}

async function assertMigrated(store: Store): Promise<void> {
  const fills = (await store.fills.list({ limit: 100 })).fills.sort((a, b) => Number(a.id) - Number(b.id));
  assert.deepEqual(
    fills.map((f) => [f.id, f.tradeId, f.kind, f.underlying, f.feeMicros]),
    [
      ['11', 'b-perp', 'perpetual', 'BTC', 100_000],
      ['12', 'b-future', 'dated_future', 'BTC', 50_000],
      ['13', 'b-inverse', 'dated_future', 'BTC', 50_000],
      ['14', 'h-hip3', 'perpetual', 'TSLA', null],
      ['15', 'h-kpepe', 'perpetual', 'PEPE', 4_000],
      ['16', 'w-1', 'perpetual', 'PEPE', 0],
      ['17', 'p-1', 'perpetual', 'BTC', -10_000],
    ],
    'ids kept; kind and underlying from the symbol; the $0 fee in XYZ is now unpriced',
  );
  const day = { from: '2025-01-15', to: '2025-01-15' };
  const [perp] = await store.volume.daily({ ...day, kinds: PERP }, 'none');
  assert.deepEqual(perp, { day: '2025-01-15', key: '', volumeMicros: 561_000_000n, makerMicros: 310_000_000n, takerMicros: 251_000_000n, feesMicros: 94_000n, trades: 5 });
  const byKind = await store.volume.daily({ ...day, kinds: ['perpetual', 'dated_future'] }, 'kind');
  assert.deepEqual(byKind.map((r) => [r.key, r.volumeMicros, r.feesMicros, r.trades]), [['dated_future', 600_000_000n, 100_000n, 2], ['perpetual', 561_000_000n, 94_000n, 5]]);
  const byUnderlying = await store.volume.daily({ ...day, kinds: PERP }, 'underlying');
  assert.deepEqual(byUnderlying.map((r) => [r.key, r.volumeMicros]), [['BTC', 300_000_000n], ['PEPE', 11_000_000n], ['TSLA', 250_000_000n]]);
  assert.deepEqual(await store.volume.unpricedFees({}), [{ accountId: 'h', exchange: 'hyperliquid', currency: 'XYZ', amount: '0.3', fills: 1 }]);
  const bybit = await store.volume.daily({ ...day, kinds: PERP, accountId: 'b' }, 'none');
  assert.deepEqual(bybit.map((r) => r.volumeMicros), [200_000_000n], 'the account rollup is rebuilt too');
}

describe('migration 0004 (what counts, counted one way)', () => {
  it('on SQLite: classifies stored fills, revalues fees and rebuilds the rollups exactly, and undoes cleanly', async () => {
    const dir = join(root, 'sqlite');
    mkdirSync(dir);
    const handle = new BetterSqlite3(join(dir, SQLITE_FILE_NAME));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: handle }) });
    await writeOldDatabase(db);
    await db.destroy();

    const store = await openStore({ dataDir: dir });
    try {
      await assertMigrated(store);
    } finally {
      await store.close();
    }

    const again = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, SQLITE_FILE_NAME)) }) });
    try {
      assert.equal((await new Migrator({ db: again, provider: migrationProvider }).migrateTo('0003_account_removal')).error, undefined);
      const fills = await again.selectFrom('fills').select(['id', 'fee_micros']).orderBy('id').execute();
      assert.deepEqual(fills.map((f) => f.fee_micros), [100_000, 50_000, 50_000, 0, 4_000, 0, -10_000]);
      const [total] = await again.selectFrom('daily_total_volume').selectAll().execute();
      assert.equal(total?.volume_micros, 1_161_000_000);
      assert.equal(total?.trades, 7);
    } finally {
      await again.destroy();
    }
  });

  const pgAvailable = Boolean(process.env[TEST_PG_URL_ENV]);
  it('on Postgres: the same', pgAvailable ? {} : { skip: POSTGRES_UNAVAILABLE_MESSAGE }, async () => {
    const url = await testDatabaseUrl('migration_0004');
    const pool = new pg.Pool({ connectionString: url! });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    try {
      await writeOldDatabase(db);
    } finally {
      await db.destroy();
    }
    const store = await openStore({ databaseUrl: url, dataDir: root });
    try {
      await assertMigrated(store);
    } finally {
      await store.close();
    }
  });
});
