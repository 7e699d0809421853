/**
 * Every better-sqlite3 connection is opened here, so that one process-wide choice decides which
 * compiled addon loads. Under Node that is the package's own build in node_modules; under Electron
 * (another ABI) it is a separate Electron build kept outside node_modules (docs/desktop.md "One
 * install, every face"), whose path the desktop main puts in PERPVOL_SQLITE_BINDING before the
 * first connection. Worker threads inherit the environment, so the import worker loads the same one.
 * The core never imports Electron: it only looks at process.versions.
 */
import BetterSqlite3 from 'better-sqlite3';

export const SQLITE_BINDING_ENV = 'PERPVOL_SQLITE_BINDING';

/** The addon to load instead of node_modules' build: only inside Electron, only when given. */
export function sqliteNativeBinding(env: NodeJS.ProcessEnv = process.env, versions: NodeJS.ProcessVersions = process.versions): string | undefined {
  if (!('electron' in versions) || !versions['electron']) return undefined;
  return env[SQLITE_BINDING_ENV] || undefined;
}

export function openSqliteHandle(path: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const nativeBinding = sqliteNativeBinding();
  return new BetterSqlite3(path, nativeBinding ? { ...options, nativeBinding } : options);
}
