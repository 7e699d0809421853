/**
 * The one dashboard window: locked down (context isolation, sandbox, no Node, no navigation away,
 * no new windows), remembering its size and place, opening outside links in the OS browser.
 */
import { isAppUrl, isSafeExternalUrl } from './external-links.ts';
import { MIN_WINDOW_SIZE, type Rectangle, type WindowStateStore } from './window-state.ts';

export interface NavigationEventLike {
  preventDefault(): void;
}

export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEventLike, url: string) => void): unknown;
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  on(event: 'close' | 'closed' | 'focus' | 'ready-to-show' | 'show' | 'hide' | 'minimize' | 'restore', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  /** The bounds when not maximized (what to restore next time). */
  getNormalBounds(): Rectangle;
}

export interface SecureWindowOptions {
  x?: number;
  y?: number;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    spellcheck: false;
  };
}

export interface AppWindowDeps {
  createWindow(options: SecureWindowOptions): BrowserWindowLike;
  stateStore: WindowStateStore;
  openExternal(url: string): void;
  /** file:// URL of out/renderer/index.html, or the dev server's URL. */
  appUrl: string;
  preloadPath: string;
  onFocus?: () => void;
  /** The window came on screen or left it (hidden to the tray, minimized, closed). */
  onVisibility?: (visible: boolean) => void;
}

export class AppWindow {
  private window: BrowserWindowLike | null = null;

  constructor(private readonly deps: AppWindowDeps) {}

  get current(): BrowserWindowLike | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Shows the window, creating it when there is none (first start, or after it was closed). */
  async show(): Promise<void> {
    const existing = this.current;
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    const window = this.create();
    await window.loadURL(this.deps.appUrl);
  }

  windowOptions(): SecureWindowOptions {
    const state = this.deps.stateStore.load();
    return {
      ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
      width: state.width,
      height: state.height,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      show: false,
      title: 'Perpvol',
      backgroundColor: '#0b1120',
      webPreferences: {
        preload: this.deps.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
      },
    };
  }

  private create(): BrowserWindowLike {
    const maximized = this.deps.stateStore.load().maximized;
    const window = this.deps.createWindow(this.windowOptions());
    this.window = window;
    window.on('ready-to-show', () => {
      if (maximized) window.maximize();
      window.show();
    });
    // Remember the place on close (covers resize and move without a save per pixel).
    window.on('close', () => this.deps.stateStore.save(window.getNormalBounds(), window.isMaximized()));
    window.on('closed', () => {
      if (this.window === window) this.window = null;
      this.deps.onVisibility?.(false);
    });
    for (const event of ['show', 'restore'] as const) window.on(event, () => this.deps.onVisibility?.(true));
    for (const event of ['hide', 'minimize'] as const) window.on(event, () => this.deps.onVisibility?.(false));
    window.on('focus', () => this.deps.onFocus?.());
    window.webContents.setWindowOpenHandler(({ url }) => {
      this.openOutside(url);
      return { action: 'deny' };
    });
    window.webContents.on('will-navigate', (event, url) => {
      if (isAppUrl(url, this.deps.appUrl)) return;
      event.preventDefault();
      this.openOutside(url);
    });
    return window;
  }

  /** Only https links leave the app, and only to the OS browser. */
  private openOutside(url: string): void {
    if (isSafeExternalUrl(url)) this.deps.openExternal(url);
  }
}
