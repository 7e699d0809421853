import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type MigrationProvider } from 'kysely';
import { PerpvolError } from '../../core/errors.ts';
import { ensurePrivateDir, ensurePrivateFile, tightenFile } from '../../files/private-files.ts';
import type { Store } from '../store.ts';
import type { Database } from '../schema.ts';
import { assembleStore } from '../kysely-store.ts';
import { migrateToLatest } from '../migrate.ts';
import { errorCode, toStorageError } from '../storage-errors.ts';
import { createSqlitePageWriter } from './sqlite-page-writer.ts';
import { openSqliteHandle } from './sqlite-driver.ts';

export const SQLITE_FILE_NAME = 'perpvol.sqlite';
/** How long a write waits for another process's write to finish before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

export interface SqliteStore extends Store {
  readonly dialect: 'sqlite';
  /** The underlying better-sqlite3 handle, for tests and diagnostics only. */
  readonly handle: BetterSqlite3.Database;
}

function unwritable(dataDir: string, error: unknown): PerpvolError {
  const code = errorCode(error) ?? 'error';
  return new PerpvolError(
    'storage',
    'data_dir_unwritable',
    `Perpvol cannot write its data folder ${dataDir} (${code}). Make it writable, or choose another folder with --data-dir (or PERPVOL_DATA_DIR).`,
    false,
    { cause: error },
  );
}

/**
 * Runs the migrations inside ONE `BEGIN IMMEDIATE` transaction on the handle Kysely uses. Kysely
 * runs SQLite migrations without a transaction or a lock (its adapter says SQLite has no
 * transactional DDL; SQLite does), so a kill halfway through a migration left tables behind with no
 * record of them — every later start then failed on "table already exists" — and two processes
 * opening a fresh file at once raced to create the same tables. Under the write lock a half-run
 * migration rolls back whole, and a second process waits (busy_timeout), then finds nothing to do.
 */
export async function migrateSqliteToLatest(handle: BetterSqlite3.Database, db: Kysely<Database>, provider?: MigrationProvider): Promise<void> {
  try {
    handle.exec('BEGIN IMMEDIATE');
  } catch (error) {
    throw toStorageError(error, handle.name);
  }
  try {
    await migrateToLatest(db, provider, handle.name);
  } catch (error) {
    if (handle.inTransaction) handle.exec('ROLLBACK');
    throw error;
  }
  handle.exec('COMMIT');
}

/** Kysely's bookkeeping table: every Perpvol database has it from its first migration on. */
const MIGRATION_TABLE = 'kysely_migration';

/** The tables in the file (SQLite's own left out); reading the schema fails at once on a file that is not SQLite. */
function tableNames(handle: BetterSqlite3.Database): string[] {
  const rows = handle.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string }[];
  return rows.map((row) => row.name);
}

function openFailure(dataDir: string, path: string, error: unknown): PerpvolError {
  const storageError = toStorageError(error, path);
  return storageError.code === 'data_dir_unwritable' || errorCode(error) === 'SQLITE_CANTOPEN' ? unwritable(dataDir, error) : storageError;
}

export const NOT_PERPVOL_DATABASE_CODE = 'not_perpvol_database';

/** Another program's SQLite file where Perpvol's should be: refused, never migrated into. */
function notPerpvolDatabase(path: string, tables: string[]): PerpvolError {
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? `, … (${tables.length} tables)` : '');
  return new PerpvolError(
    'storage',
    NOT_PERPVOL_DATABASE_CODE,
    `The database file ${path} is an SQLite database, but not Perpvol's: it has none of Perpvol's tables (it has ${shown}). ` +
      'Perpvol stopped without changing it. If you have a backup of your Perpvol database, put it back in its place; ' +
      'otherwise move this file elsewhere (or choose another data folder with --data-dir) and start again.',
  );
}

/** SQLite's companions of the database file: the write-ahead log and its shared-memory index. */
const COMPANION_SUFFIXES = ['-wal', '-shm'];

/** Whether the database file is missing or empty (0 bytes): opening it would start a fresh database. */
export function sqliteDatabaseIsNew(dataDir: string): boolean {
  try {
    return statSync(join(dataDir, SQLITE_FILE_NAME)).size === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw unwritable(dataDir, error);
  }
}

export interface OpenSqliteOptions {
  /** Called before a fresh database would be created (file missing or 0 bytes); may refuse by throwing. */
  beforeNewDatabase?: () => Promise<void>;
}

/**
 * The embedded database: one file in the data dir, WAL so readers never wait for the writer. The
 * folder is made 0700 and the database 0600 before SQLite opens it (SQLite gives -wal and -shm the
 * database file's mode), and any looser companions left by an older version are tightened.
 */
export async function openSqliteStore(dataDir: string, options: OpenSqliteOptions = {}): Promise<SqliteStore> {
  const path = join(dataDir, SQLITE_FILE_NAME);
  try {
    ensurePrivateDir(dataDir);
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw unwritable(dataDir, error);
  }
  const isNew = sqliteDatabaseIsNew(dataDir);
  if (options.beforeNewDatabase && isNew) await options.beforeNewDatabase();
  try {
    ensurePrivateFile(path);
    for (const suffix of COMPANION_SUFFIXES) tightenFile(`${path}${suffix}`);
  } catch (error) {
    throw unwritable(dataDir, error);
  }
  let handle: BetterSqlite3.Database;
  try {
    handle = openSqliteHandle(path);
  } catch (error) {
    throw openFailure(dataDir, path, error);
  }
  // Before anything is written to it: a file that is SQLite but not Perpvol's is never taken over.
  let tables: string[];
  try {
    tables = tableNames(handle);
  } catch (error) {
    handle.close();
    throw openFailure(dataDir, path, error);
  }
  if (tables.length > 0 && !tables.includes(MIGRATION_TABLE)) {
    handle.close();
    throw notPerpvolDatabase(path, tables);
  }
  // A file with no table at all is as new as an empty one (a first start killed before its first commit).
  if (tables.length === 0 && !isNew && options.beforeNewDatabase) {
    try {
      await options.beforeNewDatabase();
    } catch (error) {
      handle.close();
      throw error;
    }
  }
  try {
    handle.pragma('journal_mode = WAL');
    handle.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    handle.pragma('foreign_keys = ON');
    // in WAL mode NORMAL never corrupts; a power cut may drop the last commits, which the cursor
    // committed with them also forgets, so the next sync fetches them again
    handle.pragma('synchronous = NORMAL');
    for (const suffix of COMPANION_SUFFIXES) tightenFile(`${path}${suffix}`);
  } catch (error) {
    handle.close();
    throw openFailure(dataDir, path, error);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  try {
    await migrateSqliteToLatest(handle, db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const store = assembleStore('sqlite', db, createSqlitePageWriter(handle, db), () => db.destroy(), path);
  return { ...store, dialect: 'sqlite', handle };
}
