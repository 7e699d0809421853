/**
 * Two processes adding accounts at once to one data folder used to lose secrets: each read the
 * secrets file, added its own, and the second rename dropped the first's. Every write now holds a
 * cross-process lock around its read-modify-write; these tests run real processes side by side.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { EncryptedFileSecretStore, SECRETS_FILE_NAME } from '../../src-main/secrets/encrypted-file-store.ts';
import { SAFE_STORAGE_FILE_NAME, SafeStorageSecretStore } from '../../src-main/secrets/safe-storage-secret-store.ts';
import { fakeSafeStorage } from './fixtures/fake-safe-storage.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WRITER = fileURLToPath(new URL('./fixtures/add-secrets.ts', import.meta.url));
const PER_PROCESS = 15;
const root = mkdtempSync(join(tmpdir(), 'perpvol-secret-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Starts the writers, waits until all are ready, releases them together, waits until all are done. */
async function writeFromProcesses(kind: 'encrypted' | 'safe-storage', filePath: string, prefixes: string[]): Promise<void> {
  const children: ChildProcess[] = [];
  const ready: Promise<void>[] = [];
  const done: Promise<void>[] = [];
  for (const prefix of prefixes) {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, kind, filePath, prefix, String(PER_PROCESS)], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    ready.push(new Promise((resolve) => child.stdout!.on('data', () => output.includes('ready') && resolve())));
    done.push(new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${prefix} exited ${code}:\n${output}`))))));
    children.push(child);
  }
  await Promise.all(ready);
  for (const child of children) child.stdin!.write('go\n');
  await Promise.all(done);
}

const expected = (prefixes: string[]): string[] => prefixes.flatMap((p) => Array.from({ length: PER_PROCESS }, (_, i) => `${p}-${i}`)).sort();

describe('secrets files written by several processes at once', () => {
  test('the encrypted file keeps every secret of 30 adds from two processes', async () => {
    const filePath = join(root, 'encrypted', SECRETS_FILE_NAME);
    await writeFromProcesses('encrypted', filePath, ['a', 'b']);
    const store = new EncryptedFileSecretStore({ filePath, masterKey: 'the lock test master key' });
    assert.deepEqual(await store.list(), expected(['a', 'b']));
    assert.deepEqual(await store.get('b-7'), { apiKey: 'b-key-7', apiSecret: 'b-secret-7' });
    if (process.platform !== 'win32') assert.equal(statSync(filePath).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(root, 'encrypted')).filter((name) => name.endsWith('.tmp')), [], 'no temp file left behind');
  });

  test('the desktop’s safeStorage file keeps every secret of 30 adds from two processes', async () => {
    const filePath = join(root, 'safe', SAFE_STORAGE_FILE_NAME);
    await writeFromProcesses('safe-storage', filePath, ['a', 'b']);
    const store = new SafeStorageSecretStore(fakeSafeStorage(), filePath, 'linux');
    assert.deepEqual(await store.list(), expected(['a', 'b']));
    assert.deepEqual(await store.get('a-14'), { apiKey: 'a-key-14', apiSecret: 'a-secret-14' });
  });
});
