import type { CreateTableBuilder, Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/**
 * The first schema. Portable SQL through Kysely's schema builder; the same file runs on SQLite
 * and Postgres. Money and times are BIGINT (micro-dollars, ms epoch); days are 'YYYY-MM-DD' text;
 * JSON is stored as text. No table ever holds a secret.
 */
/**
 * The rollups' sums, also carried in day-first covering indexes: a daily series is then read from
 * the index alone (no row lookups), which is what keeps a two-year series over all accounts fast.
 */
const ROLLUP_SUMS = ['volume_micros', 'maker_micros', 'taker_micros', 'fees_micros', 'trades'];

/** The rollup sums as columns, in ROLLUP_SUMS order: whole numbers, never null. */
function addRollupSums<T extends string>(table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  for (const column of ROLLUP_SUMS) table = table.addColumn(column, 'bigint', (c) => c.notNull());
  return table;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exchange', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text')
    .addColumn('identity', 'text')
    .addColumn('permissions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_sync_at', 'bigint')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .execute();
  await db.schema.createIndex('accounts_by_identity').on('accounts').columns(['exchange', 'identity']).execute();

  // Fills stay when an account is removed without purge, so no foreign key to accounts.
  let fills = db.schema.createTable('fills');
  fills = isPostgres(db)
    ? fills.addColumn('id', 'bigint', (c) => c.generatedByDefaultAsIdentity().primaryKey())
    : fills.addColumn('id', 'integer', (c) => c.primaryKey());
  await fills
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('exchange', 'text', (c) => c.notNull())
    .addColumn('trade_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('price', 'text', (c) => c.notNull())
    .addColumn('qty', 'text', (c) => c.notNull())
    .addColumn('notional_micros', 'bigint', (c) => c.notNull())
    .addColumn('fee', 'text', (c) => c.notNull())
    .addColumn('fee_currency', 'text', (c) => c.notNull())
    .addColumn('fee_micros', 'bigint', (c) => c.notNull())
    .addColumn('liquidity', 'text')
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('fills_account_trade_unique', ['account_id', 'trade_id'])
    .execute();
  // Newest-first paging by (ts, id), over all accounts and per account.
  await db.schema.createIndex('fills_by_time').on('fills').columns(['ts', 'id']).execute();
  await db.schema.createIndex('fills_by_account_time').on('fills').columns(['account_id', 'ts', 'id']).execute();

  // Rollups. Keyed day-first so a date range over all accounts is one contiguous index range.
  await db.schema
    .createTable('daily_symbol_volume')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('exchange', 'text', (c) => c.notNull())
    .$call(addRollupSums)
    .addPrimaryKeyConstraint('daily_symbol_volume_pk', ['day', 'account_id', 'symbol'])
    .execute();
  await db.schema.createIndex('daily_symbol_volume_by_account').on('daily_symbol_volume').columns(['account_id', 'day']).execute();
  await db.schema
    .createIndex('daily_symbol_volume_covering')
    .on('daily_symbol_volume')
    .columns(['day', 'symbol', 'account_id', 'exchange', ...ROLLUP_SUMS])
    .execute();

  // The same sums without the symbol: what the dashboard reads most, a few thousand rows at most.
  await db.schema
    .createTable('daily_account_volume')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('exchange', 'text', (c) => c.notNull())
    .$call(addRollupSums)
    .addPrimaryKeyConstraint('daily_account_volume_pk', ['day', 'account_id'])
    .execute();
  await db.schema.createIndex('daily_account_volume_by_account').on('daily_account_volume').columns(['account_id', 'day']).execute();
  await db.schema
    .createIndex('daily_account_volume_covering')
    .on('daily_account_volume')
    .columns(['day', 'account_id', 'exchange', ...ROLLUP_SUMS])
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('cursor', 'text')
    .addColumn('backfill_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages_fetched', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('fills_stored', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('covered_from', 'bigint')
    .addColumn('covered_to', 'bigint')
    .addColumn('history_limited_before', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reported_volume')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('all_time_micros', 'bigint')
    .addColumn('as_of', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('reported_daily_volume')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('volume_micros', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('reported_daily_volume_pk', ['account_id', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['reported_daily_volume', 'reported_volume', 'sync_state', 'daily_account_volume', 'daily_symbol_volume', 'fills', 'accounts']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
