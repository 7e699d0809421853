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

/** The Store over a migrated Kysely database; each dialect brings its page writer and its own close. */
export function assembleStore(
  dialect: Store['dialect'],
  db: Kysely<Database>,
  writePage: PageWriter,
  close: () => Promise<void>,
): Store {
  let closing: Promise<void> | null = null;
  return {
    dialect,
    accounts: withStorageErrors(createAccountsRepository(db)),
    syncState: withStorageErrors(createSyncStateRepository(db)),
    fills: withStorageErrors(createFillsRepository(db, writePage)),
    volume: withStorageErrors(createVolumeRepository(db)),
    reportedVolume: withStorageErrors(createReportedVolumeRepository(db)),
    tierTargets: withStorageErrors(createTierTargetsRepository(db)),
    close: () => (closing ??= close()),
  };
}
