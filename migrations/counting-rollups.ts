import { sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';
import { addDecimals, formatDecimal, parseDecimal, type Decimal } from '../src-main/core/decimal.ts';
import { isPostgres } from './dialect.ts';

/**
 * The daily rollups as migration 0004 shapes them ('by_kind') and as they were before it
 * ('before_0004', for its down()), and how to fill them from the fills table in one set-based pass.
 * Keyed day-first so a date range over all accounts is one contiguous index range; the covering
 * indexes carry the sums so a daily series is read from the index alone.
 */
export type RollupShape = 'by_kind' | 'before_0004';

const SUMS = ['volume_micros', 'maker_micros', 'taker_micros', 'fees_micros', 'trades'];
const ROLLUP_TABLES = ['daily_symbol_volume', 'daily_account_volume', 'daily_total_volume'];

function addSums<T extends string>(table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  for (const column of SUMS) table = table.addColumn(column, 'bigint', (c) => c.notNull());
  return table;
}

export async function dropRollupTables(db: Kysely<any>): Promise<void> {
  for (const table of ROLLUP_TABLES) await db.schema.dropTable(table).ifExists().execute();
}

export async function createRollupTables(db: Kysely<any>, shape: RollupShape): Promise<void> {
  const byKind = shape === 'by_kind';
  const kind = byKind ? ['kind'] : [];

  let symbol = db.schema.createTable('daily_symbol_volume').addColumn('day', 'text', (c) => c.notNull()).addColumn('account_id', 'text', (c) => c.notNull());
  symbol = symbol.addColumn('symbol', 'text', (c) => c.notNull()).addColumn('exchange', 'text', (c) => c.notNull());
  if (byKind) symbol = symbol.addColumn('kind', 'text', (c) => c.notNull()).addColumn('underlying', 'text', (c) => c.notNull());
  const symbolKey = byKind ? ['day', 'account_id', 'kind', 'symbol', 'underlying'] : ['day', 'account_id', 'symbol'];
  await symbol.$call(addSums).addPrimaryKeyConstraint('daily_symbol_volume_pk', symbolKey).execute();
  await db.schema.createIndex('daily_symbol_volume_by_account').on('daily_symbol_volume').columns(['account_id', 'day']).execute();
  const symbolCovering = byKind ? ['day', 'kind', 'underlying', 'symbol', 'account_id', 'exchange'] : ['day', 'symbol', 'account_id', 'exchange'];
  await db.schema.createIndex('daily_symbol_volume_covering').on('daily_symbol_volume').columns([...symbolCovering, ...SUMS]).execute();

  let account = db.schema.createTable('daily_account_volume').addColumn('day', 'text', (c) => c.notNull()).addColumn('account_id', 'text', (c) => c.notNull());
  account = account.addColumn('exchange', 'text', (c) => c.notNull());
  if (byKind) account = account.addColumn('kind', 'text', (c) => c.notNull());
  await account.$call(addSums).addPrimaryKeyConstraint('daily_account_volume_pk', ['day', 'account_id', ...kind]).execute();
  await db.schema.createIndex('daily_account_volume_by_account').on('daily_account_volume').columns(['account_id', 'day']).execute();
  await db.schema
    .createIndex('daily_account_volume_covering')
    .on('daily_account_volume')
    .columns(['day', ...kind, 'account_id', 'exchange', ...SUMS])
    .execute();

  let total = db.schema.createTable('daily_total_volume').addColumn('day', 'text', (c) => c.notNull());
  if (byKind) total = total.addColumn('kind', 'text', (c) => c.notNull());
  await total.$call(addSums).addPrimaryKeyConstraint('daily_total_volume_pk', ['day', ...kind]).execute();
  await db.schema.createIndex('daily_total_volume_covering').on('daily_total_volume').columns(['day', ...kind, ...SUMS]).execute();

  if (byKind) {
    await db.schema
      .createTable('daily_unpriced_fees')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('exchange', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('fee_currency', 'text', (c) => c.notNull())
      .addColumn('amount', 'text', (c) => c.notNull())
      .addColumn('fills', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('daily_unpriced_fees_pk', ['day', 'account_id', 'kind', 'fee_currency'])
      .execute();
    await db.schema.createIndex('daily_unpriced_fees_by_account').on('daily_unpriced_fees').columns(['account_id', 'day']).execute();
  }
}

/** A fill's UTC day from its ms time, the same calendar day core/days.ts utcDay() gives. */
function dayOf(db: Kysely<any>): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`to_char(to_timestamp(ts / 1000) at time zone 'UTC', 'YYYY-MM-DD')`
    : sql<string>`strftime('%Y-%m-%d', ts / 1000, 'unixepoch')`;
}

/** The rollups as the exact sums of the counted fills (unpriced fees count in no USD fee sum). */
export async function fillRollupsFromFills(db: Kysely<any>, shape: RollupShape): Promise<void> {
  const byKind = shape === 'by_kind';
  const keys = byKind ? sql`account_id, exchange, kind, symbol, underlying` : sql`account_id, exchange, symbol`;
  const counted = byKind ? sql`where busted_at is null` : sql``;
  await sql`insert into daily_symbol_volume (day, ${keys}, volume_micros, maker_micros, taker_micros, fees_micros, trades)
    select ${dayOf(db)} as fill_day, ${keys}, sum(notional_micros),
      sum(case when liquidity = 'maker' then notional_micros else 0 end),
      sum(case when liquidity = 'taker' then notional_micros else 0 end),
      coalesce(sum(fee_micros), 0), count(*)
    from fills ${counted} group by fill_day, ${keys}`.execute(db);
  const accountKeys = byKind ? sql`account_id, exchange, kind` : sql`account_id, exchange`;
  await sql`insert into daily_account_volume (day, ${accountKeys}, volume_micros, maker_micros, taker_micros, fees_micros, trades)
    select day, ${accountKeys}, sum(volume_micros), sum(maker_micros), sum(taker_micros), sum(fees_micros), sum(trades)
    from daily_symbol_volume group by day, ${accountKeys}`.execute(db);
  const totalKeys = byKind ? sql`day, kind` : sql`day`;
  await sql`insert into daily_total_volume (${totalKeys}, volume_micros, maker_micros, taker_micros, fees_micros, trades)
    select ${totalKeys}, sum(volume_micros), sum(maker_micros), sum(taker_micros), sum(fees_micros), sum(trades)
    from daily_account_volume group by ${totalKeys}`.execute(db);
}

/** Unpriced fees per (day, account, kind, token), summed exactly in the token. */
export async function fillUnpricedFromFills(db: Kysely<any>): Promise<void> {
  const rows = await sql<{ fill_day: string; account_id: string; exchange: string; kind: string; fee_currency: string; fee: string }>`
    select ${dayOf(db)} as fill_day, account_id, exchange, kind, fee_currency, fee
    from fills where fee_micros is null and busted_at is null`.execute(db);
  const sums = new Map<string, { day: string; account_id: string; exchange: string; kind: string; fee_currency: string; amount: Decimal; fills: number }>();
  for (const row of rows.rows) {
    const key = [row.fill_day, row.account_id, row.kind, row.fee_currency].join('\u0000');
    const sum = sums.get(key) ?? { day: row.fill_day, account_id: row.account_id, exchange: row.exchange, kind: row.kind, fee_currency: row.fee_currency, amount: { units: 0n, scale: 0 }, fills: 0 };
    sum.amount = addDecimals(sum.amount, parseDecimal(row.fee));
    sum.fills += 1;
    sums.set(key, sum);
  }
  const values = [...sums.values()].map((s) => ({ ...s, amount: formatDecimal(s.amount) }));
  for (let i = 0; i < values.length; i += 500) await db.insertInto('daily_unpriced_fees').values(values.slice(i, i + 500)).execute();
}
