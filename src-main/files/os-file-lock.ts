/**
 * An exclusive lock on a file that the operating system releases the instant its holder dies —
 * by SIGKILL, a crash or a power cut of the process — so a dead holder never has to be detected,
 * timed out or cleaned up after: the next process simply gets the lock.
 *
 * The lock is SQLite's own file lock, taken through better-sqlite3 (already Perpvol's SQLite
 * driver): POSIX advisory locks (fcntl) on macOS and Linux, LockFileEx on Windows, both dropped by
 * the kernel when the process ends. `locking_mode = EXCLUSIVE` keeps the lock after the first
 * write until the connection closes. SQLite also arbitrates between connections of ONE process, so
 * a second lock attempt from the same process is refused like one from another process (tests rely
 * on that). The file holds no data; it exists only to be locked — and nothing else may open it:
 * closing any other descriptor of the file would drop the process's POSIX locks on it.
 *
 * Limits: network file systems (NFS, SMB) may not honour these locks — keep the data folder on a
 * local disk; and a lock file deleted by hand while held lets a second process lock a new file
 * (FolderLease notices and gives up ownership).
 */
import { openSqliteHandle } from '../store/sqlite/sqlite-driver.ts';
import { ensurePrivateFile } from './private-files.ts';

export interface HeldFileLock {
  readonly path: string;
  /** Releases the lock (closing the connection); idempotent. */
  release(): void;
}

/** SQLITE_BUSY / SQLITE_LOCKED: someone else holds the lock. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Takes the lock now, or answers null when another connection (any process) holds it. Never waits. */
export function tryLockFile(path: string): HeldFileLock | null {
  ensurePrivateFile(path);
  const handle = openSqliteHandle(path, { timeout: 0 });
  try {
    // MEMORY first: with a journal on disk, an exclusive-mode connection leaves a -journal file behind.
    handle.pragma('journal_mode = MEMORY');
    handle.pragma('locking_mode = EXCLUSIVE');
    handle.exec('BEGIN EXCLUSIVE');
    handle.exec('COMMIT');
  } catch (error) {
    handle.close();
    if (isBusy(error)) return null;
    throw error;
  }
  let held = true;
  return {
    path,
    release() {
      if (!held) return;
      held = false;
      handle.close();
    },
  };
}

export interface WaitOptions {
  /** Give up after this long (ms). */
  timeoutMs: number;
  /** Poll period while another holder has it (ms); the lock is never waited for synchronously. */
  pollMs?: number;
}

const DEFAULT_POLL_MS = 20;

/**
 * Runs `critical` while holding the lock, waiting for it without blocking the event loop (SQLite's
 * own busy timeout would block the thread). Resolves null when the lock stayed taken for `timeoutMs`.
 */
export async function withFileLock<T>(path: string, options: WaitOptions, critical: () => Promise<T>): Promise<{ value: T } | null> {
  const deadline = Date.now() + options.timeoutMs;
  let lock = tryLockFile(path);
  while (!lock) {
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? DEFAULT_POLL_MS));
    lock = tryLockFile(path);
  }
  try {
    return { value: await critical() };
  } finally {
    lock.release();
  }
}
