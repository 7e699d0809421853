/**
 * Whether closing the window quits. The app keeps syncing in the background only where the user
 * can see it and get back to it: a tray icon (or the macOS menu bar and dock). Vanilla GNOME shows
 * no tray without the AppIndicator extension, and there a closed window would leave an invisible
 * process that syncs and holds the data folder — so there closing quits, unless the user asked
 * for background running (PERPVOL_RUN_IN_BACKGROUND=1; a second launch opens the window again).
 */
import type { SessionBus } from './session-bus.ts';

export const RUN_IN_BACKGROUND_ENV = 'PERPVOL_RUN_IN_BACKGROUND';
/** The freedesktop StatusNotifier host that Electron's Linux tray registers with. */
export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/** Whether a tray icon will be seen: always on macOS and Windows; on Linux only with a StatusNotifier host. */
export function trayCanShow(platform: NodeJS.Platform, bus: Pick<SessionBus, 'hasOwner'>): boolean {
  return platform !== 'linux' || bus.hasOwner(STATUS_NOTIFIER_WATCHER);
}

export function runInBackgroundChosen(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true|yes)$/i.test((env[RUN_IN_BACKGROUND_ENV] ?? '').trim());
}

export interface ClosePolicyInput {
  platform: NodeJS.Platform;
  trayShown: boolean;
  runInBackground: boolean;
  /** Whether the core runs (secrets unlocked); before that nothing works in the background. */
  coreRunning: boolean;
}

export function closingLastWindowQuits({ platform, trayShown, runInBackground, coreRunning }: ClosePolicyInput): boolean {
  if (!coreRunning) return true;
  if (platform === 'darwin' || runInBackground) return false; // the dock and menu bar stay
  return !trayShown;
}
