/**
 * Why the desktop app could not start, told as it is: a native dialog with the true cause and the
 * one command or action that fixes it, the details in a log file in the data folder, and a
 * non-zero exit whose code says which kind it was. Four causes are known by name — the database
 * module will not load (built for another ABI or arch, or missing), the database will not open, the
 * folder belongs to another Perpvol process, the keychain refuses — and anything else is shown
 * with its own message rather than dressed up as one of them.
 */
import { appendFileSync, mkdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { PerpvolError } from '../core/errors.ts';
import { NATIVE_BUILD_COMMAND } from './native-binding-path.ts';

export type StartupFailureKind = 'folder-in-use' | 'native-module' | 'database' | 'keychain' | 'unexpected';

/** The exit code per kind (docs/desktop.md "When it does not start"); 1 stays "folder in use" as before. */
export const STARTUP_EXIT_CODES: Record<StartupFailureKind, number> = {
  'folder-in-use': 1,
  'native-module': 2,
  database: 3,
  keychain: 4,
  unexpected: 70,
};

export const STARTUP_LOG_FILE = 'perpvol-desktop.log';
/** The log is for the last few failures, not a history: past this size it starts over. */
const LOG_LIMIT_BYTES = 1_000_000;

/** The Electron build of better-sqlite3 is not where the app looks for it. */
export class NativeModuleMissingError extends Error {
  override readonly name = 'NativeModuleMissingError';
  constructor(readonly path: string) {
    super(`The database module built for Electron is missing: ${path} does not exist.`);
  }
}

/** safeStorage could not encrypt and decrypt a probe although the system reports a keychain. */
export class KeychainRefusedError extends Error {
  override readonly name = 'KeychainRefusedError';
  constructor(cause: unknown) {
    super(`The system keychain refused to give Perpvol its encryption key (${cause instanceof Error ? cause.message : String(cause)}).`, { cause });
  }
}

export interface StartupFailure {
  kind: StartupFailureKind;
  title: string;
  cause: string;
  fix: string;
  exitCode: number;
}

export interface StartupContext {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  arch: string;
  dataDir: string;
}

/** What dlopen and better-sqlite3 say when the addon was built for another ABI, arch or OS, or is absent. */
const NATIVE_LOAD_FAILURE =
  /NODE_MODULE_VERSION|Module did not self-register|invalid ELF header|wrong ELF class|not a valid Win32 application|incompatible architecture|mach-o file|Could not locate the bindings file|better_sqlite3\.node|The specified module could not be found|cannot open shared object file/i;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function isNativeLoadFailure(error: unknown): boolean {
  if (error instanceof NativeModuleMissingError) return true;
  if ((error as { code?: unknown } | null)?.code === 'ERR_DLOPEN_FAILED') return true;
  return error instanceof Error && !(error instanceof PerpvolError) && NATIVE_LOAD_FAILURE.test(error.message);
}

function keychainFix(platform: NodeJS.Platform): string {
  const otherwise = 'or start Perpvol with PERPVOL_MASTER_KEY set to keep secrets in the encrypted file instead (accounts saved under the keychain must then be added again).';
  if (platform === 'darwin') return `Start Perpvol again and choose "Always Allow" when macOS asks about "Perpvol Safe Storage" (Keychain Access shows the item), ${otherwise}`;
  if (platform === 'win32') return `Start Perpvol signed in as the Windows user who added the accounts, ${otherwise}`;
  return `Unlock your keyring (GNOME "Passwords and Keys" or KWallet) and start Perpvol again, ${otherwise}`;
}

function databaseFix(error: PerpvolError | Error, dataDir: string): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'data_dir_unwritable') return `Make ${dataDir} writable by you, or start Perpvol with PERPVOL_DATA_DIR set to another folder.`;
  if (code === 'disk_full') return 'Free some disk space, then start Perpvol again.';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'database_corrupt') {
    return `Move perpvol.sqlite out of ${dataDir} (keep it: it may be recoverable) and restore a backup, or start afresh and sync again.`;
  }
  return 'Do what the message above says, then start Perpvol again.';
}

