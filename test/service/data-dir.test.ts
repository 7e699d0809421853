import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultDataDir, resolveDataDir } from '../../src-main/service/data-dir.ts';

test('the default data folder is the OS per-user app-data folder', () => {
  assert.equal(defaultDataDir({}, 'linux', '/home/u'), '/home/u/.local/share/perpvol');
  assert.equal(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/u'), '/data/perpvol');
  assert.equal(defaultDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/u'), '/home/u/.local/share/perpvol');
  assert.equal(defaultDataDir({}, 'darwin', '/Users/u'), '/Users/u/Library/Application Support/perpvol');
  assert.equal(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u'), join('C:\\Users\\u\\AppData\\Roaming', 'perpvol'));
});

test('a --data-dir flag wins over PERPVOL_DATA_DIR, which wins over the default; ~ is expanded', () => {
  assert.equal(resolveDataDir('/flag', { PERPVOL_DATA_DIR: '/env' }), '/flag');
  assert.equal(resolveDataDir(undefined, { PERPVOL_DATA_DIR: '/env' }), '/env');
  assert.equal(resolveDataDir('~/pv', {}), join(homedir(), 'pv'));
});
