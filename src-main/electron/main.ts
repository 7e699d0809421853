/**
 * The desktop app's entry: the only file that wires real Electron objects into the small classes
 * beside it. It starts the shared core (store, sync engine, scheduler, volume service) in this
 * process, exposes it to the window over IPC, and keeps a tray quick view. Any start-up failure
 * ends in startup-failure.ts: a dialog with its true cause and fix, a log, a non-zero exit.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, safeStorage, screen, session, shell, Tray } from 'electron';
import { takeLease, type OwnerLease } from '../lease/owner-lease.ts';
import { createPerpvolCore, type PerpvolCore } from '../service/core-runtime.ts';
import { packageVersion } from '../service/volume-service.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { AppWindow } from './app-window.ts';
import { DesktopLease } from './desktop-lease.ts';
import { DesktopWatch } from './desktop-watch.ts';
import { FocusSync } from './focus-sync.ts';
import { IpcBridge } from './ipc-bridge.ts';
import { planDesktopSecrets } from './desktop-secrets-plan.ts';
import { SecretsUnlock } from './secrets-unlock.ts';
import { SingleInstance } from './single-instance.ts';
import { TierRiskNotifier, ToldRisksFile } from './tier-risk-notifier.ts';
import { TrayQuickView } from './tray-quick-view.ts';
import { WindowStateStore } from './window-state.ts';
import { resolveDataDir } from '../service/data-dir.ts';
import { SQLITE_BINDING_ENV, openSqliteHandle, useSqliteBinding } from '../store/sqlite/sqlite-driver.ts';
import { applyAppIdentity } from './app-identity.ts';
import { closingLastWindowQuits, runInBackgroundChosen, trayCanShow } from './background-policy.ts';
import { assertKeychainAnswers } from './desktop-secrets-plan.ts';
import { chooseKeyringBackend, passwordStoreOfBackend, readRememberedBackend, rememberBackend } from './keyring-backend.ts';
import { electronSqliteAddonPath } from './native-binding-path.ts';
import { sessionBus } from './session-bus.ts';
import { NativeModuleMissingError, reportStartupFailure, type StartupContext } from './startup-failure.ts';
import { trayIconSet } from './tray-icon.ts';

const here = dirname(fileURLToPath(import.meta.url)); // out/main after the build
const preloadPath = join(here, '../preload/index.cjs');
// electron-vite dev sets ELECTRON_RENDERER_URL to its dev server; the built app loads the file.
const appUrl = process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(join(here, '../renderer/index.html')).href;
/**
 * The desktop smoke test (test/desktop) cannot click a native dialog nor open a tray menu: with
 * this set, dialogs are appended to that file as JSON lines instead of shown, and the tray's
 * current menu is left on globalThis.perpvolTrayMenu for it to read. Nothing else uses it.
 */
const DIALOG_LOG_ENV = 'PERPVOL_TEST_DIALOG_LOG';
const underSmokeTest = Boolean(process.env[DIALOG_LOG_ENV]);

function showErrorBox(title: string, content: string): void {
  const dialogLog = process.env[DIALOG_LOG_ENV];
  if (dialogLog) appendFileSync(dialogLog, `${JSON.stringify({ title, content })}\n`);
  else dialog.showErrorBox(title, content);
}

// Everything below until ready must happen before Electron is ready: the name, the profile
// folder, the single-instance lock inside it, the keyring backend switch.
const dataDir = resolveDataDir(undefined, process.env);
const startupContext: StartupContext = { isPackaged: app.isPackaged, platform: process.platform, arch: process.arch, dataDir };
applyAppIdentity(app, process.platform, dataDir);
const bus = process.platform === 'linux' ? sessionBus(process.env) : null;
const rememberedKeyring = readRememberedBackend(dataDir);
const keyring = chooseKeyringBackend({ platform: process.platform, argv: process.argv, bus: bus ?? { hasOwner: () => false, activatable: () => [] }, remembered: rememberedKeyring });
if (keyring.passwordStore) app.commandLine.appendSwitch('password-store', keyring.passwordStore);
const trayShown = bus ? trayCanShow(process.platform, bus) : true;
const runInBackground = runInBackgroundChosen(process.env);

/**
 * better-sqlite3 built for Electron's ABI, kept apart from node_modules' Node build (docs/desktop.md
 * "One install, every face"). PERPVOL_SQLITE_BINDING set from outside wins. One connection to
 * memory proves it loads before the lease opens the folder's lock file with it.
 */
function loadElectronSqlite(): void {
  const given = process.env[SQLITE_BINDING_ENV];
  const addon = given || electronSqliteAddonPath({ isPackaged: app.isPackaged, appPath: app.getAppPath(), platform: process.platform, arch: process.arch });
  if (!existsSync(addon)) throw new NativeModuleMissingError(addon);
  useSqliteBinding(addon);
  openSqliteHandle(':memory:').close();
}

function trayImage(): Electron.NativeImage {
  const set = trayIconSet(process.platform);
  const image = nativeImage.createEmpty();
  for (const representation of set.representations) image.addRepresentation({ scaleFactor: representation.scaleFactor, buffer: representation.png });
  image.setTemplateImage(set.template);
  return image;
}

let appWindow: AppWindow | null = null;

const singleInstance = new SingleInstance(
  {
    requestSingleInstanceLock: () => app.requestSingleInstanceLock(),
    onSecondInstance: (listener) => app.on('second-instance', listener),
    quit: () => app.quit(),
  },
  () => void appWindow?.show(),
);

