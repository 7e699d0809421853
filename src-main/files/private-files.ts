/**
 * The data folder holds the trading history, account labels, exchange account ids, the API token
 * and the encrypted secrets: only its owner may look inside. Modes are forced at every start, not
 * only when something is created, because a folder or file made by an older Perpvol, by hand or by
 * a restore from backup arrives with whatever the umask gave it (often 0755 / 0644).
 *
 * Windows has no POSIX modes (the user's profile folder is private by ACL); these are no-ops there.
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = (): boolean => process.platform !== 'win32';

/** Creates the folder if needed and makes it 0700 even when it already existed with looser bits. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posix() && (statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates the file empty if it does not exist, and makes it 0600 either way. SQLite gives the
 * -wal, -shm and -journal files it creates later the mode of the database file, so a database
 * made private before its first open keeps its companions private too.
 *
 * An existing file is never opened here: closing any descriptor of a file drops every POSIX lock
 * this process holds on it (fcntl semantics), which would silently free a lock held by SQLite.
 */
export function ensurePrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  tightenFile(path);
}

/** 0600 for a file that exists; a file that does not exist is left alone. */
export function tightenFile(path: string): void {
  if (!posix()) return;
  try {
    if ((statSync(path).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(path, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** A file or folder found looser than private, and the mode it had. */
export interface LoosenedEntry {
  path: string;
  /** Its mode before it was tightened, e.g. 0o644. */
  mode: number;
  kind: 'file' | 'folder';
}

/**
 * Makes the data folder and what lies in it private: the folder 0700, every folder in it 0700, every
 * file in it 0600 — the database and its -wal/-shm, the secrets files and their .lock, api-token
 * (also when PERPVOL_API_TOKEN is set, a file left from an earlier start), the owner record,
 * rate-limits.json, tier tables, logs kept there. Every file there holds the user's history or a
 * credential, so none is left out by name. Returns what was looser (for `perpvol doctor`).
 *
 * Only the folder's own entries are changed, not what lies deeper: a folder inside made 0700 already
 * keeps everyone else out of all it holds, and a data folder pointed at a folder of the user's own
 * (`--data-dir ~`) must not have a whole tree rewritten. For the same reason a file with an execute
 * bit (a script of the user's) becomes 0700, private and still runnable. Symbolic links are not
 * followed, and nothing is opened, so no lock any process holds is touched (see ensurePrivateFile).
 */
export function privatizeFolder(dir: string): LoosenedEntry[] {
  if (!posix()) return [];
  const loosened: LoosenedEntry[] = [];
  const tighten = (path: string): void => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // a temp file renamed away meanwhile
      throw error;
    }
    if (stat.isSymbolicLink() || !(stat.isDirectory() || stat.isFile())) return;
    const mode = stat.mode & 0o777;
    const wanted = stat.isDirectory() || (mode & 0o111) !== 0 ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if (mode === wanted) return;
    chmodSync(path, wanted);
    loosened.push({ path, mode, kind: stat.isDirectory() ? 'folder' : 'file' });
  };
  tighten(dir);
  for (const name of readdirSync(dir)) tighten(join(dir, name));
  return loosened;
}
