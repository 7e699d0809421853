import type { Kysely } from 'kysely';

/**
 * - `sync_state.history_gaps`: stretches of an account's history the exchange no longer serves
 *   although fills happened in them, found between two syncs (Hyperliquid keeps only the 10,000
 *   most recent fills: more than that between two syncs pushes the older ones out of reach). JSON
 *   array of {from, to} (ms); null = none. The account warns about each until a CSV import covers it.
 * - `reported_volume.daily_label`: what the exchange's daily figures count when that is not one
 *   account's perpetual volume (Hyperliquid's `dailyUserVlm` is fee-tier volume: spot and a master
 *   account's sub-accounts included), shown beside them.
 * Both columns are new and nullable: nothing stored changes meaning.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_state').addColumn('history_gaps', 'text').execute();
  await db.schema.alterTable('reported_volume').addColumn('daily_label', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reported_volume').dropColumn('daily_label').execute();
  await db.schema.alterTable('sync_state').dropColumn('history_gaps').execute();
}
