/**
 * Closing the window keeps Perpvol syncing in the background only where the user can see it and
 * come back: a tray icon, or the macOS dock. On a Linux desktop with no StatusNotifier host (vanilla
 * GNOME) closing quits, unless the user chose background running.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closingLastWindowQuits, runInBackgroundChosen, trayCanShow } from '../../src-main/electron/background-policy.ts';

const bus = (owned: string[]) => ({ hasOwner: (name: string) => owned.includes(name) });

describe('what closing the window does', () => {
  it('sees a tray on Linux only with a StatusNotifier host on the session bus; always on macOS and Windows', () => {
    assert.equal(trayCanShow('linux', bus([])), false);
    assert.equal(trayCanShow('linux', bus(['org.kde.StatusNotifierWatcher'])), true);
    assert.equal(trayCanShow('darwin', bus([])), true);
    assert.equal(trayCanShow('win32', bus([])), true);
  });

  it('quits on vanilla GNOME (no tray), keeps running with a tray', () => {
    assert.equal(closingLastWindowQuits({ platform: 'linux', trayShown: false, runInBackground: false, coreRunning: true }), true);
    assert.equal(closingLastWindowQuits({ platform: 'linux', trayShown: true, runInBackground: false, coreRunning: true }), false);
    assert.equal(closingLastWindowQuits({ platform: 'win32', trayShown: true, runInBackground: false, coreRunning: true }), false);
  });

  it('keeps running without a tray when the user opted in, and on macOS (dock and menu bar)', () => {
    assert.equal(closingLastWindowQuits({ platform: 'linux', trayShown: false, runInBackground: true, coreRunning: true }), false);
    assert.equal(closingLastWindowQuits({ platform: 'darwin', trayShown: true, runInBackground: false, coreRunning: true }), false);
    assert.equal(runInBackgroundChosen({ PERPVOL_RUN_IN_BACKGROUND: '1' }), true);
    assert.equal(runInBackgroundChosen({ PERPVOL_RUN_IN_BACKGROUND: 'no' }), false);
    assert.equal(runInBackgroundChosen({}), false);
  });

  it('quits before the secrets are unlocked: nothing runs in the background then', () => {
    assert.equal(closingLastWindowQuits({ platform: 'win32', trayShown: true, runInBackground: true, coreRunning: false }), true);
  });
});
