import { sql, type Kysely, type RawBuilder } from 'kysely';
import { addDecimals, formatDecimal, parseDecimal, type Decimal } from '../core/decimal.ts';
import type { ExchangeId } from '../core/exchange.ts';
import type { InstrumentKind } from '../core/instrument.ts';
import type { AccountTotalsRow, CostDayRow, CostSumsRow, ExchangeDayRow, DailyFilter, UnpricedDayRow, DailyGrouping, DailyRow, DayRange, UnpricedFeeRow, VolumeRepository, WindowTotalsRow } from './store.ts';
import type { Database } from './schema.ts';

/** The column a grouping keys on, and the rollup that has it. */
const GROUPS: Record<Exclude<DailyGrouping, 'none'>, { column: string; table: 'daily_account_volume' | 'daily_symbol_volume' }> = {
  exchange: { column: 'exchange', table: 'daily_account_volume' },
  account: { column: 'account_id', table: 'daily_account_volume' },
  kind: { column: 'kind', table: 'daily_account_volume' },
  symbol: { column: 'symbol', table: 'daily_symbol_volume' },
  underlying: { column: 'underlying', table: 'daily_symbol_volume' },
};

/**
 * SUM of a money column as exact decimal text: SQLite sums 64-bit integers exactly (and refuses,
 * rather than rounds, past 2^63) and Postgres sums bigint as numeric; read as JS numbers, either
 * would silently lose digits past 2^53 micro-dollars (9 billion USD). Text → bigint is exact.
 */
const exactSum = (column: string): RawBuilder<string> => sql<string>`cast(sum(${sql.ref(column)}) as text)`;

const SUMMED = [
  exactSum('volume_micros').as('volume_micros'),
  exactSum('maker_micros').as('maker_micros'),
  exactSum('taker_micros').as('taker_micros'),
  exactSum('fees_micros').as('fees_micros'),
  exactSum('trades').as('trades'),
] as const;

interface SummedRow {
  volume_micros: string | null;
  maker_micros: string | null;
  taker_micros: string | null;
  fees_micros: string | null;
  trades: string | null;
}

const big = (text: string | number | null): bigint => (text === null ? 0n : BigInt(text));

function toDailyRow(row: { day: string } & SummedRow, key: string): DailyRow {
  return {
    day: row.day,
    key,
    volumeMicros: big(row.volume_micros),
    makerMicros: big(row.maker_micros),
    takerMicros: big(row.taker_micros),
    feesMicros: big(row.fees_micros),
    trades: Number(row.trades ?? 0),
  };
}

/** `kind in (…)`; an empty list matches nothing (rather than being invalid SQL). */
function kindIn(kinds: readonly InstrumentKind[]): RawBuilder<boolean> {
  return kinds.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`${sql.ref('kind')} in (${sql.join([...kinds])})`;
}

/**
 * Reads the rollups only, never the fills: a two-year daily series over every account is a few
 * thousand rollup rows. The unfiltered, ungrouped series reads the (day, kind) rollup of all
 * accounts; per-symbol and per-underlying questions the (day, account, kind, symbol) one; every
 * other question the (day, account, kind) one.
 */