function lockDownSessions(): void {
  // The dashboard needs no camera, notifications, geolocation…: refuse every permission request.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSessions();
  // The data folder is the one the CLI and headless server use by default, so all faces see the
  // same accounts; the app's state (database, secrets, window size) lives there too.
  const databaseUrl = process.env['PERPVOL_DATABASE_URL'];
  loadElectronSqlite();
  // Ownership before anything else: beside a running `perpvol serve` the app says who owns the
  // folder and exits 1 rather than syncing the same accounts a second time.
  const lease: OwnerLease = await new DesktopLease({
    take: () => takeLease({ dataDir, databaseUrl: databaseUrl ?? null, face: 'desktop', version: packageVersion() }),
    showErrorBox,
    quit: () => app.quit(),
  }).acquire();
  let core: PerpvolCore | null = null;
  let stopFaces: (() => void) | null = null;
  // what the app shows decides how often accounts without a stream are polled (30 s while watched)
  let desktopWatch: DesktopWatch | null = null;
  let windowVisible = false;
  const focusSync = new FocusSync(() => core?.service.startSync({}) ?? Promise.resolve(), Date.now, undefined, (error) => console.error('focus sync failed:', error));
  const window = new AppWindow({
    createWindow: (options) => new BrowserWindow(options),
    stateStore: new WindowStateStore(join(dataDir, 'window-state.json'), () => screen.getAllDisplays().map((d) => d.workArea)),
    openExternal: (url) => void shell.openExternal(url),
    appUrl,
    preloadPath,
    onFocus: () => focusSync.onFocus(),
    onVisibility: (visible) => {
      windowVisible = visible;
      desktopWatch?.setWindowVisible(visible);
    },
  });
  appWindow = window;

  /** The core and every face over it (IPC bridge, tray, scheduler), once secrets can be read. */
  const startCore = async (secretStore: SecretStore): Promise<void> => {
    const started = await createPerpvolCore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}), secretStore, lease, face: 'desktop' });
    const service = started.service;
    const bridge = new IpcBridge(ipcMain, service, () => appUrl);
    bridge.register();
    bridge.forwardEvents(() => window.current?.webContents ?? null);
    const tray = new TrayQuickView({
      createTray: () => new Tray(trayImage()),
      buildMenu: (template) => {
        const menu = Menu.buildFromTemplate(template);
        if (underSmokeTest) (globalThis as { perpvolTrayMenu?: Electron.Menu }).perpvolTrayMenu = menu;
        menu.on('menu-will-show', () => desktopWatch?.setMenuOpen(true));
        menu.on('menu-will-close', () => desktopWatch?.setMenuOpen(false));
        return menu;
      },
      api: service,
      actions: {
        sync: () => void service.startSync({}).catch((error: unknown) => console.error('sync failed:', error)),
        open: () => void window.show(),
        quit: () => app.quit(),
      },
      locale: app.getLocale(),
      setBadgeCount: (count) => void app.setBadgeCount(count),
      onError: (error) => console.error('tray refresh failed:', error),
    });
    const notifier = new TierRiskNotifier({
      createNotification: (options) => new Notification(options),
      isSupported: () => Notification.isSupported(),
      api: service,
      open: () => void window.show(),
      told: new ToldRisksFile(join(dataDir, 'tier-risks-told.json')),
      locale: app.getLocale(),
      onError: (error) => console.error('fee-tier check failed:', error),
    });
    core = started;
    desktopWatch = new DesktopWatch(() => service.watch());
    desktopWatch.setWindowVisible(windowVisible);
    stopFaces = () => {
      desktopWatch?.dispose();
      notifier.stop();
      tray.stop();
      bridge.dispose();
    };
    await tray.start();
    void notifier.start();
    // Periodic incremental syncs (and one now), also while the window is closed to the tray.
    started.scheduler.start();
    // each account's private stream: fills reach the window and the tray within a second
    await started.live.start();
  };

  // With an OS keychain (or PERPVOL_MASTER_KEY) the app starts at once; without one the window
  // asks for a passphrase first and the core starts when it unlocks the secrets file.
  const plan = planDesktopSecrets({ safeStorage, platform: process.platform, dataDir, env: process.env, keyringFound: keyring.found });
  if (plan.kind === 'safe-storage') {
    assertKeychainAnswers(safeStorage);
    // Linux: the backend that now holds the key is the one to use from now on (keyring-backend.ts).
    const holding = process.platform === 'linux' ? passwordStoreOfBackend(safeStorage.getSelectedStorageBackend()) : null;
    if (holding && holding !== rememberedKeyring) await rememberBackend(dataDir, holding);
  }
  const unlock = new SecretsUnlock({ ipcMain, plan, appUrl: () => appUrl, onUnlocked: startCore });
  unlock.register();
  if (plan.kind !== 'passphrase') await startCore(plan.store);

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    stopFaces?.();
    unlock.dispose();
    // Let in-flight pages finish or abandon cleanly and the database close before exiting; the
    // lease goes with the core, or on its own when the secrets were never unlocked.
    (core?.close() ?? lease.release()).finally(() => app.exit(0));
  });
  // A visible tray (or the macOS dock) keeps the app and its scheduled syncs alive when the window
  // is closed; where no tray can be seen, closing quits (background-policy.ts).
  app.on('window-all-closed', () => {
    if (closingLastWindowQuits({ platform: process.platform, trayShown, runInBackground, coreRunning: core !== null })) app.quit();
  });
  app.on('activate', () => void window.show());

  await window.show();
}

if (singleInstance.acquire()) {
  start().catch((error: unknown) => {
    reportStartupFailure(error, { ...startupContext, showErrorBox, exit: (code) => app.exit(code), fallbackLogDir: tmpdir() });
  });
}
