/**
 * The desktop app's name and places, fixed once (docs/desktop.md "Where data and keys live"):
 * renaming later would make stored secrets unreadable, because the OS keychain files the key under
 * the app's name ("Perpvol Safe Storage" on macOS and Linux) and Windows keeps it in the
 * profile's "Local State".
 * - Name "Perpvol" (menus, keychain item), app id app.perpvol.desktop (Windows notifications).
 * - Data folder: the one the CLI and server use (service/data-dir.ts; PERPVOL_DATA_DIR moves it).
 * - Chromium's profile (caches, Local State, the single-instance lock): its own subfolder of the
 *   data folder — not the folder itself, where Electron's default would mix it with the database —
 *   so it moves with PERPVOL_DATA_DIR, one app runs per data folder, and Windows' key goes along.
 */
import { join } from 'node:path';

export const APP_NAME = 'Perpvol';
export const APP_ID = 'app.perpvol.desktop';
export const PROFILE_FOLDER = 'desktop-profile';

/** The part of Electron's app used here. */
export interface IdentityApp {
  setName(name: string): void;
  setPath(name: 'userData' | 'sessionData', path: string): void;
  setAppUserModelId(id: string): void;
}

/** Must run before ready (and before requestSingleInstanceLock, which locks the profile). */
export function applyAppIdentity(app: IdentityApp, platform: NodeJS.Platform, dataDir: string): { profileDir: string } {
  app.setName(APP_NAME);
  const profileDir = join(dataDir, PROFILE_FOLDER);
  app.setPath('userData', profileDir);
  app.setPath('sessionData', profileDir);
  // Windows shows (and keeps in the Action Center) only notifications of an app with an id that
  // matches its Start-menu shortcut; the NSIS installer's shortcut carries appId.
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  return { profileDir };
}
