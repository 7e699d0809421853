import { sql, type Kysely } from 'kysely';

/**
 * An exchange account exists once among active accounts: a partial unique index on
 * (exchange, identity) where the account is not removed (and its identity is known). Partial
 * indexes are portable: SQLite and Postgres both take `create unique index … where …`. Removed
 * accounts keep their identity outside the index, so adding one again restores it (0003).
 *
 * Earlier versions could store the same exchange account twice (no constraint; a key added
 * without validation had no identity). Before the index can exist, every later duplicate gives up
 * its identity and is put in error naming the account it repeats — its fills may have been counted
 * twice, so the user decides (remove it, with purge). The oldest keeps its identity.
 */
const DUPLICATE_ACCOUNT_CODE = 'duplicate_account';

export async function up(db: Kysely<any>): Promise<void> {
  const duplicates = await sql<{ id: string; exchange: string; keeper_label: string; keeper_id: string }>`
    select a.id, a.exchange, k.label as keeper_label, k.id as keeper_id
    from accounts a
    join accounts k on k.exchange = a.exchange and k.identity = a.identity and k.removed_at is null
      and (k.created_at < a.created_at or (k.created_at = a.created_at and k.id < a.id))
    where a.removed_at is null and a.identity is not null
      and not exists (
        select 1 from accounts e
        where e.exchange = a.exchange and e.identity = a.identity and e.removed_at is null
          and (e.created_at < k.created_at or (e.created_at = k.created_at and e.id < k.id))
      )`.execute(db);
  for (const row of duplicates.rows) {
    await db
      .updateTable('accounts')
      .set({
        identity: null,
        status: 'error',
        last_error_code: DUPLICATE_ACCOUNT_CODE,
        last_error_message:
          `This is the same exchange account as "${row.keeper_label}" (id ${row.keeper_id}), so its fills may be counted twice. ` +
          `Remove this account with its fills (\`perpvol accounts remove ${row.id} --purge\`); "${row.keeper_label}" keeps counting them.`,
      })
      .where('id', '=', row.id)
      .execute();
  }
  await db.schema
    .createIndex('accounts_one_active_per_identity')
    .unique()
    .on('accounts')
    .columns(['exchange', 'identity'])
    .where(sql.ref('removed_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('accounts_one_active_per_identity').ifExists().execute();
}
