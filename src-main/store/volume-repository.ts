import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ExchangeId } from '../core/exchange.ts';
import type { DailyFilter, DailyGrouping, DailyRow, VolumeRepository, WindowTotalsRow } from './store.ts';
import type { Database, RollupColumns } from './schema.ts';

type RollupTable = 'daily_account_volume' | 'daily_symbol_volume';

const GROUP_COLUMN = { exchange: 'exchange', account: 'account_id', symbol: 'symbol' } as const;

function sums<T extends RollupTable>(eb: ExpressionBuilder<Database, T>) {
  // the casts only tell Kysely the column names; both tables have them
  const e = eb as unknown as ExpressionBuilder<Database, 'daily_account_volume'>;
  return [
    e.fn.sum<number>('volume_micros').as('volume_micros'),
    e.fn.sum<number>('maker_micros').as('maker_micros'),
    e.fn.sum<number>('taker_micros').as('taker_micros'),
    e.fn.sum<number>('fees_micros').as('fees_micros'),
    e.fn.sum<number>('trades').as('trades'),
  ];
}

function toDailyRow(row: { day: string } & RollupColumns, key: string): DailyRow {
  return {
    day: row.day,
    key,
    // Number(): SUM() comes back as a number from both drivers, but be certain
    volumeMicros: Number(row.volume_micros),
    makerMicros: Number(row.maker_micros),
    takerMicros: Number(row.taker_micros),
    feesMicros: Number(row.fees_micros),
    trades: Number(row.trades),
  };
}

/**
 * Reads the rollups only, never the fills: a two-year daily series over every account is a few
 * thousand rollup rows. The unfiltered, ungrouped series reads the (day) rollup of all accounts;
 * per-symbol questions the (day, account, symbol) one; every other question the (day, account) one.
 */
export function createVolumeRepository(db: Kysely<Database>): VolumeRepository {
  return {
    async daily(filter: DailyFilter, grouping: DailyGrouping): Promise<DailyRow[]> {
      if (grouping === 'none' && filter.exchange === undefined && filter.accountId === undefined) {
        // everything, ungrouped: the all-accounts rollup has the answer row for row
        const rows = await db
          .selectFrom('daily_total_volume')
          .select(['day', 'volume_micros', 'maker_micros', 'taker_micros', 'fees_micros', 'trades'])
          .where('day', '>=', filter.from)
          .where('day', '<=', filter.to)
          .orderBy('day')
          .execute();
        return rows.map((row) => toDailyRow(row, ''));
      }
      const table: RollupTable = grouping === 'symbol' ? 'daily_symbol_volume' : 'daily_account_volume';
      let query = db
        .selectFrom(table as 'daily_account_volume')
        .select('day')
        .select(sums)
        .where('day', '>=', filter.from)
        .where('day', '<=', filter.to);
      if (filter.exchange !== undefined) query = query.where('exchange', '=', filter.exchange);
      if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
      const keyColumn = grouping === 'none' ? null : (GROUP_COLUMN[grouping] as 'exchange');
      const grouped = keyColumn
        ? query.select(`${keyColumn} as key` as 'exchange as key').groupBy(['day', keyColumn]).orderBy('day').orderBy(keyColumn)
        : query.select((eb) => eb.val('').as('key')).groupBy('day').orderBy('day');
      const rows = await grouped.execute();
      return rows.map((row) => toDailyRow(row, String(row.key ?? '')));
    },

    async totalsByExchange(range: { from?: string; to?: string }): Promise<WindowTotalsRow[]> {
      let query = db
        .selectFrom('daily_account_volume')
        .select(['exchange', (eb) => eb.fn.sum<number>('volume_micros').as('volume_micros'), (eb) => eb.fn.sum<number>('fees_micros').as('fees_micros'), (eb) => eb.fn.sum<number>('trades').as('trades')]);
      if (range.from !== undefined) query = query.where('day', '>=', range.from);
      if (range.to !== undefined) query = query.where('day', '<=', range.to);
      const rows = await query.groupBy('exchange').orderBy('exchange').execute();
      return rows.map((row) => ({
        exchange: row.exchange as ExchangeId,
        volumeMicros: Number(row.volume_micros),
        feesMicros: Number(row.fees_micros),
        trades: Number(row.trades),
      }));
    },
  };
}
