/**
 * Start-up refuses to guess. A database that is missing, empty (0 bytes) or without any table beside a secrets file
 * that still holds secrets means the accounts those secrets belong to were lost — a file deleted or
 * truncated, a backup restored without it, the wrong --db. Starting anyway would create a fresh,
 * empty database and carry on as if nothing had happened; Perpvol stops instead and says what it
 * found and the two ways on: put the database back, or `perpvol reset`.
 */
import { basename, join } from 'node:path';
import { PerpvolError } from '../core/errors.ts';
import { folderSecretFiles } from '../secrets/folder-secret-files.ts';
import { isPostgresUrl } from '../store/open-store.ts';
import { describeDatabase } from '../store/postgres/open-postgres-store.ts';
import { SQLITE_FILE_NAME } from '../store/sqlite/open-sqlite-store.ts';
import { existsSync, statSync } from 'node:fs';

export const DATABASE_LOST_CODE = 'database_lost';

export async function refuseFreshDatabaseBesideSecrets(dataDir: string, databaseUrl: string | null): Promise<void> {
  const holding = folderSecretFiles(dataDir).filter((file) => file.holdsSecrets);
  if (holding.length === 0) return;
  const files = holding.map((file) => `${basename(file.path)}${file.accountIds ? ` (${file.accountIds.length} account${file.accountIds.length === 1 ? '' : 's'})` : ''}`).join(' and ');
  let found: string;
  let restore: string;
  if (isPostgresUrl(databaseUrl)) {
    found = `The Postgres database ${describeDatabase(databaseUrl)} has no Perpvol data`;
    restore = 'If the database URL (--db or PERPVOL_DATABASE_URL) should point elsewhere, fix it; if you have a dump of the database, restore it';
  } else {
    const path = join(dataDir, SQLITE_FILE_NAME);
    const size = existsSync(path) ? statSync(path).size : null;
    found = size === null ? `There is no database at ${path}` : size === 0 ? `The database ${path} is empty (0 bytes)` : `The database ${path} holds no tables at all`;
    restore = `If you have a backup of ${SQLITE_FILE_NAME}, put it back in ${dataDir}`;
  }
  throw new PerpvolError(
    'storage',
    DATABASE_LOST_CODE,
    `${found}, but ${files} in ${dataDir} still holds API secrets of accounts added earlier. ` +
      'Perpvol stopped without changing anything rather than start a fresh, empty database and forget those accounts. ' +
      `${restore} and start again. To start over instead, run \`perpvol reset\`: it shows what it will delete, asks to confirm, and removes the secrets of accounts that no longer exist.`,
  );
}
