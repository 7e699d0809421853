/**
 * The "done when": two servers on one data folder — the second refuses, naming the first;
 * the desktop app and a server exclude each other the same way; and 20 concurrent adds of one
 * exchange account give exactly one 201 (the rest 409), over real HTTP on loopback.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { takeLease } from '../../src-main/lease/owner-lease.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../sim/bybit/simulator.ts';
import { spawnServe, type ServeProcess } from '../support/serve-process.ts';
import { startTestServer, TEST_MASTER_KEY, TEST_TOKEN, type TestServer } from './harness.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(REPO, 'src-main/cli/main.ts');
const root = mkdtempSync(join(tmpdir(), 'perpvol-one-owner-'));
after(() => rmSync(root, { recursive: true, force: true }));
const env = { PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_API_TOKEN: TEST_TOKEN };

/** `perpvol serve` that is expected to refuse: resolves with its exit code and what it said. */
function serveUntilExit(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('one data folder, one owner', () => {
  test('a second `perpvol serve` on the same folder exits non-zero, naming the first: pid, face, since when, URL', async () => {
    const dataDir = join(root, 'two-servers');
    const first: ServeProcess = await spawnServe({ dataDir, env });
    try {
      const second = await serveUntilExit(dataDir);
      assert.equal(second.code, 1, second.stderr);
      assert.equal(second.stdout, '', 'the refused server never announces a listening line');
      assert.match(second.stderr, new RegExp(`in use by perpvol serve \\(pid ${first.child.pid}, since .* UTC, at ${first.url.replace(/[.]/g, '\\.')}\\)`));
      // the first is untouched and still answers
      const health = await fetch(`${first.url}/api/v1/health`);
      assert.equal(health.status, 200);
    } finally {
      assert.equal(await first.stop(), 0);
    }
    // once the first has stopped, the folder is free again
    const again = await spawnServe({ dataDir, env });
    assert.equal(await again.stop(), 0);
  });

  test('a server beside the desktop app on its folder refuses, naming the app', async () => {
    const dataDir = join(root, 'beside-desktop');
    const desktop = await takeLease({ dataDir, face: 'desktop', version: 'test' });
    try {
      const server = await serveUntilExit(dataDir);
      assert.equal(server.code, 1);
      assert.match(server.stderr, new RegExp(`in use by the Perpvol desktop app \\(pid ${process.pid}, since .* UTC\\)`));
    } finally {
      await desktop.release();
    }
  });
});

describe('an exchange account exists once', () => {
  let server: TestServer;
  let bybit: BybitSimulatorHandle;
  before(async () => {
    server = await startTestServer();
    bybit = await startBybitSimulator({ seed: 11, accounts: 1, fillsPerAccount: 20, days: 10, enforceRateLimits: false });
  });
  after(async () => {
    await server.close();
    await bybit.close();
  });

  const statuses = (answers: { status: number }[]): number[] => answers.map((a) => a.status).sort();
  const twentyTimes = <T>(make: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: 20 }, (_, i) => make(i)));

  test('20 concurrent adds of one Hyperliquid address: one 201, nineteen 409 account_exists', async () => {
    const address = `0x${'ab'.repeat(20)}`;
    const answers = await twentyTimes((i) =>
      server.call('POST', '/api/v1/accounts', { body: { exchange: 'hyperliquid', label: `copy ${i}`, credentials: { address }, validate: false } }),
    );
    assert.deepEqual(statuses(answers), [201, ...Array<number>(19).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409)) assert.equal(refused.json.error.code, 'account_exists');
    const listed = (await server.call('GET', '/api/v1/accounts')).json.accounts.filter((a: { exchange: string }) => a.exchange === 'hyperliquid');
    assert.equal(listed.length, 1);
  });

  test('20 concurrent adds of one Bybit account, checked with the exchange, each with its own key: one 201', async () => {
    const keys = Array.from({ length: 20 }, () => bybit.addKey(0, {}));
    const answers = await twentyTimes((i) =>
      server.call('POST', '/api/v1/accounts', { body: { exchange: 'bybit', label: `desk ${i}`, credentials: keys[i]!, baseUrl: bybit.baseUrl } }),
    );
    assert.deepEqual(statuses(answers), [201, ...Array<number>(19).fill(409)]);
    const refused = answers.find((a) => a.status === 409)!;
    const winner = answers.find((a) => a.status === 201)!.json;
    assert.match(refused.json.error.message, new RegExp(`already added as "${winner.label}" \\(id ${winner.id}\\)`));
    // the refused adds left no secret behind: only the winner's key is stored
    const listed = (await server.call('GET', '/api/v1/accounts')).json.accounts.filter((a: { exchange: string }) => a.exchange === 'bybit');
    assert.deepEqual(listed.map((a: { id: string }) => a.id), [winner.id]);
  });
});
