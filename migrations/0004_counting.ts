import { sql, type Kysely } from 'kysely';
import { feeValueMicros, USD_STABLECOINS } from '../src-main/core/fee-value.ts';
import { baseCoinOfSymbol, canonicalUnderlying } from '../src-main/core/underlying.ts';
import { isPostgres } from './dialect.ts';
import { createRollupTables, dropRollupTables, fillRollupsFromFills, fillUnpricedFromFills, type RollupShape } from './counting-rollups.ts';

/**
 * What counts, counted one way (issue #10):
 * - every fill says its instrument `kind` (perpetual | dated_future) and canonical `underlying`;
 *   stored fills are classified here from their symbol (Bybit dated futures were counted as perps);
 * - `fee_micros` may be null: a fee in a token Perpvol cannot price. Stored fees are valued again by
 *   the one rule (core/fee-value.ts), so fees once counted as $0 become unpriced instead;
 * - `busted_at` marks a fill the exchange reverted; `busted_trades` remembers every bust;
 * - `unclassified_executions` keeps executions no rule could classify, apart from volume;
 * - the rollups are keyed by kind (and the symbol rollup carries the underlying), and
 *   `daily_unpriced_fees` sums unpriceable fees per token exactly; all are rebuilt from the fills,
 *   so the totals are exactly the sums of what is stored.
 * SQLite cannot change a column's nullability, so its fills table is rebuilt (inside the migration's
 * one transaction, ids kept); Postgres alters it in place.
 */

const SYMBOLS_TABLE = 'migration_0004_symbols';

/** A stored fill's base coin: Hyperliquid's symbol IS its coin; the others' symbols spell it out. */
function baseCoinFor(exchange: string, symbol: string): string {
  return exchange === 'hyperliquid' ? symbol : baseCoinOfSymbol(symbol);
}

