import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultDataDir, resolveDataDir } from '../../src-main/service/data-dir.ts';

test("the default data folder is the desktop app's: Electron's userData folder for the app name perpvol", () => {
  // Electron puts userData in $XDG_CONFIG_HOME (default ~/.config) on Linux, so the CLI and the server must too.
  assert.equal(defaultDataDir({}, 'linux', '/home/u'), '/home/u/.config/perpvol');
  assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/data' }, 'linux', '/home/u'), '/cfg/perpvol');
  assert.equal(defaultDataDir({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/u'), '/home/u/.config/perpvol');
  assert.equal(defaultDataDir({}, 'darwin', '/Users/u'), '/Users/u/Library/Application Support/perpvol');
  assert.equal(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u'), join('C:\\Users\\u\\AppData\\Roaming', 'perpvol'));
});

test('a --data-dir flag wins over PERPVOL_DATA_DIR, which wins over the default; ~ is expanded', () => {
  assert.equal(resolveDataDir('/flag', { PERPVOL_DATA_DIR: '/env' }), '/flag');
  assert.equal(resolveDataDir(undefined, { PERPVOL_DATA_DIR: '/env' }), '/env');
  assert.equal(resolveDataDir('~/pv', {}), join(homedir(), 'pv'));
});
