import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chooseSecretStore } from '../../src-main/secrets/choose-secret-store.ts';
import { EncryptedFileSecretStore, SECRETS_FILE_NAME } from '../../src-main/secrets/encrypted-file-store.ts';
import type { KeychainSecretStore } from '../../src-main/secrets/keychain-secret-store.ts';
import { startTestKeychain, type SecretServiceHandle } from '../support/secret-service.ts';

const KEY = 'master key of the swap test';
const BYBIT = { apiKey: 'swap-key-0123456', apiSecret: 'swap-secret-abcdef-987' };
const CHILD = fileURLToPath(new URL('./fixtures/swap-then-crash.ts', import.meta.url));

describe('moving secrets between the encrypted file and a real OS keychain (gnome-keyring)', () => {
  let service: SecretServiceHandle | undefined;
  let skipReason: string | undefined;
  let root: string;
  let keychain: KeychainSecretStore;
  const keychainService = `perpvol-swap-test-${process.pid}`;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'perpvol-swap-'));
    const started = await startTestKeychain('store swap tests', keychainService);
    if ('skipReason' in started) {
      skipReason = started.skipReason;
      return;
    }
    ({ service, keychain } = started);
  });

  after(async () => {
    await service?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('a swap killed between writing the keychain and deleting the file loses nothing, and the next start finishes it', async (t) => {
    if (skipReason) return t.skip(skipReason);
    t.diagnostic('kill test without a seed: the kill point is fixed (the first file rename of the move)');
    const dataDir = join(root, 'crash');
    const filePath = join(dataDir, SECRETS_FILE_NAME);
    const file = new EncryptedFileSecretStore({ filePath, masterKey: KEY });
    await file.set('acc-1', BYBIT);

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, keychainService], {
      env: { ...service!.env, PERPVOL_MASTER_KEY: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    assert.equal(signal, 'SIGKILL', `the child must die mid-swap: ${output}`);

    // The instant of the crash: the secret is in both stores, never in neither.
    assert.deepEqual(await keychain.get('acc-1'), BYBIT);
    assert.deepEqual(await new EncryptedFileSecretStore({ filePath, masterKey: KEY }).get('acc-1'), BYBIT);

    const choice = await chooseSecretStore({ dataDir, env: { ...service!.env, PERPVOL_MASTER_KEY: KEY }, keychainService });
    assert.equal(choice.kind, 'os-keychain');
    assert.deepEqual(choice.migrated, ['acc-1']);
    assert.deepEqual(await choice.store.get('acc-1'), BYBIT);
    assert.ok(!existsSync(filePath), 'the file emptied by the finished move is removed');
    await keychain.delete('acc-1');
  });

  it('PERPVOL_SECRET_STORE=file moves this data dir’s secrets out of the keychain into the file, and back when unset', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const dataDir = join(root, 'reverse');
    await keychain.set('acc-2', BYBIT);
    const env = { ...service!.env, PERPVOL_MASTER_KEY: KEY };
    const toFile = await chooseSecretStore({ dataDir, env: { ...env, PERPVOL_SECRET_STORE: 'file' }, keychainService, accountIds: ['acc-2'] });
    assert.equal(toFile.kind, 'encrypted-file');
    assert.deepEqual(toFile.migrated, ['acc-2']);
    assert.equal(await keychain.get('acc-2'), null);
    assert.deepEqual(await toFile.store.get('acc-2'), BYBIT);

    const back = await chooseSecretStore({ dataDir, env, keychainService, accountIds: ['acc-2'] });
    assert.equal(back.kind, 'os-keychain');
    assert.deepEqual(back.migrated, ['acc-2']);
    assert.deepEqual(await keychain.get('acc-2'), BYBIT);
    await keychain.delete('acc-2');
  });
});
