/**
 * The desktop app owns its data folder like the server does: beside a running `perpvol serve` it
 * tells the user who owns the folder and exits 1; alone, it holds the folder; if it loses the folder
 * while running it says so and quits. A lease that fails for another reason (the database module
 * will not load) is told as that, never as "already running". Real leases on a real folder; only
 * Electron's dialog and app.exit/quit are stand-ins.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DesktopLease } from '../../src-main/electron/desktop-lease.ts';
import { LOCK_FILE_NAME } from '../../src-main/lease/folder-lease.ts';
import { takeLease } from '../../src-main/lease/owner-lease.ts';
import { reportStartupFailure, STARTUP_LOG_FILE } from '../../src-main/electron/startup-failure.ts';
import BetterSqlite3 from 'better-sqlite3';

const root = mkdtempSync(join(tmpdir(), 'perpvol-desktop-lease-'));
after(() => rmSync(root, { recursive: true, force: true }));

function desktop(dataDir: string, checkEveryMs?: number, take?: () => ReturnType<typeof takeLease>) {
  const calls: { errors: [string, string][]; exits: number[]; quits: number } = { errors: [], exits: [], quits: 0 };
  const lease = new DesktopLease({
    take: take ?? (() => takeLease({ dataDir, face: 'desktop', version: 'test', ...(checkEveryMs ? { checkEveryMs } : {}) })),
    showErrorBox: (title, content) => void calls.errors.push([title, content]),
    quit: () => void (calls.quits += 1),
  });
  /** What main.ts does with a start that failed: dialog, log, exit. */
  const start = async () => {
    try {
      return await lease.acquire();
    } catch (error) {
      reportStartupFailure(error, {
        isPackaged: false,
        platform: 'linux',
        arch: 'x64',
        dataDir,
        fallbackLogDir: join(root, 'fallback-log'),
        showErrorBox: (title, content) => void calls.errors.push([title, content]),
        exit: (code) => void calls.exits.push(code),
      });
      return null;
    }
  };
  return { lease, calls, start };
}

describe('the desktop app’s hold on its data folder', () => {
  test('beside a running server it names the server and exits 1', async () => {
    const dataDir = join(root, 'beside-server');
    const server = await takeLease({ dataDir, face: 'server', version: 'test' });
    await server.announce({ url: 'http://127.0.0.1:7420' });
    try {
      const { start, calls } = desktop(dataDir);
      assert.equal(await start(), null);
      assert.deepEqual(calls.exits, [1]);
      const [[title, message]] = calls.errors as [[string, string]];
      assert.equal(title, 'Perpvol is already running on this data folder');
      assert.match(message, new RegExp(`in use by perpvol serve \\(pid ${process.pid}, since .* UTC, at http://127\\.0\\.0\\.1:7420\\)`));
    } finally {
      await server.release();
    }
  });

  test('a database module built for another ABI is told as that, with the command that builds the right one — not as "already running"', async () => {
    const dataDir = join(root, 'wrong-abi');
    // a file that is no loadable addon: dlopen refuses it the way it refuses another ABI's build
    const notAnAddon = join(root, 'not-an-addon.node');
    writeFileSync(notAnAddon, 'this is not a shared object');
    const { start, calls } = desktop(dataDir, undefined, async () => {
      new BetterSqlite3(':memory:', { nativeBinding: notAnAddon }).close();
      return takeLease({ dataDir, face: 'desktop', version: 'test' });
    });
    assert.equal(await start(), null);
    const [[title, message]] = calls.errors as [[string, string]];
    assert.equal(title, "Perpvol's database module will not load");
    assert.doesNotMatch(message, /already running/);
    assert.match(message, /not-an-addon\.node/);
    assert.match(message, /To fix it: Run `npm run native:electron` in the project folder/);
    assert.deepEqual(calls.exits, [2]);
    const log = readFileSync(join(dataDir, STARTUP_LOG_FILE), 'utf8');
    assert.match(log, /start-up failed \[native-module, exit 2\]/);
    assert.match(message, new RegExp(`Details are in ${join(dataDir, STARTUP_LOG_FILE).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  test('alone, it holds the folder until it lets go, and a server then starts', async () => {
    const dataDir = join(root, 'alone');
    const { lease, calls } = desktop(dataDir);
    const held = await lease.acquire();
    assert.ok(held);
    assert.deepEqual(calls, { errors: [], exits: [], quits: 0 });
    await assert.rejects(takeLease({ dataDir, face: 'server', version: 'test' }), /in use by the Perpvol desktop app/);
    await held.release();
    await (await takeLease({ dataDir, face: 'server', version: 'test' })).release();
  });

  test('losing the folder while running: it says so and quits', async () => {
    const dataDir = join(root, 'lost');
    const { lease, calls } = desktop(dataDir, 20);
    const held = await lease.acquire();
    const keepAlive = setInterval(() => undefined, 1_000);
    unlinkSync(join(dataDir, LOCK_FILE_NAME));
    while (calls.quits === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    clearInterval(keepAlive);
    assert.equal(calls.errors[0]?.[0], 'Perpvol stopped');
    assert.match(calls.errors[0]![1], /lost ownership of the data folder/);
    await held!.release();
  });
});
