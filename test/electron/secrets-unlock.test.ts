import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SECRETS_STATE_CHANNEL, SECRETS_UNLOCK_CHANNEL } from '../../src-shared/desktop-secrets.ts';
import type { IpcResult } from '../../src-shared/ipc-result.ts';
import { planDesktopSecrets, type DesktopSecretsPlan } from '../../src-main/electron/desktop-secrets-plan.ts';
import { SecretsUnlock } from '../../src-main/electron/secrets-unlock.ts';
import { EncryptedFileSecretStore, SECRETS_FILE_NAME } from '../../src-main/secrets/encrypted-file-store.ts';
import type { SafeStorageLike } from '../../src-main/secrets/safe-storage-secret-store.ts';
import type { SecretStore } from '../../src-main/secrets/secret-store.ts';
import { FakeIpcMain } from './fakes.ts';

const APP_URL = 'file:///app/out/renderer/index.html';
const dataDir = () => mkdtempSync(join(tmpdir(), 'perpvol-unlock-'));

function safeStorage({ backend = 'gnome_libsecret', available = true } = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(text, 'utf8').reverse(),
    decryptString: (data) => Buffer.from(data).reverse().toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

function gate(plan: DesktopSecretsPlan) {
  const ipc = new FakeIpcMain();
  const started: SecretStore[] = [];
  const unlock = new SecretsUnlock({ ipcMain: ipc, plan, appUrl: () => APP_URL, onUnlocked: async (store) => void started.push(store) });
  unlock.register();
  const call = (channel: string, payload?: unknown, from = APP_URL) => ipc.invoke(channel, payload, from) as Promise<IpcResult<unknown>>;
  return { ipc, unlock, started, call };
}

describe('where the desktop app keeps API secrets', () => {
  it('uses the OS keychain through safeStorage when it really encrypts', () => {
    assert.equal(planDesktopSecrets({ safeStorage: safeStorage(), platform: 'linux', dataDir: dataDir(), env: {} }).kind, 'safe-storage');
    assert.equal(planDesktopSecrets({ safeStorage: safeStorage({ backend: 'basic_text' }), platform: 'darwin', dataDir: dataDir(), env: {} }).kind, 'safe-storage');
  });

  it('tells a Linux user without a keyring why, and asks for a new passphrase instead of refusing', () => {
    const plan = planDesktopSecrets({ safeStorage: safeStorage({ backend: 'basic_text' }), platform: 'linux', dataDir: dataDir(), env: {} });
    assert.equal(plan.kind, 'passphrase');
    assert.ok(plan.kind === 'passphrase');
    assert.match(plan.reason, /no keyring.*basic_text.*gnome-keyring or KWallet/);
    assert.equal(plan.creating, true);
    assert.match(plan.filePath, new RegExp(`${SECRETS_FILE_NAME}$`));
  });

  it('asks for the existing passphrase when the encrypted file is already there', () => {
    const dir = dataDir();
    writeFileSync(join(dir, SECRETS_FILE_NAME), '{}');
    const plan = planDesktopSecrets({ safeStorage: safeStorage({ available: false }), platform: 'win32', dataDir: dir, env: {} });
    assert.ok(plan.kind === 'passphrase' && plan.creating === false);
    assert.match(plan.reason, /not available/);
  });

  it('uses PERPVOL_MASTER_KEY without asking when the user set it', () => {
    const plan = planDesktopSecrets({ safeStorage: safeStorage({ backend: 'basic_text' }), platform: 'linux', dataDir: dataDir(), env: { PERPVOL_MASTER_KEY: 'from the environment' } });
    assert.equal(plan.kind, 'master-key');
  });
});

describe('unlocking secrets with a passphrase (Electron-only IPC)', () => {
  it('reports "ready" at once when the OS keychain protects secrets', async () => {
    const plan = planDesktopSecrets({ safeStorage: safeStorage(), platform: 'linux', dataDir: dataDir(), env: {} });
    const { call } = gate(plan);
    assert.deepEqual(await call(SECRETS_STATE_CHANNEL), { ok: true, value: { state: 'ready' } });
  });

  it('starts the app with a store keyed by the new passphrase, and is ready from then on', async () => {
    const dir = dataDir();
    const plan = planDesktopSecrets({ safeStorage: safeStorage({ backend: 'basic_text' }), platform: 'linux', dataDir: dir, env: {} });
    const { call, started } = gate(plan);
    const before = (await call(SECRETS_STATE_CHANNEL)) as IpcResult<{ state: string; creating: boolean }>;
    assert.ok(before.ok && before.value.state === 'needs-passphrase' && before.value.creating);

    const short = await call(SECRETS_UNLOCK_CHANNEL, { passphrase: 'short' });
    assert.ok(!short.ok && short.error.code === 'passphrase_too_short');
    assert.equal(started.length, 0);

    assert.deepEqual(await call(SECRETS_UNLOCK_CHANNEL, { passphrase: 'correct horse battery' }), { ok: true, value: { state: 'ready' } });
    assert.equal(started.length, 1);
    await started[0]!.set('acc-1', { apiKey: 'K', apiSecret: 'S' });
    // The file really is keyed by that passphrase.
    assert.deepEqual(await new EncryptedFileSecretStore({ filePath: join(dir, SECRETS_FILE_NAME), masterKey: 'correct horse battery' }).get('acc-1'), { apiKey: 'K', apiSecret: 'S' });
    assert.deepEqual(await call(SECRETS_STATE_CHANNEL), { ok: true, value: { state: 'ready' } });
    // A second unlock does not start the app twice.
    assert.deepEqual(await call(SECRETS_UNLOCK_CHANNEL, { passphrase: 'anything' }), { ok: true, value: { state: 'ready' } });
    assert.equal(started.length, 1);
  });

  it('answers a wrong passphrase with a clear error, starts nothing and leaves the file alone', async () => {
    const dir = dataDir();
    const filePath = join(dir, SECRETS_FILE_NAME);
    await new EncryptedFileSecretStore({ filePath, masterKey: 'the right one' }).set('acc-1', { apiKey: 'K', apiSecret: 'S' });
    const plan = planDesktopSecrets({ safeStorage: safeStorage({ backend: 'basic_text' }), platform: 'linux', dataDir: dir, env: {} });
    const { call, started } = gate(plan);
    const wrong = await call(SECRETS_UNLOCK_CHANNEL, { passphrase: 'the wrong one' });
    assert.ok(!wrong.ok);
    assert.equal(wrong.error.code, 'passphrase_wrong');
    assert.match(wrong.error.message, /does not unlock .*Nothing was changed/);
    assert.ok(!wrong.error.message.includes('the wrong one'));
    assert.equal(started.length, 0);
    // Existing passphrases are not held to the new-passphrase length rule.
    assert.deepEqual(await call(SECRETS_UNLOCK_CHANNEL, { passphrase: 'the right one' }), { ok: true, value: { state: 'ready' } });
    assert.deepEqual(await started[0]!.get('acc-1'), { apiKey: 'K', apiSecret: 'S' });
  });

  it('shows the store’s own words for a damaged file', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, SECRETS_FILE_NAME), 'not json');
    const plan = planDesktopSecrets({ safeStorage: safeStorage({ backend: 'basic_text' }), platform: 'linux', dataDir: dir, env: {} });
    const result = await gate(plan).call(SECRETS_UNLOCK_CHANNEL, { passphrase: 'whatever it is' });
    assert.ok(!result.ok && result.error.code === 'secret_store_corrupt' && /damaged/.test(result.error.message));
  });

  it('validates the payload and refuses any frame but the app’s own page', async () => {
    const plan = planDesktopSecrets({ safeStorage: safeStorage({ backend: 'basic_text' }), platform: 'linux', dataDir: dataDir(), env: {} });
    const { call, started } = gate(plan);
    for (const payload of [undefined, {}, { passphrase: 42 }, { passphrase: 'x'.repeat(2000) }]) {
      const result = await call(SECRETS_UNLOCK_CHANNEL, payload);
      assert.ok(!result.ok && result.error.code === 'invalid_input', JSON.stringify(payload)?.slice(0, 40));
    }
    const foreign = await call(SECRETS_UNLOCK_CHANNEL, { passphrase: 'correct horse battery' }, 'https://evil.example/');
    assert.ok(!foreign.ok && foreign.error.code === 'untrusted_sender');
    const foreignState = await call(SECRETS_STATE_CHANNEL, undefined, 'https://evil.example/');
    assert.ok(!foreignState.ok);
    assert.equal(started.length, 0);
  });

  it('removes its handlers when disposed', () => {
    const { ipc, unlock } = gate(planDesktopSecrets({ safeStorage: safeStorage(), platform: 'linux', dataDir: dataDir(), env: {} }));
    unlock.dispose();
    assert.equal(ipc.handlers.size, 0);
  });
});
