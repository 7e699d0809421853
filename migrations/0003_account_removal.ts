import type { Kysely } from 'kysely';

/**
 * Removing an account without purge keeps its fills and rollups (they still count in the totals).
 * The account row stays too, marked removed, so that adding the same exchange account again takes
 * its old id back: its fills are then recognised as already stored instead of counted a second time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('removed_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('removed_at').execute();
}
