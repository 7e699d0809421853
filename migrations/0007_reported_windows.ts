import type { Kysely } from 'kysely';

/**
 * Figures an exchange reports over a rolling window rather than per day — Paradex's 14-day fee-tier
 * volume (GET /v1/account/info `volume_tiers`) — kept beside ours like the daily figures. One row
 * per account and figure; a later report replaces the account's set (its `as_of` is the one in
 * reported_volume).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reported_window_volume')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('volume_micros', 'bigint', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addPrimaryKeyConstraint('reported_window_volume_pk', ['account_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reported_window_volume').ifExists().execute();
}
