/**
 * `npm run headless` as a user or a process manager runs it: SIGTERM sent to the npm process
 * (all that `docker stop`, a test harness or `kill <pid>` reaches) stops the server cleanly,
 * instead of leaving it running as an orphan that holds the port and the database. And the bundle
 * it runs carries the import worker as a file of its own, beside it.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TEST_MASTER_KEY, TEST_TOKEN } from '../server/harness.ts';
import { makeTempDir } from '../sync/fixtures/sync-harness.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = promisify(execFile);

/** Resolves true when something accepts connections on the port, false when refused. */
const accepting = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/** Processes whose command line names this test's private data dir (only ever ones this test started). */
function processesUsing(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dataDir)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

describe('npm run headless', { skip: process.platform !== 'linux' }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'perpvol-npm-headless-'));
  after(() => {
    for (const pid of processesUsing(dataDir)) process.kill(pid, 'SIGKILL'); // an orphan left by a failure
    rmSync(dataDir, { recursive: true, force: true });
  });

  // A hang guard, not a speed check: a server left running as an orphan keeps npm's output pipes open, so
  // the wait below would never end; this turns that into a failure instead of a stuck suite.
  test('SIGTERM to the npm process stops the server cleanly and frees its port', { timeout: 5 * 60_000 }, async () => {
    const npm = spawn(NPM, ['run', '--silent', 'headless', '--', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO,
      env: { ...process.env, PERPVOL_API_TOKEN: TEST_TOKEN, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    npm.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // 'close' comes once npm has exited AND every process holding its stdout/stderr has too: the shell
    // npm started and the server under it inherit both, so this is the moment the server itself is gone.
    const everyoneGone = new Promise<void>((resolve) => npm.once('close', () => resolve()));
    const port = await new Promise<number>((resolve, reject) => {
      npm.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      npm.once('exit', (code) => reject(new Error(`npm exited with ${code} before listening:\n${stderr}`)));
    });
    assert.equal(await accepting(port), true);
    assert.ok(processesUsing(dataDir).length >= 2, 'npm and the server it started are running');

    npm.kill('SIGTERM');
    await everyoneGone;
    // No time allowed for anything to settle: the server has exited, so these hold at once.
    assert.match(stderr, /SIGTERM: stopping/, 'the server ran its clean shutdown');
    assert.doesNotMatch(stderr, /SIGTERM again|shutdown failed/, stderr);
    assert.equal(await accepting(port), false, `something still listens on ${port} after the server exited:\n${stderr}`);
    assert.deepEqual(processesUsing(dataDir), [], 'no server process is left behind');
  });
});

// In this file, not a file of its own: test files run in parallel, and two builds of out/cli at once would race.
describe('the bundled CLI', () => {
  test('imports a CSV export through out/cli/import-worker.mjs', async () => {
    // `npm run headless` above built it; build it here only when this test runs alone
    if (!existsSync(join(REPO, 'out/cli/import-worker.mjs'))) await run(process.execPath, ['--import', 'tsx', 'build/headless.ts'], { cwd: REPO });
    assert.ok(existsSync(join(REPO, 'out/cli/import-worker.mjs')), 'the worker is bundled beside perpvol.mjs');
    const dir = await makeTempDir('perpvol-bundle-import-');
    try {
      const env = { ...process.env, PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: 'bundle test master key', PERPVOL_SECRET_STORE: 'file', PERPVOL_DATABASE_URL: '', PERPVOL_API_SECRET: 'secret' };
      const cli = (args: string[]) => run(process.execPath, [join(REPO, 'out/cli/perpvol.mjs'), ...args], { cwd: dir.path, env });
      const added = await cli(['accounts', 'add', '--exchange', 'bybit', '--label', 'b', '--api-key', 'k', '--no-validate', '--json']);
      const { id } = JSON.parse(added.stdout) as { id: string };
      const imported = await cli(['import', id, join(REPO, 'test/import/fixtures/bybit-usdt-perp-trade-history.csv'), '--json']);
      assert.deepEqual(JSON.parse(imported.stdout), {
        imported: 3, duplicates: 0, skipped: 1, days: ['2024-11-15', '2024-11-16'], from: '2024-11-15T23:30:00.000Z', to: '2024-11-16T22:59:00.000Z',
      });
    } finally {
      await dir.remove();
    }
  });
});
