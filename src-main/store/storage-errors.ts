import { PerpvolError } from '../core/errors.ts';

/**
 * Database failures as PerpvolErrors a person can act on. Both drivers report a code: better-sqlite3
 * 'SQLITE_FULL'-style codes, pg the SQLSTATE ('53100') or a Node socket code ('ECONNREFUSED').
 * Every message is built from codes and hosts only, never from a connection string (it may carry
 * a password).
 */

const DISK_FULL_MESSAGE =
  'The disk holding the Perpvol database is full, so the last change was not saved (nothing was ' +
  'half-written). Free some disk space, then sync again.';

const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // AggregateError (pg connecting to a host with several addresses) holds the real cause inside
  const inner = (error as { errors?: unknown }).errors;
  return Array.isArray(inner) ? errorCode(inner[0]) : undefined;
}

export const diskFull = (cause?: unknown): PerpvolError => new PerpvolError('storage', 'disk_full', DISK_FULL_MESSAGE, false, { cause });

/**
 * Any error thrown by a database call, as the PerpvolError to show. `databaseFile`: the SQLite
 * file's path, named in the messages about the file itself (damaged, unwritable) so the user knows
 * which file to restore or move aside.
 */
export function toStorageError(error: unknown, databaseFile?: string): PerpvolError {
  if (error instanceof PerpvolError) return error;
  const code = errorCode(error) ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  const storage = (errorCode: string, message: string, retryable = false): PerpvolError =>
    new PerpvolError('storage', errorCode, message, retryable, { cause: error });

  if (code === 'SQLITE_FULL' || code === '53100') return diskFull(error);
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return new PerpvolError('not_found', 'account_not_found', 'That account no longer exists, so its data was not saved.', false, { cause: error });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '40001' || code === '40P01') {
    return storage('database_busy', 'The database is busy with another Perpvol process; try again in a moment.', true);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return storage('data_dir_unwritable', `Perpvol cannot write its database file${databaseFile ? ` ${databaseFile}` : ''} (${code}). Check that the data folder is writable, or choose another with --data-dir.`);
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return storage('database_corrupt', `The database file${databaseFile ? ` ${databaseFile}` : ''} is damaged or is not a Perpvol database (${code}). Restore it from a backup or move it aside to start fresh.`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return storage('disk_error', `The disk reported an error while Perpvol was writing (${code}); nothing of that step was saved. Check the disk, then try again.`, true);
  }
  if (UNREACHABLE_SOCKET_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P03') {
    return storage('database_unreachable', `Perpvol lost its connection to the Postgres database (${code}). Check that the server is running and reachable, then try again.`, true);
  }
  if (code === '53200' || code === '53300') {
    return storage('database_overloaded', `The Postgres server is out of resources (${code}); try again later.`, true);
  }
  return storage('storage_error', `The database failed: ${detail}`);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value && !(value instanceof Promise);
}

async function* guardIterable<T>(iterable: AsyncIterable<T>, databaseFile: string | undefined): AsyncIterable<T> {
  try {
    yield* iterable;
  } catch (error) {
    throw toStorageError(error, databaseFile);
  }
}

/**
 * The repository with every method's failures translated by toStorageError: promises reject with
 * PerpvolErrors and async iterables throw them. One place instead of a try/catch per method.
 */
export function withStorageErrors<T extends object>(repository: T, databaseFile?: string): T {
  const guarded: Record<string, unknown> = {};
  for (const name of Object.keys(repository)) {
    const member = (repository as Record<string, unknown>)[name];
    if (typeof member !== 'function') continue;
    guarded[name] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = (member as (...a: unknown[]) => unknown).apply(repository, args);
      } catch (error) {
        throw toStorageError(error, databaseFile);
      }
      if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(toStorageError(error, databaseFile)));
      if (isAsyncIterable(result)) return guardIterable(result, databaseFile);
      return result;
    };
  }
  return guarded as T;
}
