import type { Kysely } from 'kysely';
import type { Store } from './store.ts';
import type { Database } from './schema.ts';
import type { PageWriter } from './page-writer.ts';
import { withStorageErrors } from './storage-errors.ts';
import { createAccountsRepository } from './accounts-repository.ts';
import { createSyncStateRepository } from './sync-state-repository.ts';
import { createFillsRepository } from './fills-repository.ts';
import { createVolumeRepository } from './volume-repository.ts';
import { createReportedVolumeRepository } from './reported-volume-repository.ts';
import { createTierTargetsRepository } from './tier-targets-repository.ts';

/**
 * The Store over a migrated Kysely database; each dialect brings its page writer and its own close
 * (and SQLite its file's path, which its error messages name).
 */
export function assembleStore(
  dialect: Store['dialect'],
  db: Kysely<Database>,
  writePage: PageWriter,
  close: () => Promise<void>,
  databaseFile?: string,
): Store {
  let closing: Promise<void> | null = null;
  return {
    dialect,
    accounts: withStorageErrors(createAccountsRepository(db), databaseFile),
    syncState: withStorageErrors(createSyncStateRepository(db), databaseFile),
    fills: withStorageErrors(createFillsRepository(db, writePage), databaseFile),
    volume: withStorageErrors(createVolumeRepository(db), databaseFile),
    reportedVolume: withStorageErrors(createReportedVolumeRepository(db), databaseFile),
    tierTargets: withStorageErrors(createTierTargetsRepository(db), databaseFile),
    close: () => (closing ??= close()),
  };
}
