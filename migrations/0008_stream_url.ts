import type { Kysely } from 'kysely';

/**
 * An account's private WebSocket URL override (docs/live-updates.md, "Stream URL"), beside its REST `base_url`;
 * null = the exchange's documented stream (or the baseUrl's origin on the documented path).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('stream_url', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('stream_url').execute();
}
