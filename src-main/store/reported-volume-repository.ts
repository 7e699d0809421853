import type { Kysely } from 'kysely';
import type { ReportedVolumeRepository } from './store.ts';
import type { Database } from './schema.ts';

const DAYS_PER_UPSERT = 500;

/** The exchange's own volume figures, kept beside ours so a difference can be shown. */
export function createReportedVolumeRepository(db: Kysely<Database>): ReportedVolumeRepository {
  return {
    async save(accountId, daily, allTimeMicros, asOf, windows) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('reported_volume')
          .values({ account_id: accountId, all_time_micros: allTimeMicros, as_of: asOf })
          .onConflict((oc) => oc.column('account_id').doUpdateSet({ all_time_micros: allTimeMicros, as_of: asOf }))
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
      const head = await db.selectFrom('reported_volume').selectAll().where('account_id', '=', accountId).executeTakeFirst();
      if (!head) return null;
      const days = await db
        .selectFrom('reported_daily_volume')
        .select(['day', 'volume_micros'])
        .where('account_id', '=', accountId)
        .orderBy('day')
        .execute();
      const windows = await db
        .selectFrom('reported_window_volume')
        .select(['key', 'label', 'days', 'volume_micros', 'tier'])
        .where('account_id', '=', accountId)
        .orderBy('key')
        .execute();
      return {
        daily: days.map((d) => ({ day: d.day, volumeMicros: d.volume_micros })),
        allTimeMicros: head.all_time_micros,
        windows: windows.map((w) => ({ key: w.key, label: w.label, days: w.days, volumeMicros: Number(w.volume_micros), tier: w.tier })),
        asOf: head.as_of,
      };
    },
  };
}