export function createVolumeRepository(db: Kysely<Database>): VolumeRepository {
  return {
    async daily(filter: DailyFilter, grouping: DailyGrouping): Promise<DailyRow[]> {
      if (grouping === 'none' && filter.exchange === undefined && filter.accountId === undefined) {
        // everything, ungrouped: the all-accounts rollup has the answer in a row per day and kind
        const rows = await db
          .selectFrom('daily_total_volume')
          .select('day')
          .select([...SUMMED])
          .where('day', '>=', filter.from)
          .where('day', '<=', filter.to)
          .where(kindIn(filter.kinds))
          .groupBy('day')
          .orderBy('day')
          .execute();
        return rows.map((row) => toDailyRow(row, ''));
      }
      const group = grouping === 'none' ? null : GROUPS[grouping];
      let query = db
        .selectFrom((group?.table ?? 'daily_account_volume') as 'daily_account_volume')
        .select('day')
        .select([...SUMMED])
        .where('day', '>=', filter.from)
        .where('day', '<=', filter.to)
        .where(kindIn(filter.kinds));
      if (filter.exchange !== undefined) query = query.where('exchange', '=', filter.exchange);
      if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
      if (group === null) {
        const rows = await query.groupBy('day').orderBy('day').execute();
        return rows.map((row) => toDailyRow(row, ''));
      }
      const key = sql.ref(group.column);
      const rows = await query.select(sql<string>`${key}`.as('group_key')).groupBy(['day', sql`${key}`]).orderBy('day').orderBy(sql`${key}`).execute();
      return rows.map((row) => toDailyRow(row, String(row.group_key ?? '')));
    },

    async totalsByExchange(range: DayRange & { kinds: readonly InstrumentKind[] }): Promise<WindowTotalsRow[]> {
      let query = db
        .selectFrom('daily_account_volume')
        .select(['exchange', exactSum('volume_micros').as('volume_micros'), exactSum('fees_micros').as('fees_micros'), exactSum('trades').as('trades')])
        .where(kindIn(range.kinds));
      if (range.from !== undefined) query = query.where('day', '>=', range.from);
      if (range.to !== undefined) query = query.where('day', '<=', range.to);
      const rows = await query.groupBy('exchange').orderBy('exchange').execute();
      return rows.map((row) => ({
        exchange: row.exchange as ExchangeId,
        volumeMicros: big(row.volume_micros),
        feesMicros: big(row.fees_micros),
        trades: Number(row.trades ?? 0),
      }));
    },

    async totalsByAccount(range: DayRange & { kinds: readonly InstrumentKind[] }): Promise<AccountTotalsRow[]> {
      let query = db
        .selectFrom('daily_account_volume')
        .select(['account_id', 'exchange', exactSum('volume_micros').as('volume_micros'), exactSum('fees_micros').as('fees_micros'), exactSum('trades').as('trades')])
        .where(kindIn(range.kinds));
      if (range.from !== undefined) query = query.where('day', '>=', range.from);
      if (range.to !== undefined) query = query.where('day', '<=', range.to);
      const rows = await query.groupBy(['account_id', 'exchange']).orderBy('account_id').execute();
      return rows.map((row) => ({
        accountId: row.account_id,
        exchange: row.exchange as ExchangeId,
        volumeMicros: big(row.volume_micros),
        feesMicros: big(row.fees_micros),
        trades: Number(row.trades ?? 0),
      }));
    },

    async costDays(range): Promise<CostDayRow[]> {
      const rows = await db
        .selectFrom('daily_account_volume')
        .select(['day', 'account_id', 'exchange'])
        .select([...SUMMED, exactSum('maker_fees_micros').as('maker_fees_micros'), exactSum('taker_fees_micros').as('taker_fees_micros')])
        .where('day', '>=', range.from)
        .where('day', '<=', range.to)
        .where(kindIn(range.kinds))
        .groupBy(['day', 'account_id', 'exchange'])
        .orderBy('day')
        .orderBy('account_id')
        .execute();
      return rows.map((row) => ({
        ...toDailyRow(row, row.account_id),
        accountId: row.account_id,
        exchange: row.exchange as ExchangeId,
        makerFeesMicros: big(row.maker_fees_micros),
        takerFeesMicros: big(row.taker_fees_micros),
      }));
    },

    async costSums(range, by): Promise<CostSumsRow[]> {
      const query = db
        .selectFrom('daily_account_volume')
        .select([...SUMMED, exactSum('maker_fees_micros').as('maker_fees_micros'), exactSum('taker_fees_micros').as('taker_fees_micros')])
        .where('day', '>=', range.from)
        .where('day', '<=', range.to)
        .where(kindIn(range.kinds));
      const rows =
        by === 'account'
          ? (await query.select(['account_id as key', 'exchange']).groupBy(['account_id', 'exchange']).orderBy('account_id').execute())
          : (await query.select(['day as key']).groupBy('day').orderBy('day').execute()).map((row) => ({ ...row, exchange: null }));
      return rows.map((row) => ({
        key: row.key,
        exchange: row.exchange as ExchangeId | null,
        volumeMicros: big(row.volume_micros),
        makerMicros: big(row.maker_micros),
        takerMicros: big(row.taker_micros),
        feesMicros: big(row.fees_micros),
        makerFeesMicros: big(row.maker_fees_micros),
        takerFeesMicros: big(row.taker_fees_micros),
        trades: Number(row.trades ?? 0),
      }));
    },

    async dailyByExchange(range): Promise<ExchangeDayRow[]> {
      const rows = await db
        .selectFrom('daily_account_volume')
        .select(['day', 'exchange', exactSum('volume_micros').as('volume_micros'), exactSum('fees_micros').as('fees_micros'), exactSum('trades').as('trades')])
        .where('day', '>=', range.from)
        .where('day', '<=', range.to)
        .where(kindIn(range.kinds))
        .groupBy(['day', 'exchange'])
        .orderBy('day')
        .orderBy('exchange')
        .execute();
      return rows.map((row) => ({ day: row.day, exchange: row.exchange as ExchangeId, volumeMicros: big(row.volume_micros), feesMicros: big(row.fees_micros), trades: Number(row.trades ?? 0) }));
    },

    async unpricedFeesByDay(range): Promise<UnpricedDayRow[]> {
      const rows = await db
        .selectFrom('daily_unpriced_fees')
        .select(['day', 'account_id', 'exchange', 'fee_currency', 'amount', 'fills'])
        .where('day', '>=', range.from)
        .where('day', '<=', range.to)
        .where(kindIn(range.kinds))
        .orderBy('day')
        .execute();
      // one row per kind: the kinds of one (day, account, token) are added exactly, never as floats
      const sums = new Map<string, { row: UnpricedDayRow; amount: Decimal }>();
      for (const row of rows) {
        const key = `${row.day}\u0000${row.account_id}\u0000${row.fee_currency}`;
        const sum = sums.get(key) ?? { row: { day: row.day, accountId: row.account_id, exchange: row.exchange as ExchangeId, currency: row.fee_currency, amount: '0', fills: 0 }, amount: { units: 0n, scale: 0 } };
        sum.amount = addDecimals(sum.amount, parseDecimal(row.amount));
        sum.row.fills += Number(row.fills);
        sums.set(key, sum);
      }
      return [...sums.values()].map(({ row, amount }) => ({ ...row, amount: formatDecimal(amount) }));
    },

    async unpricedFees(range: DayRange & { kinds?: readonly InstrumentKind[]; accountId?: string }): Promise<UnpricedFeeRow[]> {
      let query = db.selectFrom('daily_unpriced_fees').select(['account_id', 'exchange', 'fee_currency', 'amount', 'fills']);
      if (range.kinds !== undefined) query = query.where(kindIn(range.kinds));
      if (range.from !== undefined) query = query.where('day', '>=', range.from);
      if (range.to !== undefined) query = query.where('day', '<=', range.to);
      if (range.accountId !== undefined) query = query.where('account_id', '=', range.accountId);
      // The amounts are exact decimal text in the token: added here with bigints, never as floats.
      const sums = new Map<string, { row: UnpricedFeeRow; amount: Decimal }>();
      for (const row of await query.execute()) {
        const key = `${row.account_id}\u0000${row.fee_currency}`;
        const sum = sums.get(key) ?? { row: { accountId: row.account_id, exchange: row.exchange as ExchangeId, currency: row.fee_currency, amount: '0', fills: 0 }, amount: { units: 0n, scale: 0 } };
        sum.amount = addDecimals(sum.amount, parseDecimal(row.amount));
        sum.row.fills += Number(row.fills);
        sums.set(key, sum);
      }
      return [...sums.values()]
        .map(({ row, amount }) => ({ ...row, amount: formatDecimal(amount) }))
        .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.currency.localeCompare(b.currency));
    },
  };
}
