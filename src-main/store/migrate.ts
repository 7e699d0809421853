import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { PerpvolError } from '../core/errors.ts';
import { migrationProvider } from '../../migrations/index.ts';
import { toStorageError } from './storage-errors.ts';

/** Brings the schema up to date; already-applied migrations are skipped, so every open may call it. */
export async function migrateToLatest(db: Kysely<any>, provider: MigrationProvider = migrationProvider, databaseFile?: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
  const cause = toStorageError(error, databaseFile);
  if (cause.code === 'disk_full' || cause.code === 'database_unreachable' || cause.code === 'data_dir_unwritable') throw cause;
  throw new PerpvolError(
    'storage',
    'migration_failed',
    `Updating the database schema failed at migration ${failed}: ${cause.message}. ` +
      'If this database was written by a newer Perpvol, update Perpvol.',
    false,
    { cause: error },
  );
}
