/**
 * One owner per data folder — and per Postgres database. A process that syncs or writes (the
 * headless server, the desktop app, a CLI write command) holds the lease for as long as it runs;
 * a second one is refused at start with a message naming the first. Readers take no lease.
 *
 *   folder lease    OS lock on <data-dir>/perpvol.lock + <data-dir>/perpvol.owner.json (folder-lease.ts)
 *   database lease  Postgres advisory lock + table perpvol_owner, when the store is Postgres (database-lease.ts)
 *
 * Both are dropped by the OS / the database server the moment the holder dies, so a SIGKILLed owner
 * is replaced at once. A periodic check notices a lease lost while running (lock file deleted,
 * the lock's Postgres session gone); the owner is then told, stops writing, and its face exits.
 */
import { PerpvolError } from '../core/errors.ts';
import { isPostgresUrl } from '../store/open-store.ts';
import { describeDatabase } from '../store/postgres/open-postgres-store.ts';
import { tryTakeDatabaseLease, type HeldDatabaseLease } from './database-lease.ts';
import { LOCK_FILE_NAME, tryTakeFolderLease, type HeldFolderLease } from './folder-lease.ts';
import { describeOwner, newOwnerRecord, type OwnerFace, type OwnerRecord } from './owner-record.ts';

/** How often the owner checks it still holds what it holds. */
export const LEASE_CHECK_MS = 10_000;

export interface OwnerLease {
  readonly record: OwnerRecord;
  /** Adds facts known only later (the server's URL, its token file) to the published record. */
  announce(update: Partial<Pick<OwnerRecord, 'url' | 'tokenFile'>>): Promise<void>;
  /** Called once if the lease is lost while held; returns the unsubscribe function. */
  onLost(listener: (error: PerpvolError) => void): () => void;
  release(): Promise<void>;
}

export interface LeaseOptions {
  dataDir: string;
  databaseUrl?: string | null;
  face: OwnerFace;
  /** For the CLI: the command that holds the lease (`sync`, `accounts add`). */
  command?: string | null;
  version: string;
  checkEveryMs?: number;
}

export interface LeaseRefusal {
  resource: 'folder' | 'database';
  /** The folder path or the database's host:port/name. */
  where: string;
  /** The holder as it described itself, or null when it did not (yet). */
  owner: OwnerRecord | null;
}

export type LeaseAttempt = { taken: OwnerLease } | { refused: LeaseRefusal };

export async function tryTakeLease(options: LeaseOptions): Promise<LeaseAttempt> {
  const record = newOwnerRecord({ face: options.face, command: options.command ?? null, dataDir: options.dataDir, version: options.version });
  const folderAttempt = await tryTakeFolderLease(options.dataDir, record);
  if ('owner' in folderAttempt) return { refused: { resource: 'folder', where: options.dataDir, owner: folderAttempt.owner } };
  const folder = folderAttempt.taken;
  let database: HeldDatabaseLease | null = null;
  if (isPostgresUrl(options.databaseUrl)) {
    try {
      const databaseAttempt = await tryTakeDatabaseLease(options.databaseUrl, record);
      if ('owner' in databaseAttempt) {
        await folder.release();
        return { refused: { resource: 'database', where: describeDatabase(options.databaseUrl), owner: databaseAttempt.owner } };
      }
      database = databaseAttempt.taken;
    } catch (error) {
      await folder.release();
      throw error;
    }
  }
  return { taken: holdLease(folder, database, record, options.checkEveryMs ?? LEASE_CHECK_MS) };
}

/** The lease, or a PerpvolError naming whoever holds it. */
export async function takeLease(options: LeaseOptions): Promise<OwnerLease> {
  const attempt = await tryTakeLease(options);
  if ('refused' in attempt) throw leaseRefusedError(attempt.refused);
  return attempt.taken;
}

/**
 * What a refused process says: who owns the folder or database, since when, where, and what to do
 * (by default: stop that one, or use another folder / database).
 */
export function leaseRefusedError(refusal: LeaseRefusal, advice?: string): PerpvolError {
  const holder = refusal.owner ? describeOwner(refusal.owner) : 'another Perpvol process';
  const what = refusal.resource === 'folder' ? `The data folder ${refusal.where}` : `The Postgres database ${refusal.where}`;
  advice ??=
    refusal.resource === 'folder'
      ? 'Only one Perpvol process may own a data folder: stop that one first, or use another folder with --data-dir (or PERPVOL_DATA_DIR).'
      : 'Only one Perpvol process may own a database, even across machines: stop that one first, or point this one at another database.';
  return new PerpvolError('conflict', refusal.resource === 'folder' ? 'folder_in_use' : 'database_in_use', `${what} is in use by ${holder}. ${advice}`);
}

function holdLease(
  folder: HeldFolderLease,
  database: HeldDatabaseLease | null,
  initial: OwnerRecord,
  checkEveryMs: number,
): OwnerLease {
  let record = initial;
  let released = false;
  let lostWith: PerpvolError | null = null;
  const listeners = new Set<(error: PerpvolError) => void>();
  const lose = (why: string): void => {
    if (released || lostWith) return;
    lostWith = new PerpvolError('conflict', 'lease_lost', `Perpvol lost ownership of ${why}; it stops writing so that no other process's data is overwritten. Start it again.`);
    clearInterval(timer);
    for (const listener of [...listeners]) listener(lostWith);
  };
  database?.onSessionError(() => lose(`the Postgres database ${database.where} (its connection dropped)`));
  const timer = setInterval(() => {
    if (!folder.stillHeld()) return lose(`the data folder ${folder.dataDir} (its lock file ${LOCK_FILE_NAME} was deleted or replaced)`);
    database?.heartbeat(Date.now()).catch(() => lose(`the Postgres database ${database.where} (its connection dropped)`));
  }, checkEveryMs);
  timer.unref();

  return {
    get record() {
      return record;
    },
    async announce(update) {
      record = { ...record, ...update };
      await folder.publish(record);
      await database?.publish(record);
    },
    onLost(listener) {
      if (lostWith) {
        listener(lostWith);
        return () => undefined;
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await database?.release();
      await folder.release();
    },
  };
}
