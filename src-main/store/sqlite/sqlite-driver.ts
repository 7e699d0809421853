/**
 * Every better-sqlite3 connection is opened here, so that one process-wide choice decides which
 * compiled addon loads. Under Node that is the package's own build in node_modules; under Electron
 * (another ABI) it is a separate Electron build kept outside node_modules (docs/desktop.md "One
 * install, every face"), which the desktop main names with useSqliteBinding before the first
 * connection. The choice travels in the environment, tagged with the ABI it is for: worker
 * threads (the CSV import) inherit it, while a Node process started from the app (another ABI)
 * ignores it and keeps node_modules' build. The core never imports Electron.
 */
import BetterSqlite3 from 'better-sqlite3';

export const SQLITE_BINDING_ENV = 'PERPVOL_SQLITE_BINDING';
/** process.versions.modules of the runtime the binding is for. */
export const SQLITE_BINDING_ABI_ENV = 'PERPVOL_SQLITE_BINDING_ABI';

/** Names the addon to load in this runtime and in its worker threads. */
export function useSqliteBinding(path: string, env: NodeJS.ProcessEnv = process.env, versions: NodeJS.ProcessVersions = process.versions): void {
  env[SQLITE_BINDING_ENV] = path;
  env[SQLITE_BINDING_ABI_ENV] = versions.modules;
}

/** The addon to load instead of node_modules' build: only when one was named for this runtime's ABI. */
export function sqliteNativeBinding(env: NodeJS.ProcessEnv = process.env, versions: NodeJS.ProcessVersions = process.versions): string | undefined {
  const path = env[SQLITE_BINDING_ENV];
  return path && env[SQLITE_BINDING_ABI_ENV] === versions.modules ? path : undefined;
}

export function openSqliteHandle(path: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const nativeBinding = sqliteNativeBinding();
  return new BetterSqlite3(path, nativeBinding ? { ...options, nativeBinding } : options);
}
