import { sql, type Kysely } from 'kysely';

/**
 * One row per UTC day over every account: the dashboard's default question (a two-year daily
 * series of everything) then reads 730 rows instead of summing a row per account per day.
 * Filled from the per-account rollup for databases that already have data.
 */
const SUMS = ['volume_micros', 'maker_micros', 'taker_micros', 'fees_micros', 'trades'];

export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema.createTable('daily_total_volume').addColumn('day', 'text', (c) => c.primaryKey());
  for (const column of SUMS) table = table.addColumn(column, 'bigint', (c) => c.notNull());
  await table.execute();
  await db.schema.createIndex('daily_total_volume_covering').on('daily_total_volume').columns(['day', ...SUMS]).execute();
  await sql`insert into daily_total_volume (day, volume_micros, maker_micros, taker_micros, fees_micros, trades)
    select day, sum(volume_micros), sum(maker_micros), sum(taker_micros), sum(fees_micros), sum(trades)
    from daily_account_volume group by day`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('daily_total_volume').ifExists().execute();
}
