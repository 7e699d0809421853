/**
 * The desktop app's entry: the only file that wires real Electron objects into the small classes
 * beside it. It starts the shared core (store, sync engine, scheduler, volume service) in this
 * process, exposes it to the window over IPC, and keeps a tray quick view.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, safeStorage, screen, session, shell, Tray } from 'electron';
import { takeLease, type OwnerLease } from '../lease/owner-lease.ts';
import { createPerpvolCore, type PerpvolCore } from '../service/core-runtime.ts';
import { packageVersion } from '../service/volume-service.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { AppWindow } from './app-window.ts';
import { DesktopLease } from './desktop-lease.ts';
import { renderAppIconPng } from './app-icon.ts';
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

const here = dirname(fileURLToPath(import.meta.url)); // out/main after the build
const preloadPath = join(here, '../preload/index.cjs');
// electron-vite dev sets ELECTRON_RENDERER_URL to its dev server; the built app loads the file.
const appUrl = process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(join(here, '../renderer/index.html')).href;
/** Tray icons are small; 32 px reads well on HiDPI menu bars and is scaled down elsewhere. */
const TRAY_ICON_SIZE = 32;

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
  // The same folder the CLI and headless server use by default, so all faces see the same accounts
  // (Electron's own userData name follows productName, whose case may differ from 'perpvol'),
  // and the app's state (database, secrets, window size) lives there too.
  const dataDir = resolveDataDir(undefined, process.env);
  const databaseUrl = process.env['PERPVOL_DATABASE_URL'];
  // Ownership before anything else: beside a running `perpvol serve` the app says who owns the
  // folder and exits 1 rather than syncing the same accounts a second time.
  const lease: OwnerLease | null = await new DesktopLease({
    take: () => takeLease({ dataDir, databaseUrl: databaseUrl ?? null, face: 'desktop', version: packageVersion() }),
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    exit: (code) => app.exit(code),
    quit: () => app.quit(),
  }).acquire();
  if (!lease) return;
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
      createTray: () => new Tray(nativeImage.createFromBuffer(renderAppIconPng(TRAY_ICON_SIZE)).resize({ width: 16, height: 16 })),
      buildMenu: (template) => {
        const menu = Menu.buildFromTemplate(template);
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
  const plan = planDesktopSecrets({ safeStorage, platform: process.platform, dataDir, env: process.env });
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
  // The tray keeps the app (and its scheduled syncs) alive when the window is closed.
  app.on('window-all-closed', () => {
    if (!core) app.quit(); // nothing runs in the background before the secrets are unlocked
  });
  app.on('activate', () => void window.show());

  await window.show();
}

if (singleInstance.acquire()) {
  start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Perpvol could not start', message);
    app.exit(1);
  });
}
