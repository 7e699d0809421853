import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { chooseSecretStore } from '../../src-main/secrets/choose-secret-store.ts';
import { rejectsWithCode } from '../support/rejections.ts';

const KEY = 'correct horse battery staple';
const BYBIT = { apiKey: 'key-1', apiSecret: 'super-secret-value' };

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perpvol-secrets-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function storeAt(name: string, masterKey: string | undefined): EncryptedFileSecretStore {
  return new EncryptedFileSecretStore({ filePath: join(dir, name), masterKey });
}

describe('EncryptedFileSecretStore', () => {
  test('a secret written by one store is read back by another with the same key', async () => {
    await storeAt('roundtrip.json', KEY).set('acc-1', BYBIT);
    await storeAt('roundtrip.json', KEY).set('acc-2', { apiKey: 'k2', apiSecret: 's2' });
    const reader = storeAt('roundtrip.json', KEY);
    assert.deepEqual(await reader.get('acc-1'), BYBIT);
    assert.deepEqual(await reader.list(), ['acc-1', 'acc-2']);
    assert.equal(await reader.get('nobody'), null);
  });

  test('the file holds no secret in plain text and is readable by its owner only', async () => {
    await storeAt('plain.json', KEY).set('acc-1', BYBIT);
    const text = await readFile(join(dir, 'plain.json'), 'utf8');
    assert.ok(!text.includes(BYBIT.apiSecret));
    assert.ok(!text.includes(BYBIT.apiKey));
    if (process.platform !== 'win32') assert.equal((await stat(join(dir, 'plain.json'))).mode & 0o777, 0o600);
  });

  test('every write uses a fresh IV, so the same contents never encrypt the same way', async () => {
    const store = storeAt('iv.json', KEY);
    await store.set('acc-1', BYBIT);
    const first = JSON.parse(await readFile(join(dir, 'iv.json'), 'utf8')) as { iv: string; data: string };
    await store.set('acc-1', BYBIT);
    const second = JSON.parse(await readFile(join(dir, 'iv.json'), 'utf8')) as { iv: string; data: string };
    assert.notEqual(first.iv, second.iv);
    assert.notEqual(first.data, second.data);
  });

  test('delete removes one account and keeps the others', async () => {
    const store = storeAt('delete.json', KEY);
    await store.set('a', BYBIT);
    await store.set('b', BYBIT);
    await store.delete('a');
    await store.delete('never-there');
    assert.deepEqual(await store.list(), ['b']);
  });

  test('a wrong master key is refused with a clear error and the file is not overwritten', async () => {
    await storeAt('wrong.json', KEY).set('acc-1', BYBIT);
    const original = await readFile(join(dir, 'wrong.json'), 'utf8');
    const wrong = storeAt('wrong.json', 'not the key');
    const error = await rejectsWithCode(wrong.get('acc-1'), 'master_key_wrong');
    assert.match(error.message, /PERPVOL_MASTER_KEY/);
    await rejectsWithCode(wrong.set('acc-2', BYBIT), 'master_key_wrong');
    await rejectsWithCode(wrong.delete('acc-1'), 'master_key_wrong');
    assert.equal(await readFile(join(dir, 'wrong.json'), 'utf8'), original);
    assert.deepEqual(await storeAt('wrong.json', KEY).get('acc-1'), BYBIT);
  });

  test('a damaged file is reported as damaged and left as it was', async () => {
    await storeAt('corrupt.json', KEY).set('acc-1', BYBIT);
    const file = JSON.parse(await readFile(join(dir, 'corrupt.json'), 'utf8')) as { data: string };
    const bytes = Buffer.from(file.data, 'base64');
    bytes[0] = bytes[0]! ^ 0xff;
    const damaged = JSON.stringify({ ...file, data: bytes.toString('base64') });
    await writeFile(join(dir, 'corrupt.json'), damaged);
    const store = storeAt('corrupt.json', KEY);
    await rejectsWithCode(store.get('acc-1'), 'secret_store_corrupt');
    await rejectsWithCode(store.set('acc-2', BYBIT), 'secret_store_corrupt');
    assert.equal(await readFile(join(dir, 'corrupt.json'), 'utf8'), damaged);

    await writeFile(join(dir, 'garbage.json'), '{"half a file');
    await rejectsWithCode(storeAt('garbage.json', KEY).list(), 'secret_store_corrupt');
    assert.equal(await readFile(join(dir, 'garbage.json'), 'utf8'), '{"half a file');
  });

  test('without a master key, storing is refused clearly but reading an absent file is fine', async () => {
    const store = storeAt('nokey.json', undefined);
    assert.equal(await store.get('acc-1'), null);
    assert.deepEqual(await store.list(), []);
    const error = await rejectsWithCode(store.set('acc-1', BYBIT), 'secret_store_unavailable');
    assert.match(error.message, /PERPVOL_MASTER_KEY/);
    assert.ok(!(await readdir(dir)).includes('nokey.json'));
  });

  test('without a master key, an existing secrets file asks for the key', async () => {
    await storeAt('needs-key.json', KEY).set('acc-1', BYBIT);
    await rejectsWithCode(storeAt('needs-key.json', '').get('acc-1'), 'master_key_missing');
  });

  test('concurrent writes all land', async () => {
    const store = storeAt('concurrent.json', KEY);
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.set(`acc-${i}`, { apiKey: `k${i}`, apiSecret: `s${i}` })));
    assert.equal((await storeAt('concurrent.json', KEY).list()).length, 8);
    assert.ok(!(await readdir(dir)).some((name) => name.endsWith('.tmp')));
  });

  test('chooseSecretStore keeps the file in the data dir keyed by PERPVOL_MASTER_KEY', async () => {
    const { store } = await chooseSecretStore({ dataDir: join(dir, 'data'), env: { PERPVOL_MASTER_KEY: KEY }, probeKeychain: async () => false });
    assert.equal(store.kind, 'encrypted-file');
    await store.set('acc-1', BYBIT);
    assert.ok((await readdir(join(dir, 'data'))).includes('secrets.enc.json'));
    assert.match(store.describe(), /PERPVOL_MASTER_KEY/);
  });
});
