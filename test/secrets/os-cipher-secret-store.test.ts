import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OS_CIPHER_FILE, OsCipherSecretStore, type OsStringCipher } from '../../src-main/secrets/os-cipher-secret-store.ts';

/** Stands in for Electron's safeStorage: a reversible transform keyed per "machine". */
function fakeSafeStorage(machineKey: number): OsStringCipher {
  const shift = (buffer: Buffer, by: number): Buffer => Buffer.from(buffer.map((byte) => (byte + by) & 0xff));
  return {
    encryptString: (plain) => Buffer.concat([Buffer.from([machineKey]), shift(Buffer.from(plain, 'utf8'), machineKey)]),
    decryptString: (encrypted) => {
      if (encrypted[0] !== machineKey) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString');
      return shift(encrypted.subarray(1), -machineKey).toString('utf8');
    },
  };
}

describe('OsCipherSecretStore (Electron safeStorage in the desktop app)', () => {
  it('round-trips secrets through a 0600 file that holds no plain text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perpvol-oscipher-'));
    const store = new OsCipherSecretStore(fakeSafeStorage(7), dir);
    await store.set('a1', { apiKey: 'AKEY123456', apiSecret: 'plain-secret-xyz' });
    assert.deepEqual(await store.get('a1'), { apiKey: 'AKEY123456', apiSecret: 'plain-secret-xyz' });
    const raw = await readFile(join(dir, OS_CIPHER_FILE), 'utf8');
    assert.ok(!raw.includes('plain-secret-xyz'));
    assert.equal((await stat(join(dir, OS_CIPHER_FILE))).mode & 0o777, 0o600);
    assert.deepEqual(await store.list(), ['a1']);
    await store.delete('a1');
    assert.equal(await store.get('a1'), null);
  });

  it('says the key must be re-entered when another machine key cannot decrypt it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perpvol-oscipher-'));
    await new OsCipherSecretStore(fakeSafeStorage(7), dir).set('a1', { apiKey: 'k', apiSecret: 'secret-abc' });
    await assert.rejects(new OsCipherSecretStore(fakeSafeStorage(9), dir).get('a1'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'secret_undecryptable');
      assert.match(error.message, /Re-enter/);
      assert.ok(!error.message.includes('secret-abc'));
      return true;
    });
  });

  it('refuses to touch a damaged file and leaves it as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perpvol-oscipher-'));
    const path = join(dir, OS_CIPHER_FILE);
    await writeFile(path, '{"version":1,"entries":{"a1":"AAAA"');
    const store = new OsCipherSecretStore(fakeSafeStorage(7), dir);
    await assert.rejects(store.set('a2', { apiKey: 'k', apiSecret: 's' }), /damaged/);
    assert.equal(await readFile(path, 'utf8'), '{"version":1,"entries":{"a1":"AAAA"');
  });
});
