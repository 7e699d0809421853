/**
 * One install serves Node and Electron: under Node every connection loads node_modules' own
 * better-sqlite3 build, whatever the environment says; under Electron the separate Electron build
 * named in PERPVOL_SQLITE_BINDING is handed to better-sqlite3 as nativeBinding. And the desktop app
 * finds that build in the project in development and beside app.asar when packaged.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { electronSqliteAddonPath } from '../../src-main/electron/native-binding-path.ts';
import { SQLITE_BINDING_ENV, openSqliteHandle, sqliteNativeBinding } from '../../src-main/store/sqlite/sqlite-driver.ts';

describe('which better-sqlite3 build loads', () => {
  it('under Node: the package’s own, even when the Electron binding is set (a CLI started from the app)', () => {
    assert.equal(sqliteNativeBinding({ [SQLITE_BINDING_ENV]: '/nowhere/better_sqlite3.node' }, { ...process.versions }), undefined);
    const previous = process.env[SQLITE_BINDING_ENV];
    process.env[SQLITE_BINDING_ENV] = '/nowhere/better_sqlite3.node';
    try {
      const handle = openSqliteHandle(':memory:');
      assert.equal(handle.prepare('select 6 * 7 as answer').get()?.['answer' as never], 42);
      handle.close();
    } finally {
      if (previous === undefined) delete process.env[SQLITE_BINDING_ENV];
      else process.env[SQLITE_BINDING_ENV] = previous;
    }
  });

  it('under Electron: the build named in PERPVOL_SQLITE_BINDING, or the default when none is named', () => {
    const electron = { ...process.versions, electron: '38.8.6' };
    assert.equal(sqliteNativeBinding({ [SQLITE_BINDING_ENV]: '/app/native/better_sqlite3.node' }, electron), '/app/native/better_sqlite3.node');
    assert.equal(sqliteNativeBinding({}, electron), undefined);
  });

  it('is found in .electron-native/<platform>-<arch> in development and in app.asar.unpacked/native when packaged', () => {
    assert.equal(
      electronSqliteAddonPath({ isPackaged: false, appPath: '/src/perpvol', platform: 'darwin', arch: 'arm64' }),
      join('/src/perpvol', '.electron-native', 'darwin-arm64', 'better_sqlite3.node'),
    );
    assert.equal(
      electronSqliteAddonPath({ isPackaged: true, appPath: '/opt/Perpvol/resources/app.asar', platform: 'linux', arch: 'x64' }),
      join('/opt/Perpvol/resources/app.asar.unpacked', 'native', 'better_sqlite3.node'),
    );
  });
});
