import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SafeStorageSecretStore } from '../../src-main/secrets/safe-storage-secret-store.ts';
import { fakeSafeStorage } from './fixtures/fake-safe-storage.ts';

const file = () => join(mkdtempSync(join(tmpdir(), 'perpvol-safe-')), 'secrets.safe-storage.json');

describe('SafeStorageSecretStore (Electron safeStorage in the desktop app)', () => {
  it('stores credentials encrypted in a 0600 file, reads them back, lists and deletes them', async () => {
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
    const store = new SafeStorageSecretStore(fakeSafeStorage({ backend: 'basic_text' }), file(), 'linux');
    assert.equal(store.isSecure(), false);
    await assert.rejects(store.set('a', { apiKey: 'k', apiSecret: 's' }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'keychain_unavailable');
      assert.match(error.message, /gnome-keyring or KWallet/);
      return true;
    });
  });

  it('trusts the backend name only on Linux, and never when encryption is unavailable', () => {
    assert.equal(new SafeStorageSecretStore(fakeSafeStorage({ backend: 'basic_text' }), file(), 'darwin').isSecure(), true);
    assert.equal(new SafeStorageSecretStore(fakeSafeStorage({ available: false }), file(), 'win32').isSecure(), false);
  });

  it('says the key must be re-entered when another machine key cannot decrypt it, without the secret', async () => {
    const path = file();
    await new SafeStorageSecretStore(fakeSafeStorage({ machineKey: 7 }), path, 'linux').set('a1', { apiKey: 'k', apiSecret: 'secret-abc' });
    await assert.rejects(new SafeStorageSecretStore(fakeSafeStorage({ machineKey: 9 }), path, 'linux').get('a1'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'secret_undecryptable');
      assert.match(error.message, /Re-enter the account's key/);
      assert.ok(!error.message.includes('secret-abc'));
      return true;
    });
  });

  it('refuses to touch a damaged file and leaves it as it was', async () => {
    const path = file();
    const damaged = '{"version":1,"secrets":{"a1":"AAAA"';
    writeFileSync(path, damaged);
    const store = new SafeStorageSecretStore(fakeSafeStorage(), path, 'linux');
    await assert.rejects(store.set('a2', { apiKey: 'k', apiSecret: 's' }), (error: Error & { code?: string }) => error.code === 'secret_file_damaged' && /damaged/.test(error.message));
    await assert.rejects(store.delete('a1'), /damaged/);
    assert.equal(readFileSync(path, 'utf8'), damaged);
  });
});
