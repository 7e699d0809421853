/**
 * `npm run headless` as a user or a process manager runs it: SIGTERM sent to the npm process
 * (all that `docker stop`, a test harness or `kill <pid>` reaches) stops the server cleanly,
 * instead of leaving it running as an orphan that holds the port and the database.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_MASTER_KEY, TEST_TOKEN } from '../server/harness.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

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

  test('SIGTERM to the npm process stops the server cleanly and frees its port', async () => {
    const npm = spawn(NPM, ['run', '--silent', 'headless', '--', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO,
      env: { ...process.env, PERPVOL_API_TOKEN: TEST_TOKEN, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    npm.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const npmExit = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      npm.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      void npmExit.then((code) => reject(new Error(`npm exited with ${code} before listening:\n${stderr}`)));
    });
    assert.equal(await accepting(port), true);

    npm.kill('SIGTERM');
    await npmExit;
    // The server's own shutdown runs (closing the database) and then the port is free.
    for (let attempt = 0; attempt < 200 && (await accepting(port)); attempt++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await accepting(port), false, `the server still listens on ${port} after npm got SIGTERM:\n${stderr}`);
    assert.match(stderr, /SIGTERM: stopping/, 'the server ran its clean shutdown');
    // The listener closes before the database does: give the process the moment it needs to exit.
    for (let attempt = 0; attempt < 100 && processesUsing(dataDir).length > 0; attempt++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(processesUsing(dataDir), [], 'no server process is left behind');
  });
});
