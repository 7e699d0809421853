/**
 * Every file in the data folder is 0600 and every folder in it 0700 after every start of every face
 * — the server (also with PERPVOL_API_TOKEN set), a CLI command, the desktop app's start — whatever
 * modes they had before (an older version, a restore from backup, a hand edit), and `perpvol doctor`
 * says which ones it found loose and fixes them.
 */
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createPerpvolCore } from '../../src-main/service/core-runtime.ts';
import type { DoctorReport } from '../../src-main/service/doctor-report.ts';
import { makeTempDir } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';
import { startTestServer } from '../server/harness.ts';

const MASTER_KEY = 'modes test master key 0123456789';
const ENV_TOKEN = 'env-token-0123456789abcdef-0123456789abcdef';

/** The folder and every file and folder directly in it (a folder inside, once 0700, closes all it holds), symlinks left out. */
function entries(dir: string): { path: string; folder: boolean }[] {
  const found = [{ path: dir, folder: true }];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (!stat.isSymbolicLink()) found.push({ path, folder: stat.isDirectory() });
  }
  return found;
}

/** Files and folders whose mode is not 0600 / 0700, as "name 0644". */
function notPrivate(dir: string): string[] {
  return entries(dir)
    .map(({ path, folder }) => ({ name: relative(dir, path) || '.', mode: lstatSync(path).mode & 0o777, want: folder ? 0o700 : 0o600 }))
    .filter(({ mode, want }) => mode !== want)
    .map(({ name, mode }) => `${name} ${mode.toString(8)}`);
}

/** What a restore from backup or an older version leaves: folders 0755, files 0644. */
function loosen(dir: string): number {
  const all = entries(dir);
  for (const { path, folder } of all) chmodSync(path, folder ? 0o755 : 0o644);
  return all.length;
}

describe('private file modes at every start', { skip: process.platform === 'win32' }, () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = await makeTempDir('perpvol-modes-');
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: MASTER_KEY, PERPVOL_DATABASE_URL: '', DBUS_SESSION_BUS_ADDRESS: '', PERPVOL_SECRET_STORE: 'file' };
    const added = await runPerpvol(
      ['accounts', 'add', '--exchange', 'bybit', '--label', 'Desk', '--api-key', 'MODESKEY000a1b2c', '--no-validate', '--json'],
      { ...env, PERPVOL_API_SECRET: 'modes-secret-value-123456' },
    );
    assert.equal(added.code, 0, added.stderr);
    // what earlier runs leave besides the database and the secrets file (and its .lock)
    writeFileSync(join(dir.path, 'api-token'), 'an-api-token-from-an-earlier-start-0123456789\n');
    writeFileSync(join(dir.path, 'rate-limits.json'), '{"version":1,"limiters":{}}\n');
    mkdirSync(join(dir.path, 'logs'));
    writeFileSync(join(dir.path, 'logs', 'serve.log'), 'listening on http://127.0.0.1:7420\n');
    const names = readdirSync(dir.path);
    for (const name of ['perpvol.sqlite', 'secrets.enc.json', 'secrets.enc.json.lock']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  });
  after(() => dir.remove());

  test('the server with PERPVOL_API_TOKEN set makes every file 0600 and every folder 0700 as it starts', async () => {
    assert.ok(loosen(dir.path) >= 8);
    const server = await startTestServer({ dataDir: dir.path, apiToken: ENV_TOKEN });
    try {
      assert.deepEqual(notPrivate(dir.path), []);
    } finally {
      await server.close();
    }
    assert.deepEqual(notPrivate(dir.path), []);
  });

  test('a CLI read command (accounts list) makes them private too', async () => {
    loosen(dir.path);
    const run = await runPerpvol(['accounts', 'list', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(notPrivate(dir.path), []);
  });

  test('the desktop app’s start (the shared core start with its own lease and face) makes them private', async () => {
    loosen(dir.path);
    const core = await createPerpvolCore({ dataDir: dir.path, face: 'desktop', env: { PERPVOL_MASTER_KEY: MASTER_KEY, PERPVOL_SECRET_STORE: 'file' } });
    try {
      assert.deepEqual(notPrivate(dir.path), []);
    } finally {
      await core.close();
    }
  });

  test('a data folder pointed at a folder of the user’s own: scripts stay runnable (0700) and deeper files are left as they are', async () => {
    const script = join(dir.path, 'backup.sh');
    writeFileSync(script, '#!/bin/sh\n');
    mkdirSync(join(dir.path, 'logs', 'old'), { recursive: true });
    loosen(dir.path);
    chmodSync(script, 0o755);
    chmodSync(join(dir.path, 'logs', 'old'), 0o755);
    const run = await runPerpvol(['accounts', 'list', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(lstatSync(script).mode & 0o777, 0o700);
    assert.equal(lstatSync(join(dir.path, 'logs')).mode & 0o777, 0o700, 'the folder inside is closed');
    assert.equal(lstatSync(join(dir.path, 'logs', 'old')).mode & 0o777, 0o755, 'what it holds is not rewritten');
    rmSync(script);
  });

  test('doctor names each loose file and folder with its mode, fixes them, and a second run finds none', async () => {
    loosen(dir.path);
    const run = await runPerpvol(['doctor', '--json'], env);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout) as DoctorReport;
    for (const name of ['secrets.enc.json', 'secrets.enc.json.lock', 'api-token', 'perpvol.sqlite', 'rate-limits.json']) {
      assert.ok(report.fixed.some((line) => line.startsWith(`${join(dir.path, name)} was 0644`) && line.endsWith('made it 0600')), `${name} in ${report.fixed.join('\n')}`);
    }
    assert.ok(report.fixed.some((line) => line.startsWith(`${join(dir.path, 'logs')} was 0755`) && line.endsWith('made it 0700')));
    assert.deepEqual(notPrivate(dir.path), []);
    const text = await runPerpvol(['doctor'], env);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.doesNotMatch(text.stdout, /fixed/);
    assert.match(text.stdout, /no problems found/);
  });
});
