import { sql, type Kysely } from 'kysely';
import type { ReportedVolumeRepository } from './store.ts';
import type { Database } from './schema.ts';

const DAYS_PER_UPSERT = 500;

/**
 * An exchange-reported amount as text in SQL: both dialects keep 64-bit integers exactly, but read
 * back as a JS number a whale's all-time figure (past 2^53 micro-dollars, 9 billion USD) would lose
 * its last digits. Text → bigint is exact.
 */
const asText = (column: string) => sql<string | null>`cast(${sql.ref(column)} as text)`;
const big = (text: string | null): bigint | null => (text === null ? null : BigInt(text));

/** The exchange's own volume figures, kept beside ours so a difference can be shown. */
export function createReportedVolumeRepository(db: Kysely<Database>): ReportedVolumeRepository {
  return {
    async save(accountId, daily, allTimeMicros, asOf, windows, dailyLabel) {
      await db.transaction().execute(async (trx) => {
        const head = { all_time_micros: allTimeMicros, as_of: asOf, ...(dailyLabel === undefined ? {} : { daily_label: dailyLabel }) };
        await trx
          .insertInto('reported_volume')
          .values({ account_id: accountId, daily_label: null, ...head })
          .onConflict((oc) => oc.column('account_id').doUpdateSet(head))
          .execute();
        // one figure per day: a later report of a day replaces the earlier one
        const byDay = new Map(daily.map((d) => [d.day, d.volumeMicros]));
        const rows = [...byDay].map(([day, volume]) => ({ account_id: accountId, day, volume_micros: volume }));
        for (let i = 0; i < rows.length; i += DAYS_PER_UPSERT) {
          await trx
            .insertInto('reported_daily_volume')
            .values(rows.slice(i, i + DAYS_PER_UPSERT))
            .onConflict((oc) => oc.columns(['account_id', 'day']).doUpdateSet((eb) => ({ volume_micros: eb.ref('excluded.volume_micros') })))
            .execute();
        }
        if (windows !== undefined) {
          await trx.deleteFrom('reported_window_volume').where('account_id', '=', accountId).execute();
          const windowRows = windows.map((w) => ({
            account_id: accountId,
            key: w.key,
            label: w.label,
            days: w.days,
            volume_micros: w.volumeMicros,
            tier: w.tier,
          }));
          if (windowRows.length > 0) await trx.insertInto('reported_window_volume').values(windowRows).execute();
        }
      });
    },

    async get(accountId) {
      const head = await db
        .selectFrom('reported_volume')
        .select([asText('all_time_micros').as('all_time'), 'daily_label', 'as_of'])
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!head) return null;
      const days = await db
        .selectFrom('reported_daily_volume')
        .select(['day', asText('volume_micros').as('volume')])
        .where('account_id', '=', accountId)
        .orderBy('day')
        .execute();
      const windows = await db
        .selectFrom('reported_window_volume')
        .select(['key', 'label', 'days', asText('volume_micros').as('volume'), 'tier'])
        .where('account_id', '=', accountId)
        .orderBy('key')
        .execute();
      return {
        daily: days.map((d) => ({ day: d.day, volumeMicros: big(d.volume) ?? 0n })),
        dailyLabel: head.daily_label,
        allTimeMicros: big(head.all_time),
        windows: windows.map((w) => ({ key: w.key, label: w.label, days: w.days, volumeMicros: big(w.volume) ?? 0n, tier: w.tier })),
        asOf: Number(head.as_of),
      };
    },
  };
}
