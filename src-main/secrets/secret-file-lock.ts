/**
 * The cross-process lock around every read-modify-write of a secrets file. The file itself is
 * always replaced atomically; the lock is what keeps two writers (two processes, or two stores in
 * one process) from each reading the old table and the second rename silently dropping the first's
 * secret. It is an OS lock on `<file>.lock`, released by the kernel if its holder dies mid-write.
 */
import { dirname } from 'node:path';
import { PerpvolError } from '../core/errors.ts';
import { withFileLock } from '../files/os-file-lock.ts';
import { ensurePrivateDir } from '../files/private-files.ts';

/** A write takes milliseconds (scrypt is cached per file); this long means a stuck writer. */
const LOCK_WAIT_MS = 15_000;

export async function withSecretFileLock<T>(filePath: string, critical: () => Promise<T>): Promise<T> {
  ensurePrivateDir(dirname(filePath)); // the first secret may be the first file of a new data folder
  const result = await withFileLock(`${filePath}.lock`, { timeoutMs: LOCK_WAIT_MS }, critical);
  if (!result) {
    throw new PerpvolError(
      'storage',
      'secret_store_busy',
      `Another Perpvol process has been writing ${filePath} for ${LOCK_WAIT_MS / 1000} s, so this secret was not saved. Try again; if it keeps happening, stop the other Perpvol processes.`,
      true,
    );
  }
  return result.value;
}
