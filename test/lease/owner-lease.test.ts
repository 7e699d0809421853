/**
 * One owner per data folder and per Postgres database: a second owner is refused with a message
 * naming the first; a SIGKILLed owner is replaced at once (the OS / the database server drops its
 * lock with the process); release hands over; the lease files are private.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { LOCK_FILE_NAME, OWNER_FILE_NAME, readFolderOwner } from '../../src-main/lease/folder-lease.ts';
import { takeLease, tryTakeLease } from '../../src-main/lease/owner-lease.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const HOLDER = fileURLToPath(new URL('./fixtures/hold-lease.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'perpvol-lease-'));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = (): string => join(root, `data-${++folders}`);
const lease = (dataDir: string, face: 'server' | 'desktop' | 'cli' = 'server', databaseUrl: string | null = null) =>
  takeLease({ dataDir, databaseUrl, face, version: 'test' });

/** A child process holding the lease until killed; resolves once it holds it. */
async function holderProcess(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<{ pid: number; kill: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('held ')) resolve();
    });
    void exited.then(() => reject(new Error(`the holder exited before holding the lease:\n${output}`)));
  });
  return {
    pid: child.pid!,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<PerpvolError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  assert.ok(error instanceof PerpvolError, `expected a refusal, got ${String(error)}`);
  return error;
}

describe('the data folder lease', () => {
  test('a second owner is refused, naming the first: which face, its pid, since when and its URL', async () => {
    const dataDir = folder();
    const first = await lease(dataDir, 'server');
    await first.announce({ url: 'http://127.0.0.1:7420' });
    try {
      const error = await refusal(lease(dataDir, 'desktop'));
      assert.equal(error.code, 'folder_in_use');
      assert.equal(error.kind, 'conflict');
      assert.match(error.message, new RegExp(`The data folder ${dataDir} is in use by perpvol serve \\(pid ${process.pid}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, at http://127\\.0\\.0\\.1:7420\\)`));
      assert.match(error.message, /stop that one first, or use another folder with --data-dir/);
    } finally {
      await first.release();
    }
  });

  test('release hands the folder over and removes the owner record', async () => {
    const dataDir = folder();
    const first = await lease(dataDir, 'cli');
    await first.release();
    assert.equal(existsSync(join(dataDir, OWNER_FILE_NAME)), false);
    const second = await lease(dataDir, 'server');
    assert.equal((await readFolderOwner(dataDir))?.face, 'server');
    await second.release();
  });

  test('a SIGKILLed owner is replaced at once: its lock died with it, its stale record is overwritten', async () => {
    const dataDir = folder();
    const holder = await holderProcess(dataDir);
    const refused = await tryTakeLease({ dataDir, face: 'server', version: 'test' });
    assert.ok('refused' in refused);
    assert.equal(refused.refused.owner?.pid, holder.pid);
    await holder.kill();
    assert.ok(existsSync(join(dataDir, OWNER_FILE_NAME)), 'the killed owner could not clean up its record');
    assert.equal(await readFolderOwner(dataDir), null, 'a record whose process is dead names no owner');
    const next = await lease(dataDir, 'desktop'); // first try: no timeout, no clean-up step
    assert.equal((await readFolderOwner(dataDir))?.pid, process.pid);
    await next.release();
  });

  test('its files are readable by their owner only (0600), in a 0700 folder', { skip: process.platform === 'win32' }, async () => {
    const dataDir = folder();
    const held = await lease(dataDir);
    try {
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      for (const name of [LOCK_FILE_NAME, OWNER_FILE_NAME]) assert.equal(statSync(join(dataDir, name)).mode & 0o777, 0o600, name);
    } finally {
      await held.release();
    }
  });

  test('an owner whose lock file is deleted under it is told it lost the folder', async () => {
    const dataDir = folder();
    const held = await takeLease({ dataDir, face: 'server', version: 'test', checkEveryMs: 20 });
    const keepAlive = setInterval(() => undefined, 1_000); // the lease's own check timer does not hold the process open
    const lost = new Promise<PerpvolError>((resolve) => held.onLost(resolve));
    unlinkSync(join(dataDir, LOCK_FILE_NAME));
    const error = await lost.finally(() => clearInterval(keepAlive));
    assert.equal(error.code, 'lease_lost');
    assert.match(error.message, /lost ownership of the data folder .*perpvol\.lock was deleted or replaced/);
    await held.release();
  });
});

describe('the Postgres database lease', () => {
  const unavailable = process.env[TEST_PG_URL_ENV] ? null : POSTGRES_UNAVAILABLE_MESSAGE;
  const freshDatabaseUrl = async (name: string): Promise<string> => (await testDatabaseUrl(name))!;

  test('a second owner from another data folder (another machine) is refused, naming the first', { skip: unavailable ?? false }, async () => {
    const databaseUrl = await freshDatabaseUrl('lease_second');
    const first = await lease(folder(), 'server', databaseUrl);
    await first.announce({ url: 'http://127.0.0.1:7420' });
    try {
      const error = await refusal(lease(folder(), 'server', databaseUrl));
      assert.equal(error.code, 'database_in_use');
      assert.match(error.message, new RegExp(`The Postgres database .* is in use by perpvol serve \\(pid ${process.pid}, .* at http://127\\.0\\.0\\.1:7420\\)`));
      assert.match(error.message, /even across machines/);
    } finally {
      await first.release();
    }
    const next = await lease(folder(), 'desktop', databaseUrl);
    await next.release();
  });

  test('a SIGKILLed owner is replaced at once: Postgres ends its session and with it the lock', { skip: unavailable ?? false }, async () => {
    const databaseUrl = await freshDatabaseUrl('lease_kill');
    const holder = await holderProcess(folder(), { PERPVOL_DATABASE_URL: databaseUrl });
    const refused = await tryTakeLease({ dataDir: folder(), databaseUrl, face: 'server', version: 'test' });
    assert.ok('refused' in refused && refused.refused.resource === 'database');
    assert.equal(refused.refused.owner?.pid, holder.pid);
    await holder.kill();
    // the server notices the closed socket as the process dies; no keepalive timeout is involved
    let attempt = await tryTakeLease({ dataDir: folder(), databaseUrl, face: 'server', version: 'test' });
    for (let i = 0; i < 100 && 'refused' in attempt; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      attempt = await tryTakeLease({ dataDir: folder(), databaseUrl, face: 'server', version: 'test' });
    }
    assert.ok('taken' in attempt, 'the database lease is free once the killed owner is gone');
    await attempt.taken.release();
  });
});
