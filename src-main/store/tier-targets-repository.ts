import type { Kysely } from 'kysely';
import { isExchangeId } from '../core/exchange.ts';
import type { Database } from './schema.ts';
import type { TierTargetRecord, TierTargetsRepository } from './store.ts';

/** Volume targets per exchange: one row each, replaced in place. */
export function createTierTargetsRepository(db: Kysely<Database>): TierTargetsRepository {
  return {
    async list(): Promise<TierTargetRecord[]> {
      const rows = await db.selectFrom('tier_targets').selectAll().orderBy('exchange').execute();
      // A row of an exchange this version does not know (written by a newer Perpvol) is left alone.
      return rows.flatMap((row) =>
        isExchangeId(row.exchange) ? [{ exchange: row.exchange, volumeMicros: Number(row.volume_micros), updatedAt: Number(row.updated_at) }] : [],
      );
    },

    async set(exchange, volumeMicros, now) {
      await db
        .insertInto('tier_targets')
        .values({ exchange, volume_micros: volumeMicros, updated_at: now })
        .onConflict((oc) => oc.column('exchange').doUpdateSet({ volume_micros: volumeMicros, updated_at: now }))
        .execute();
      return { exchange, volumeMicros, updatedAt: now };
    },

    async clear(exchange) {
      await db.deleteFrom('tier_targets').where('exchange', '=', exchange).execute();
    },
  };
}
