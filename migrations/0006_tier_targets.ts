import type { Kysely } from 'kysely';

/**
 * The user's volume target per exchange, over that exchange's fee-tier window (Hyperliquid 14 days,
 * Bybit 30…). It used to live in one browser's storage as a single total; in the database it is the
 * same on every face (desktop, browser, scripts) and in backups. One row per exchange; no secret.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tier_targets')
    .addColumn('exchange', 'text', (c) => c.primaryKey())
    .addColumn('volume_micros', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tier_targets').ifExists().execute();
}
