import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../src-main/electron/safe-storage-secret-store.ts';

/** Stands in for the OS keychain key: reversible, and visibly not plain text. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}
const file = () => join(mkdtempSync(join(tmpdir(), 'perpvol-safe-')), 'secrets.json');

describe('SafeStorageSecretStore', () => {
  it('stores credentials encrypted, reads them back, lists and deletes them', async () => {
    const path = file();
    const store = new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux');
    await store.set('acc-1', { apiKey: 'KEY123', apiSecret: 'SECRET456' });
    const onDisk = readFileSync(path, 'utf8');
    assert.ok(!onDisk.includes('SECRET456') && !onDisk.includes('KEY123'));
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(await new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux').get('acc-1'), { apiKey: 'KEY123', apiSecret: 'SECRET456' });
    assert.deepEqual(await store.list(), ['acc-1']);
    await store.delete('acc-1');
    assert.equal(await store.get('acc-1'), null);
  });

  it('refuses to store a secret when Linux has no keyring (basic_text) and says what to do', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage('basic_text'), file(), 'linux');
    assert.equal(store.isSecure(), false);
    await assert.rejects(store.set('a', { apiKey: 'k', apiSecret: 's' }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'keychain_unavailable');
      assert.match(error.message, /gnome-keyring or KWallet/);
      return true;
    });
  });
});
