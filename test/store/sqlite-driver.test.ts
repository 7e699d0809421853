/**
 * One install serves Node and Electron: a process loads the better-sqlite3 build named for its own
 * ABI (the desktop main names the Electron build), its worker threads load the same one, and a
 * process of another ABI — the CLI started from the app, inheriting its environment — keeps
 * node_modules' own build. And the desktop app finds the Electron build in the project in
 * development and beside app.asar when packaged.
 */
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { electronSqliteAddonPath } from '../../src-main/electron/native-binding-path.ts';
import { SQLITE_BINDING_ABI_ENV, SQLITE_BINDING_ENV, openSqliteHandle, sqliteNativeBinding, useSqliteBinding } from '../../src-main/store/sqlite/sqlite-driver.ts';

const DRIVER = new URL('../../src-main/store/sqlite/sqlite-driver.ts', import.meta.url).href;
const TSX_API = import.meta.resolve('tsx/esm/api');

describe('which better-sqlite3 build loads', () => {
  it('the one named for this runtime’s ABI; one named for another ABI is ignored', () => {
    const env: NodeJS.ProcessEnv = {};
    useSqliteBinding('/app/native/better_sqlite3.node', env, { ...process.versions, modules: '139' });
    assert.deepEqual(env, { [SQLITE_BINDING_ENV]: '/app/native/better_sqlite3.node', [SQLITE_BINDING_ABI_ENV]: '139' });
    assert.equal(sqliteNativeBinding(env, { ...process.versions, modules: '139' }), '/app/native/better_sqlite3.node');
    assert.equal(sqliteNativeBinding(env, { ...process.versions, modules: '115' }), undefined);
    assert.equal(sqliteNativeBinding({}, process.versions), undefined);
  });

  it('a CLI started from the app (its environment, another ABI) opens its database with node_modules’ build', () => {
    const env = { [SQLITE_BINDING_ENV]: '/nowhere/better_sqlite3.node', [SQLITE_BINDING_ABI_ENV]: 'electron-abi' };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const handle = openSqliteHandle(':memory:');
      assert.equal((handle.prepare('select 6 * 7 as answer').get() as { answer: number }).answer, 42);
      handle.close();
    } finally {
      delete process.env[SQLITE_BINDING_ENV];
      delete process.env[SQLITE_BINDING_ABI_ENV];
      Object.assign(process.env, saved);
    }
  });

  it('a worker thread (the CSV import) loads the build its process named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perpvol-sqlite-driver-'));
    const named = join(dir, 'named-build.node');
    writeFileSync(named, 'not a shared object: loading it proves it was the one chosen');
    try {
      const code = `
        import { parentPort } from 'node:worker_threads';
        import { register } from ${JSON.stringify(TSX_API)};
        register();
        const { openSqliteHandle } = await import(${JSON.stringify(DRIVER)});
        try { openSqliteHandle(':memory:').close(); parentPort.postMessage('opened with node_modules build'); }
        catch (error) { parentPort.postMessage(String(error.message)); }`;
      const env = { ...process.env, [SQLITE_BINDING_ENV]: named, [SQLITE_BINDING_ABI_ENV]: process.versions.modules };
      const workerFile = join(dir, 'open-in-worker.mjs');
      writeFileSync(workerFile, code);
      const worker = new Worker(workerFile, { env });
      const answer = await new Promise<string>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await worker.terminate();
      assert.match(answer, /named-build\.node/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
