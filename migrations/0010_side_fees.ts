import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres } from './dialect.ts';

/**
 * What the volume cost (issue #20, docs/costs.md): every daily rollup gains the fees of its maker
 * fills and of its taker fills (`maker_fees_micros`, `taker_fees_micros`, exact micro-dollars, net of
 * rebates), so the costs answer reads rollups, never fills. The rest it needs is already exact in
 * the rollups: volume without a side = volume − maker − taker, fees without a side = fees − maker
 * fees − taker fees, and unpriced token fees per day and token live in `daily_unpriced_fees`.
 * Stored rows are filled from the counted (not busted) fills in one set-based pass per table.
 */
const TABLES = ['daily_symbol_volume', 'daily_account_volume', 'daily_total_volume'] as const;
const SIDE_FEES = ['maker_fees_micros', 'taker_fees_micros'] as const;
const SUMS = ['volume_micros', 'maker_micros', 'taker_micros', 'fees_micros', 'trades'];

/** A fill's UTC day from its ms time (the same calendar day core/days.ts utcDay() gives). */
function dayOf(db: Kysely<any>): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`to_char(to_timestamp(ts / 1000) at time zone 'UTC', 'YYYY-MM-DD')`
    : sql<string>`strftime('%Y-%m-%d', ts / 1000, 'unixepoch')`;
}

async function recreateCoveringIndexes(db: Kysely<any>, withSideFees: boolean): Promise<void> {
  const extra = withSideFees ? [...SIDE_FEES] : [];
  await db.schema.dropIndex('daily_account_volume_covering').ifExists().execute();
  await db.schema
    .createIndex('daily_account_volume_covering')
    .on('daily_account_volume')
    .columns(['day', 'kind', 'account_id', 'exchange', ...SUMS, ...extra])
    .execute();
  await db.schema.dropIndex('daily_total_volume_covering').ifExists().execute();
  await db.schema.createIndex('daily_total_volume_covering').on('daily_total_volume').columns(['day', 'kind', ...SUMS, ...extra]).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    for (const column of SIDE_FEES) {
      await db.schema.alterTable(table).addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    }
  }
  await sql`update daily_symbol_volume set maker_fees_micros = s.maker_fees, taker_fees_micros = s.taker_fees
    from (select ${dayOf(db)} as fill_day, account_id, kind, symbol, underlying,
            coalesce(sum(case when liquidity = 'maker' then fee_micros else 0 end), 0) as maker_fees,
            coalesce(sum(case when liquidity = 'taker' then fee_micros else 0 end), 0) as taker_fees
          from fills where busted_at is null
          group by fill_day, account_id, kind, symbol, underlying) s
    where daily_symbol_volume.day = s.fill_day and daily_symbol_volume.account_id = s.account_id
      and daily_symbol_volume.kind = s.kind and daily_symbol_volume.symbol = s.symbol
      and daily_symbol_volume.underlying = s.underlying`.execute(db);
  await sql`update daily_account_volume set maker_fees_micros = s.maker_fees, taker_fees_micros = s.taker_fees
    from (select day, account_id, kind, sum(maker_fees_micros) as maker_fees, sum(taker_fees_micros) as taker_fees
          from daily_symbol_volume group by day, account_id, kind) s
    where daily_account_volume.day = s.day and daily_account_volume.account_id = s.account_id and daily_account_volume.kind = s.kind`.execute(db);
  await sql`update daily_total_volume set maker_fees_micros = s.maker_fees, taker_fees_micros = s.taker_fees
    from (select day, kind, sum(maker_fees_micros) as maker_fees, sum(taker_fees_micros) as taker_fees
          from daily_account_volume group by day, kind) s
    where daily_total_volume.day = s.day and daily_total_volume.kind = s.kind`.execute(db);
  await recreateCoveringIndexes(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  // SQLite cannot drop a column an index names: the covering indexes go back to their 0004 shape first.
  await recreateCoveringIndexes(db, false);
  for (const table of TABLES) {
    for (const column of SIDE_FEES) await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
