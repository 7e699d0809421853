import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where Perpvol keeps its database, secrets file and API token: the OS's per-user app-data folder,
 * the same one the desktop app uses (Electron's app.getPath('userData') for the app name
 * `perpvol`), so the CLI, the server and the app see the same accounts.
 */
export const APP_FOLDER_NAME = 'perpvol';
export const DATA_DIR_ENV = 'PERPVOL_DATA_DIR';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  // Electron's userData on Linux is under $XDG_CONFIG_HOME (default ~/.config), so ours is too;
  // a relative XDG_CONFIG_HOME is invalid (XDG spec) and is ignored.
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), APP_FOLDER_NAME);
}

/** The flag wins over PERPVOL_DATA_DIR, which wins over the OS default; `~/` is expanded. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env[DATA_DIR_ENV];
  if (!chosen) return defaultDataDir(env);
  const expanded = chosen === '~' ? homedir() : chosen.startsWith('~/') ? join(homedir(), chosen.slice(2)) : chosen;
  return resolve(expanded);
}
