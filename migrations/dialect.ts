import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * The one thing plain SQL cannot say the same way on both databases: an auto-assigned integer key.
 * SQLite assigns one to an `integer primary key` (the rowid); Postgres needs an identity column.
 * Everything else in the migrations is portable SQL.
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
