import { badInput } from '../core/errors.ts';
import type { Store } from './store.ts';
import { openSqliteStore } from './sqlite/open-sqlite-store.ts';
import { openPostgresStore } from './postgres/open-postgres-store.ts';

export function isPostgresUrl(databaseUrl: string | null | undefined): databaseUrl is string {
  return typeof databaseUrl === 'string' && /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/**
 * The store the configuration asks for: Postgres when `databaseUrl` is a postgres:// or
 * postgresql:// URL, otherwise the embedded SQLite file `<dataDir>/perpvol.sqlite`. Migrations run
 * before it returns. Failures are PerpvolErrors (kind 'storage'): database_unreachable,
 * database_auth_failed, database_missing, data_dir_unwritable, disk_full, migration_failed.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const hooks = options.beforeNewDatabase ? { beforeNewDatabase: options.beforeNewDatabase } : {};
  if (isPostgresUrl(options.databaseUrl)) return openPostgresStore(options.databaseUrl, hooks);
  if (options.databaseUrl) {
    throw badInput('unsupported_database_url', 'The database URL must start with postgres:// or postgresql://; leave it out to use the built-in SQLite file in the data folder.');
  }
  return openSqliteStore(options.dataDir, hooks);
}

export interface OpenStoreOptions {
  databaseUrl?: string | null;
  dataDir: string;
  /**
   * Called before the store would start a fresh database (SQLite file missing or 0 bytes, Postgres
   * without Perpvol's tables); may refuse by throwing, and then nothing is created.
   */
  beforeNewDatabase?: () => Promise<void>;
}
