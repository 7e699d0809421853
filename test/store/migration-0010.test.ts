/**
 * Migration 0010 on a database the previous release wrote (schema 0009), on SQLite and on Postgres:
 * every rollup row gains the exact fees of its maker fills and of its taker fills, summed from the
 * stored counted fills (rebates negative, fills without a side and busted fills in neither, unpriced
 * fees in no sum); the costs query reads them; down() and up() again give the same sums.
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
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';
import { requireService } from '../support/required-service.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-migration-0010-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T = Date.UTC(2025, 5, 1, 12); // 2025-06-01
const DAY = 86_400_000;
const base = { order_id: null, side: 'buy', price: '1', qty: '1', kind: 'perpetual', underlying: 'BTC', busted_at: null as number | null };
/** Fills as release 0009 stored them (amounts in micro-dollars, written out by hand). */
const FILLS = [
  { id: 1, account_id: 'b', exchange: 'bybit', trade_id: 'm', symbol: 'BTCUSDT', notional_micros: 1_000_000_000, fee: '-0.1', fee_currency: 'USDT', fee_micros: -100_000, liquidity: 'maker', ts: T },
  { id: 2, account_id: 'b', exchange: 'bybit', trade_id: 't', symbol: 'BTCUSDT', notional_micros: 2_000_000_000, fee: '1.1', fee_currency: 'USDT', fee_micros: 1_100_000, liquidity: 'taker', ts: T + 1 },
  { id: 3, account_id: 'b', exchange: 'bybit', trade_id: 'u', symbol: 'BTCUSDT', notional_micros: 400_000_000, fee: '3', fee_currency: 'DIME', fee_micros: null, liquidity: 'taker', ts: T + 2 },
  { id: 4, account_id: 'b', exchange: 'bybit', trade_id: 'busted', symbol: 'BTCUSDT', notional_micros: 9_000_000_000, fee: '9', fee_currency: 'USDT', fee_micros: 9_000_000, liquidity: 'taker', ts: T + 3, busted_at: T + 9 },
  { id: 5, account_id: 'h', exchange: 'hyperliquid', trade_id: 'x', symbol: 'BTC', notional_micros: 300_000_000, fee: '0.12', fee_currency: 'USDC', fee_micros: 120_000, liquidity: null, ts: T + DAY },
].map((row) => ({ ...base, ...row }));

/** The rollups release 0009 kept for those fills (counted fills only), added up by hand. */
const SYMBOL_ROWS = [
  { day: '2025-06-01', account_id: 'b', exchange: 'bybit', kind: 'perpetual', symbol: 'BTCUSDT', underlying: 'BTC', volume_micros: 3_400_000_000, maker_micros: 1_000_000_000, taker_micros: 2_400_000_000, fees_micros: 1_000_000, trades: 3 },
  { day: '2025-06-02', account_id: 'h', exchange: 'hyperliquid', kind: 'perpetual', symbol: 'BTC', underlying: 'BTC', volume_micros: 300_000_000, maker_micros: 0, taker_micros: 0, fees_micros: 120_000, trades: 1 },
];

async function writeRelease0009(db: Kysely<any>): Promise<void> {
  assert.equal((await new Migrator({ db, provider: migrationProvider }).migrateTo('0009_history_gaps')).error, undefined);
  await db.insertInto('accounts').values([
    { id: 'b', exchange: 'bybit', label: 'B', identity: null, created_at: 1, removed_at: null },
    { id: 'h', exchange: 'hyperliquid', label: 'H', identity: null, created_at: 2, removed_at: null },
  ]).execute();
  await db.insertInto('fills').values(FILLS).execute();
  await db.insertInto('daily_symbol_volume').values(SYMBOL_ROWS).execute();
  await db.insertInto('daily_account_volume').values(SYMBOL_ROWS.map(({ symbol: _s, underlying: _u, ...row }) => row)).execute();
  await db.insertInto('daily_total_volume').values(SYMBOL_ROWS.map(({ symbol: _s, underlying: _u, account_id: _a, exchange: _e, ...row }) => row)).execute();
}

const EXPECTED = [
  ['2025-06-01', 'b', 3_400_000_000n, 1_000_000n, -100_000n, 1_100_000n],
  ['2025-06-02', 'h', 300_000_000n, 120_000n, 0n, 0n],
];

async function readCosts(open: () => ReturnType<typeof openStore>): Promise<unknown[]> {
  const store = await open();
  try {
    const rows = await store.volume.costDays({ from: '2025-06-01', to: '2025-06-02', kinds: ['perpetual'] });
    return rows.map((r) => [r.day, r.accountId, r.volumeMicros, r.feesMicros, r.makerFeesMicros, r.takerFeesMicros]);
  } finally {
    await store.close();
  }
}

describe('migration 0010: the rollups learn the fees of each side', () => {
  it('on SQLite: stored rows are filled from the fills, and down/up gives them back', async () => {
    const dir = join(root, 'sqlite');
    mkdirSync(dir);
    const file = join(dir, SQLITE_FILE_NAME);
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
    await writeRelease0009(db);
    await db.destroy();
    assert.deepEqual(await readCosts(() => openStore({ dataDir: dir })), EXPECTED);

    const again = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
    try {
      const migrator = new Migrator({ db: again, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('0009_history_gaps')).error, undefined);
      const columns = (await again.introspection.getTables()).find((t) => t.name === 'daily_total_volume')!.columns.map((c) => c.name);
      assert.ok(!columns.includes('maker_fees_micros'), 'down() drops the columns');
      assert.equal((await migrator.migrateToLatest()).error, undefined);
      const [total] = await again.selectFrom('daily_total_volume').select(['maker_fees_micros', 'taker_fees_micros']).where('day', '=', '2025-06-01').execute();
      assert.deepEqual([Number(total?.maker_fees_micros), Number(total?.taker_fees_micros)], [-100_000, 1_100_000]);
    } finally {
      await again.destroy();
    }
  });

  // under CI=true a missing Postgres fails the run instead of skipping this test
  const postgres = requireService('Postgres', process.env[TEST_PG_URL_ENV] ? null : POSTGRES_UNAVAILABLE_MESSAGE);
  it('on Postgres: the same backfill', postgres, async () => {
    const url = await testDatabaseUrl('migration_0010');
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url! }) }) });
    try {
      await writeRelease0009(db);
    } finally {
      await db.destroy();
    }
    assert.deepEqual(await readCosts(() => openStore({ databaseUrl: url, dataDir: root })), EXPECTED);
  });
});
