/**
 * The data folder's lease: an OS lock on `perpvol.lock` (files/os-file-lock.ts — released by the
 * kernel the instant its holder dies, so a SIGKILLed owner is replaced at once, no timeout) plus
 * `perpvol.owner.json`, the description of the holder that a refused process prints.
 *
 * The record is written after the lock is taken and deleted before it is released, so a record
 * beside a held lock is its holder's — except in the instant between a new owner's lock and its
 * record write, which readers ride out by re-reading while the recorded pid is dead.
 */
import { statSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../files/atomic-write.ts';
import { tryLockFile } from '../files/os-file-lock.ts';
import { ensurePrivateDir } from '../files/private-files.ts';
import { ownerIsAlive, parseOwnerRecord, type OwnerRecord } from './owner-record.ts';

export const LOCK_FILE_NAME = 'perpvol.lock';
export const OWNER_FILE_NAME = 'perpvol.owner.json';

/** How long a refused process waits for a consistent owner record (a new owner writes it within ms). */
const RECORD_SETTLE_MS = 2_000;
const RECORD_POLL_MS = 50;

export interface HeldFolderLease {
  readonly dataDir: string;
  /** Rewrites the owner record (e.g. once the server knows its URL). */
  publish(record: OwnerRecord): Promise<void>;
  /** False when the lock file was deleted or replaced under us: another process may now hold a new one. */
  stillHeld(): boolean;
  release(): Promise<void>;
}

export type FolderLeaseAttempt = { taken: HeldFolderLease } | { owner: OwnerRecord | null };

export async function tryTakeFolderLease(dataDir: string, record: OwnerRecord): Promise<FolderLeaseAttempt> {
  ensurePrivateDir(dataDir);
  const lockPath = join(dataDir, LOCK_FILE_NAME);
  const ownerPath = join(dataDir, OWNER_FILE_NAME);
  const lock = tryLockFile(lockPath);
  if (!lock) return { owner: await readFolderOwner(dataDir, { settle: true }) };
  const identity = fileIdentity(lockPath);
  try {
    await writeFileAtomically(ownerPath, `${JSON.stringify(record, null, 2)}\n`);
  } catch (error) {
    lock.release();
    throw error;
  }
  let released = false;
  return {
    taken: {
      dataDir,
      publish: (next) => writeFileAtomically(ownerPath, `${JSON.stringify(next, null, 2)}\n`),
      stillHeld: () => !released && fileIdentity(lockPath) === identity,
      async release() {
        if (released) return;
        released = true;
        // record first, while the lock still keeps everyone else from writing theirs
        await unlink(ownerPath).catch(() => undefined);
        lock.release();
      },
    },
  };
}

/**
 * The folder's owner as recorded, or null when there is none. With `settle`, a record whose pid is
 * dead (a new owner has locked but not yet written) is re-read for a moment before giving up.
 */
export async function readFolderOwner(dataDir: string, options: { settle?: boolean } = {}): Promise<OwnerRecord | null> {
  const deadline = Date.now() + (options.settle ? RECORD_SETTLE_MS : 0);
  for (;;) {
    const text = await readFile(join(dataDir, OWNER_FILE_NAME), 'utf8').catch(() => null);
    const record = text === null ? null : parseOwnerRecord(text);
    if (record && ownerIsAlive(record)) return record;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, RECORD_POLL_MS));
  }
}

function fileIdentity(path: string): string | null {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return null;
  }
}
