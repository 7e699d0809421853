import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppWindow, type BrowserWindowLike, type SecureWindowOptions } from '../../src-main/electron/app-window.ts';
import { WindowStateStore, type Rectangle } from '../../src-main/electron/window-state.ts';

const APP_URL = 'file:///opt/Perpvol/resources/app/out/renderer/index.html';

class FakeWindow implements BrowserWindowLike {
  listeners = new Map<string, (() => void)[]>();
  navigate: ((event: { preventDefault(): void }, url: string) => void) | null = null;
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  loaded: string[] = [];
  shown = 0;
  destroyed = false;
  minimized = false;
  maximized = false;
  bounds: Rectangle;
  constructor(readonly options: SecureWindowOptions) {
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height };
  }
  webContents = {
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => { this.openHandler = handler; },
    on: (_event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void) => { this.navigate = listener; },
    send: () => {},
    isDestroyed: () => this.destroyed,
  };
  async loadURL(url: string) { this.loaded.push(url); }
  on(event: string, listener: () => void) { this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]); }
  emit(event: string) { for (const l of this.listeners.get(event) ?? []) l(); }
  show() { this.shown++; }
  focus() {}
  restore() { this.minimized = false; }
  maximize() { this.maximized = true; }
  isMinimized() { return this.minimized; }
  isMaximized() { return this.maximized; }
  isDestroyed() { return this.destroyed; }
  getNormalBounds() { return this.bounds; }
}

function setup() {
  const windows: FakeWindow[] = [];
  const opened: string[] = [];
  let focused = 0;
  const stateStore = new WindowStateStore(join(mkdtempSync(join(tmpdir(), 'perpvol-appwin-')), 'w.json'), () => [{ x: 0, y: 0, width: 1920, height: 1080 }]);
  const deps = {
    createWindow: (options: SecureWindowOptions) => { const w = new FakeWindow(options); windows.push(w); return w; },
    stateStore,
    openExternal: (url: string) => opened.push(url),
    appUrl: APP_URL,
    preloadPath: '/opt/Perpvol/resources/app/out/preload/index.cjs',
    onFocus: () => focused++,
  };
  return { appWindow: new AppWindow(deps), windows, opened, stateStore, focusCount: () => focused };
}

describe('AppWindow', () => {
  it('creates a sandboxed, isolated window without Node and loads the app page', async () => {
    const { appWindow, windows } = setup();
    await appWindow.show();
    const prefs = windows[0]!.options.webPreferences;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.webviewTag, false);
    assert.deepEqual(windows[0]!.loaded, [APP_URL]);
  });

  it('reopens at the size and place it was closed with', async () => {
    const { appWindow, windows } = setup();
    await appWindow.show();
    windows[0]!.bounds = { x: 40, y: 30, width: 1500, height: 950 };
    windows[0]!.emit('close');
    windows[0]!.destroyed = true;
    windows[0]!.emit('closed');
    await appWindow.show();
    assert.equal(windows.length, 2);
    assert.deepEqual([windows[1]!.options.x, windows[1]!.options.y, windows[1]!.options.width, windows[1]!.options.height], [40, 30, 1500, 950]);
  });

  it('restores maximized when it was closed maximized', async () => {
    const { appWindow, windows, stateStore } = setup();
    stateStore.save({ x: 0, y: 0, width: 1000, height: 700 }, true);
    await appWindow.show();
    windows[0]!.emit('ready-to-show');
    assert.equal(windows[0]!.maximized, true);
    assert.equal(windows[0]!.shown, 1);
  });

  it('shows the existing window instead of opening a second one', async () => {
    const { appWindow, windows } = setup();
    await appWindow.show();
    windows[0]!.minimized = true;
    await appWindow.show();
    assert.equal(windows.length, 1);
    assert.equal(windows[0]!.minimized, false);
  });

  it('opens https links in the OS browser and nothing else, and never opens a new window', async () => {
    const { appWindow, windows, opened } = setup();
    await appWindow.show();
    const w = windows[0]!;
    assert.deepEqual(w.openHandler!({ url: 'https://www.bybit.com/app/user/api-management' }), { action: 'deny' });
    w.openHandler!({ url: 'file:///etc/passwd' });
    w.openHandler!({ url: 'javascript:alert(1)' });
    w.openHandler!({ url: 'http://insecure.example' });
    assert.deepEqual(opened, ['https://www.bybit.com/app/user/api-management']);
  });

  it('blocks navigation away from the app page but allows it within', async () => {
    const { appWindow, windows, opened } = setup();
    await appWindow.show();
    let prevented = 0;
    const event = { preventDefault: () => prevented++ };
    windows[0]!.navigate!(event, 'https://phishing.example/login');
    assert.equal(prevented, 1);
    assert.deepEqual(opened, ['https://phishing.example/login']);
    windows[0]!.navigate!(event, 'file:///opt/Perpvol/resources/app/out/renderer/index.html#/fills');
    assert.equal(prevented, 1);
    windows[0]!.navigate!(event, 'file:///home/user/secret.html');
    assert.equal(prevented, 2);
  });

  it('reports window focus (the app syncs on focus)', async () => {
    const { appWindow, windows, focusCount } = setup();
    await appWindow.show();
    windows[0]!.emit('focus');
    assert.equal(focusCount(), 1);
  });
});