/** Kind and underlying of every stored (exchange, symbol), written to a helper table for one set-based pass. */
async function classifyStoredSymbols(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable(SYMBOLS_TABLE)
    .addColumn('exchange', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('underlying', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('migration_0004_symbols_pk', ['exchange', 'symbol'])
    .execute();
  const symbols = await db.selectFrom('fills').select(['exchange', 'symbol']).distinct().execute();
  const rows = symbols.map(({ exchange, symbol }: { exchange: string; symbol: string }) => {
    // Stored fills were all counted as perps; only a name that says "dated future" changes that.
    const kind = isDatedFuture(exchange, symbol) ? 'dated_future' : 'perpetual';
    return { exchange, symbol, kind, underlying: canonicalUnderlying(symbol, baseCoinFor(exchange, symbol)) || symbol };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insertInto(SYMBOLS_TABLE).values(rows.slice(i, i + 500)).execute();
}

const FILL_COLUMNS = ['account_id', 'exchange', 'trade_id', 'order_id', 'symbol', 'side', 'price', 'qty', 'notional_micros', 'fee', 'fee_currency', 'fee_micros', 'liquidity', 'ts'];

/** The fills table as of this migration (SQLite rebuild; Postgres gets the same columns by ALTER). */
async function createFillsV4(db: Kysely<any>, name: string): Promise<void> {
  await db.schema
    .createTable(name)
    .addColumn('id', 'integer', (c) => c.primaryKey())
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
    .addColumn('fee_micros', 'bigint')
    .addColumn('liquidity', 'text')
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('underlying', 'text', (c) => c.notNull())
    .addColumn('busted_at', 'bigint')
    .addUniqueConstraint('fills_account_trade_unique', ['account_id', 'trade_id'])
    .execute();
}

async function createFillIndexes(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('fills_by_time').on('fills').columns(['ts', 'id']).execute();
  await db.schema.createIndex('fills_by_account_time').on('fills').columns(['account_id', 'ts', 'id']).execute();
}

async function addFillColumns(db: Kysely<any>): Promise<void> {
  const columns = FILL_COLUMNS.map((c) => sql.ref(`f.${c}`));
  if (isPostgres(db)) {
    await sql`alter table fills add column kind text, add column underlying text, add column busted_at bigint, alter column fee_micros drop not null`.execute(db);
    await sql`update fills set kind = c.kind, underlying = c.underlying from ${sql.table(SYMBOLS_TABLE)} c
      where c.exchange = fills.exchange and c.symbol = fills.symbol`.execute(db);
    await sql`alter table fills alter column kind set not null, alter column underlying set not null`.execute(db);
    return;
  }
  await createFillsV4(db, 'fills_v4');
  await sql`insert into fills_v4 (id, ${sql.join(FILL_COLUMNS.map((c) => sql.ref(c)))}, kind, underlying, busted_at)
    select f.id, ${sql.join(columns)}, c.kind, c.underlying, null
    from fills f join ${sql.table(SYMBOLS_TABLE)} c on c.exchange = f.exchange and c.symbol = f.symbol`.execute(db);
  await db.schema.dropTable('fills').execute();
  await db.schema.alterTable('fills_v4').renameTo('fills').execute();
  await createFillIndexes(db);
}

/** Fees in anything but a USD stablecoin, valued again by the one rule; returns nothing, updates in place. */
async function revalueFees(db: Kysely<any>): Promise<void> {
  const stable = [...USD_STABLECOINS.keys()];
  const rows = await db
    .selectFrom('fills')
    .select(['id', 'exchange', 'symbol', 'price', 'fee', 'fee_currency', 'fee_micros'])
    .where(sql<boolean>`upper(fee_currency) not in (${sql.join(stable)})`)
    .execute();
  for (const row of rows as { id: number; exchange: string; symbol: string; price: string; fee: string; fee_currency: string; fee_micros: number | null }[]) {
    const value = feeValueMicros(row.fee, row.fee_currency, { price: row.price, baseCoin: baseCoinFor(row.exchange, row.symbol) });
    if (value !== (row.fee_micros === null ? null : Number(row.fee_micros))) {
      await db.updateTable('fills').set({ fee_micros: value }).where('id', '=', row.id).execute();
    }
  }
}

const COUNTING: RollupShape = 'by_kind';

export async function up(db: Kysely<any>): Promise<void> {
  await classifyStoredSymbols(db);
  await addFillColumns(db);
  await db.schema.dropTable(SYMBOLS_TABLE).execute();
  await revalueFees(db);

  await dropRollupTables(db);
  await createRollupTables(db, COUNTING);
  await fillRollupsFromFills(db, COUNTING);
  await fillUnpricedFromFills(db);

  await db.schema
    .createTable('unclassified_executions')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('execution_id', 'text', (c) => c.notNull())
    .addColumn('exchange', 'text', (c) => c.notNull())
    .addColumn('raw_type', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('unclassified_executions_pk', ['account_id', 'execution_id'])
    .execute();
  await db.schema
    .createTable('busted_trades')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('trade_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('busted_trades_pk', ['account_id', 'trade_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['busted_trades', 'unclassified_executions', 'daily_unpriced_fees']) await db.schema.dropTable(table).ifExists().execute();
  // The older schema counted every stored fill, at $0 when its fee could not be priced.
  await db.deleteFrom('fills').where('busted_at', 'is not', null).execute();
  await db.updateTable('fills').set({ fee_micros: 0 }).where('fee_micros', 'is', null).execute();
  await dropRollupTables(db);
  await createRollupTables(db, 'before_0004');
  await fillRollupsFromFills(db, 'before_0004');
  if (isPostgres(db)) {
    await sql`alter table fills drop column kind, drop column underlying, drop column busted_at, alter column fee_micros set not null`.execute(db);
    return;
  }
  await sql`create table fills_v3 as select id, ${sql.join(FILL_COLUMNS.map((c) => sql.ref(c)))} from fills`.execute(db);
  await db.schema.dropTable('fills').execute();
  await db.schema
    .createTable('fills')
    .addColumn('id', 'integer', (c) => c.primaryKey())
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
  await sql`insert into fills (id, ${sql.join(FILL_COLUMNS.map((c) => sql.ref(c)))}) select id, ${sql.join(FILL_COLUMNS.map((c) => sql.ref(c)))} from fills_v3`.execute(db);
  await db.schema.dropTable('fills_v3').execute();
  await createFillIndexes(db);
}

/**
 * The dated-future name rules as they stood when this migration was written (the exchanges' own
 * rules now live in src-main/connectors/<exchange>/symbols.ts and may change; a migration must not):
 * Bybit BTC-26DEC25, BTCUSDT-26DEC25, BTCUSDZ25; Paradex BTC-USD-26DEC25. Options are never stored.
 */
const EXPIRY = String.raw`\d{1,2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\d{2}`;
const BYBIT_OPTION = new RegExp(`-${EXPIRY}-\\d+(?:\\.\\d+)?-[CP](?:-[A-Z]+)?$`);
const BYBIT_DATED = new RegExp(`(?:-${EXPIRY}|USD[FGHJKMNQUVXZ]\\d{2})$`);
const PARADEX_OPTION = /-\d+(?:\.\d+)?-[CP]$/;
const PARADEX_DATED = new RegExp(`^[A-Z0-9]+-[A-Z0-9]+-${EXPIRY}$`);

function isDatedFuture(exchange: string, symbol: string): boolean {
  if (exchange === 'bybit') return !BYBIT_OPTION.test(symbol) && BYBIT_DATED.test(symbol);
  if (exchange === 'paradex') return !PARADEX_OPTION.test(symbol) && PARADEX_DATED.test(symbol);
  return false;
}