export function classifyStartupFailure(error: unknown, context: StartupContext): StartupFailure {
  const failure = (kind: StartupFailureKind, title: string, cause: string, fix: string): StartupFailure => ({ kind, title, cause, fix, exitCode: STARTUP_EXIT_CODES[kind] });
  if (error instanceof PerpvolError && (error.code === 'folder_in_use' || error.code === 'database_in_use')) {
    return failure(
      'folder-in-use',
      'Perpvol is already running on this data folder',
      error.message,
      'Quit the other Perpvol (the desktop app from its tray or dock menu, `perpvol serve` with Ctrl-C), then start again — or give this one another folder with PERPVOL_DATA_DIR.',
    );
  }
  if (isNativeLoadFailure(error)) {
    const fix = context.isPackaged
      ? `Reinstall Perpvol with the installer for this computer (${context.platform}-${context.arch}): this copy's database module was built for another system.`
      : `Run \`${NATIVE_BUILD_COMMAND}\` in the project folder, then start the app again.`;
    return failure('native-module', "Perpvol's database module will not load", messageOf(error), fix);
  }
  if (error instanceof KeychainRefusedError) {
    return failure('keychain', "The keychain refused Perpvol's key", error.message, keychainFix(context.platform));
  }
  const code = (error as { code?: unknown } | null)?.code;
  if ((error instanceof PerpvolError && error.kind === 'storage') || (typeof code === 'string' && code.startsWith('SQLITE_'))) {
    return failure('database', "Perpvol's database will not open", messageOf(error), databaseFix(error as Error, context.dataDir));
  }
  return failure('unexpected', 'Perpvol could not start', messageOf(error), 'Start Perpvol again; if it fails the same way, report it with the log file named below.');
}

/** The dialog's text; `logPath` undefined leaves the log out (a refusal that needs no details). */
export function dialogText(failure: StartupFailure, logPath?: string | null): string {
  const parts = [failure.cause, `To fix it: ${failure.fix}`];
  if (logPath !== undefined) parts.push(logPath ? `Details are in ${logPath}` : 'The log file could not be written.');
  return parts.join('\n\n');
}

/** Appends the failure with its stack to the data folder's log; the path, or null when nowhere was writable. */
export function writeStartupLog(error: unknown, failure: StartupFailure, dirs: string[], now: Date = new Date()): string | null {
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `\ncaused by: ${error.cause.stack ?? error.cause.message}` : '';
  const entry = `${now.toISOString()} start-up failed [${failure.kind}, exit ${failure.exitCode}]: ${failure.title}\n${failure.cause}\nfix: ${failure.fix}\n${stack}${cause}\n\n`;
  for (const dir of dirs) {
    const path = join(dir, STARTUP_LOG_FILE);
    try {
      mkdirSync(dir, { recursive: true });
      try {
        if (statSync(path).size > LOG_LIMIT_BYTES) truncateSync(path, 0);
      } catch {
        // no log yet
      }
      appendFileSync(path, entry, { mode: 0o600 });
      return path;
    } catch {
      // an unwritable data folder may be the failure itself: try the next place
    }
  }
  return null;
}

export interface StartupFailureReporterDeps extends StartupContext {
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
  /** Where the log goes when the data folder cannot be written (the system's temp folder). */
  fallbackLogDir: string;
}

/** Tells the failure (log, dialog) and exits with its code. */
export function reportStartupFailure(error: unknown, deps: StartupFailureReporterDeps): StartupFailure {
  const failure = classifyStartupFailure(error, deps);
  const logPath = writeStartupLog(error, failure, [deps.dataDir, deps.fallbackLogDir]);
  deps.showErrorBox(failure.title, dialogText(failure, logPath));
  deps.exit(failure.exitCode);
  return failure;
}
