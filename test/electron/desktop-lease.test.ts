/**
 * The desktop app owns its data folder like the server does: beside a running `perpvol serve` it
 * tells the user who owns the folder and exits 1; alone, it holds the folder; if it loses the folder
 * while running it says so and quits. Real leases on a real folder; only Electron's dialog and
 * app.exit/quit are stand-ins.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DesktopLease } from '../../src-main/electron/desktop-lease.ts';
import { LOCK_FILE_NAME } from '../../src-main/lease/folder-lease.ts';
import { takeLease } from '../../src-main/lease/owner-lease.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-desktop-lease-'));
after(() => rmSync(root, { recursive: true, force: true }));

function desktop(dataDir: string, checkEveryMs?: number) {
  const calls: { errors: [string, string][]; exits: number[]; quits: number } = { errors: [], exits: [], quits: 0 };
  const lease = new DesktopLease({
    take: () => takeLease({ dataDir, face: 'desktop', version: 'test', ...(checkEveryMs ? { checkEveryMs } : {}) }),
    showErrorBox: (title, content) => void calls.errors.push([title, content]),
    exit: (code) => void calls.exits.push(code),
    quit: () => void (calls.quits += 1),
  });
  return { lease, calls };
}

describe('the desktop app’s hold on its data folder', () => {
  test('beside a running server it names the server and exits 1', async () => {
    const dataDir = join(root, 'beside-server');
    const server = await takeLease({ dataDir, face: 'server', version: 'test' });
    await server.announce({ url: 'http://127.0.0.1:7420' });
    try {
      const { lease, calls } = desktop(dataDir);
      assert.equal(await lease.acquire(), null);
      assert.deepEqual(calls.exits, [1]);
      const [[title, message]] = calls.errors as [[string, string]];
      assert.equal(title, 'Perpvol is already running on this data folder');
      assert.match(message, new RegExp(`in use by perpvol serve \\(pid ${process.pid}, since .* UTC, at http://127\\.0\\.0\\.1:7420\\)`));
    } finally {
      await server.release();
    }
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
