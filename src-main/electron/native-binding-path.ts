/**
 * Where the Electron build of better-sqlite3 lives (docs/desktop.md "One install, every face"):
 * in development, in the project's .electron-native/<platform>-<arch>/ made by
 * `npm run native:electron`; in a packaged app, in app.asar.unpacked/native/, the one file that
 * electron-builder unpacks from the archive (a .node cannot be loaded from inside it).
 */
import { join } from 'node:path';

export const ELECTRON_NATIVE_FOLDER = '.electron-native';
export const SQLITE_ADDON_FILE = 'better_sqlite3.node';
/** The build command a developer runs when the Electron build is missing or stale. */
export const NATIVE_BUILD_COMMAND = 'npm run native:electron';

export function electronNativeDir(projectRoot: string, platform: string, arch: string): string {
  return join(projectRoot, ELECTRON_NATIVE_FOLDER, `${platform}-${arch}`);
}

export interface AppLocation {
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development, …/resources/app.asar when packaged. */
  appPath: string;
  platform: string;
  arch: string;
}

export function electronSqliteAddonPath(app: AppLocation): string {
  if (app.isPackaged) return join(`${app.appPath}.unpacked`, 'native', SQLITE_ADDON_FILE);
  return join(electronNativeDir(app.appPath, app.platform, app.arch), SQLITE_ADDON_FILE);
}
