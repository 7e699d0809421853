/**
 * The app's name and places are set explicitly before ready: the name "Perpvol" (the keychain item
 * and the menus), Chromium's profile in its own subfolder of the data folder (so it moves with
 * PERPVOL_DATA_DIR and never mixes with the database), and on Windows the notification app id.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { applyAppIdentity, type IdentityApp } from '../../src-main/electron/app-identity.ts';
import { defaultDataDir, resolveDataDir } from '../../src-main/service/data-dir.ts';

function fakeApp() {
  const calls: string[] = [];
  const app: IdentityApp = {
    setName: (name) => void calls.push(`name ${name}`),
    setPath: (name, path) => void calls.push(`${name} ${path}`),
    setAppUserModelId: (id) => void calls.push(`aumid ${id}`),
  };
  return { app, calls };
}

describe('the desktop app’s identity', () => {
  it('names itself Perpvol and keeps Chromium’s profile in a subfolder of the data folder', () => {
    const dataDir = resolveDataDir(undefined, { PERPVOL_DATA_DIR: '/srv/perpvol-data' });
    const { app, calls } = fakeApp();
    const { profileDir } = applyAppIdentity(app, 'linux', dataDir);
    assert.equal(profileDir, join(resolve('/srv/perpvol-data'), 'desktop-profile'));
    assert.deepEqual(calls, ['name Perpvol', `userData ${profileDir}`, `sessionData ${profileDir}`]);
  });

  it('follows the default data folder the CLI uses when PERPVOL_DATA_DIR is not set', () => {
    const home = '/home/ada';
    const dataDir = defaultDataDir({}, 'darwin', home);
    const { app, calls } = fakeApp();
    applyAppIdentity(app, 'darwin', dataDir);
    assert.ok(calls.includes(`userData ${join(home, 'Library/Application Support/perpvol/desktop-profile')}`));
  });

  it('sets the app user model id on Windows only (notifications need it)', () => {
    const windows = fakeApp();
    applyAppIdentity(windows.app, 'win32', 'C:\\Users\\ada\\AppData\\Roaming\\perpvol');
    assert.ok(windows.calls.includes('aumid app.perpvol.desktop'));
    const mac = fakeApp();
    applyAppIdentity(mac.app, 'darwin', '/x');
    assert.equal(mac.calls.some((call) => call.startsWith('aumid')), false);
  });
});
