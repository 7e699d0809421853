import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chooseSecretStore, type ChooseSecretStoreOptions } from '../../src-main/secrets/choose-secret-store.ts';
import { EncryptedFileSecretStore, SECRETS_FILE_NAME } from '../../src-main/secrets/encrypted-file-store.ts';
import { KeychainSecretStore } from '../../src-main/secrets/keychain-secret-store.ts';
import { memoryKeyring } from './fixtures/memory-keyring.ts';
import { rejectsWithCode } from '../support/rejections.ts';

const KEY = 'a long master key for these tests';
const BYBIT = { apiKey: 'bybit-key-000111', apiSecret: 'bybit-secret-value-1' };
const WOOX = { apiKey: 'woox-key-000222', apiSecret: 'woox-secret-value-2' };

let root: string;
let counter = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'perpvol-choose-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh data dir, a fresh in-memory keychain, and options for chooseSecretStore over them. */
function setup(env: NodeJS.ProcessEnv, keychain: 'available' | 'absent' = 'available') {
  const dataDir = join(root, `data-${++counter}`);
  const keyring = memoryKeyring();
  const options = (extra: Partial<ChooseSecretStoreOptions> = {}): ChooseSecretStoreOptions => ({
    dataDir,
    env,
    probeKeychain: async () => keychain === 'available',
    loadKeyring: async () => keyring,
    ...extra,
  });
  const file = (masterKey: string | undefined = KEY) => new EncryptedFileSecretStore({ filePath: join(dataDir, SECRETS_FILE_NAME), masterKey });
  const keychainStore = new KeychainSecretStore(keyring);
  return { dataDir, keyring, options, file, keychainStore, filePath: join(dataDir, SECRETS_FILE_NAME) };
}

describe('chooseSecretStore', () => {
  test('uses the OS keychain when one persists', async () => {
    const { options } = setup({ PERPVOL_MASTER_KEY: KEY });
    const choice = await chooseSecretStore(options());
    assert.equal(choice.kind, 'os-keychain');
    assert.equal(choice.keychainAvailable, true);
    assert.match(choice.reason, /an OS keychain is available/);
  });

  test('without a keychain uses the encrypted file when PERPVOL_MASTER_KEY is set', async () => {
    const { options } = setup({ PERPVOL_MASTER_KEY: KEY }, 'absent');
    const choice = await chooseSecretStore(options());
    assert.equal(choice.kind, 'encrypted-file');
    assert.equal(choice.keychainAvailable, false);
    assert.match(choice.reason, /PERPVOL_MASTER_KEY is set/);
    await choice.store.set('acc-1', BYBIT);
    assert.deepEqual(await choice.store.get('acc-1'), BYBIT);
  });

  test('a keychain whose native library cannot load is not used', async () => {
    const { options } = setup({ PERPVOL_MASTER_KEY: KEY });
    const choice = await chooseSecretStore(options({ loadKeyring: async () => null }));
    assert.equal(choice.kind, 'encrypted-file');
    assert.match(choice.reason, /could not be loaded/);
  });

  test('with neither, refuses to store with a message saying how to fix it, and reads nothing', async () => {
    const { options, dataDir } = setup({}, 'absent');
    const choice = await chooseSecretStore(options());
    assert.equal(choice.kind, 'none');
    assert.equal(await choice.store.get('acc-1'), null);
    assert.deepEqual(await choice.store.list(), []);
    const error = await rejectsWithCode(choice.store.set('acc-1', BYBIT), 'secret_store_unavailable');
    assert.match(error.message, /no OS keychain and no PERPVOL_MASTER_KEY: set PERPVOL_MASTER_KEY=.* or run under a desktop session/);
    assert.ok(!existsSync(join(dataDir, SECRETS_FILE_NAME)));
  });

  test('without a keychain or key, an existing secrets file is kept and says the key is needed', async () => {
    const { options, file } = setup({}, 'absent');
    await file().set('acc-1', BYBIT);
    const choice = await chooseSecretStore(options());
    assert.equal(choice.kind, 'encrypted-file');
    assert.match(choice.reason, /PERPVOL_MASTER_KEY is not set/);
    await rejectsWithCode(choice.store.get('acc-1'), 'master_key_missing');
  });

  test('PERPVOL_SECRET_STORE=file forces the file even with a keychain; =keychain without one is a clear error', async () => {
    const forced = setup({ PERPVOL_MASTER_KEY: KEY, PERPVOL_SECRET_STORE: 'file' });
    assert.equal((await chooseSecretStore(forced.options())).kind, 'encrypted-file');
    const missing = setup({ PERPVOL_SECRET_STORE: 'keychain' }, 'absent');
    const error = await rejectsWithCode(chooseSecretStore(missing.options()), 'keychain_unavailable');
    assert.match(error.message, /PERPVOL_SECRET_STORE=keychain, but no OS keychain is available/);
    const wrong = setup({ PERPVOL_SECRET_STORE: 'vault' });
    await rejectsWithCode(chooseSecretStore(wrong.options()), 'invalid_secret_store');
  });

  test('moves secrets from the file into a keychain that became available, then removes the emptied file', async () => {
    const { options, file, filePath, keychainStore } = setup({ PERPVOL_MASTER_KEY: KEY });
    await file().set('acc-1', BYBIT);
    await file().set('acc-2', WOOX);
    const choice = await chooseSecretStore(options());
    assert.equal(choice.kind, 'os-keychain');
    assert.deepEqual(choice.migrated.sort(), ['acc-1', 'acc-2']);
    assert.match(choice.reason, /moved 2 secret\(s\) from .*secrets\.enc\.json/);
    assert.deepEqual(await keychainStore.get('acc-1'), BYBIT);
    assert.deepEqual(await choice.store.get('acc-2'), WOOX);
    assert.ok(!existsSync(filePath), 'the emptied file is gone');
    // A second start finds nothing left to move.
    const again = await chooseSecretStore(options());
    assert.deepEqual(again.migrated, []);
  });

  test('moves only this data dir’s secrets out of the shared keychain into the file', async () => {
    const { options, file, keychainStore } = setup({ PERPVOL_MASTER_KEY: KEY, PERPVOL_SECRET_STORE: 'file' });
    await keychainStore.set('mine', BYBIT);
    await keychainStore.set('other-data-dir', WOOX);
    const choice = await chooseSecretStore(options({ accountIds: ['mine'] }));
    assert.equal(choice.kind, 'encrypted-file');
    assert.deepEqual(choice.migrated, ['mine']);
    assert.deepEqual(await file().get('mine'), BYBIT);
    assert.equal(await keychainStore.get('mine'), null);
    assert.deepEqual(await keychainStore.get('other-data-dir'), WOOX, 'another data dir’s secret is left alone');
  });

  test('when the file cannot be read (no key), both stay in use: new secrets go to the keychain, old ones say what is missing', async () => {
    const { options, file, filePath, keychainStore } = setup({});
    await file().set('old', BYBIT);
    const before = await readFile(filePath);
    const choice = await chooseSecretStore(options());
    assert.equal(choice.kind, 'os-keychain+encrypted-file');
    assert.match(choice.reason, /cannot be read now .*PERPVOL_MASTER_KEY is not set/);
    await choice.store.set('new', WOOX);
    assert.deepEqual(await keychainStore.get('new'), WOOX);
    await rejectsWithCode(choice.store.get('old'), 'master_key_missing');
    assert.deepEqual(await readFile(filePath), before, 'the file is untouched');
    // With the key set, the next start finishes the move.
    const later = await chooseSecretStore(options({ env: { PERPVOL_MASTER_KEY: KEY } }));
    assert.equal(later.kind, 'os-keychain');
    assert.deepEqual(later.migrated, ['old']);
    assert.deepEqual(await later.store.get('old'), BYBIT);
  });

  test('a wrong master key is a clear error and overwrites nothing', async () => {
    const { options, file, filePath } = setup({ PERPVOL_MASTER_KEY: 'not the key it was written with' });
    await file().set('old', BYBIT);
    const before = await readFile(filePath);
    const choice = await chooseSecretStore(options());
    assert.match(choice.reason, /does not unlock/);
    const error = await rejectsWithCode(choice.store.get('old'), 'master_key_wrong');
    assert.match(error.message, /nothing was changed/);
    await choice.store.set('new', WOOX);
    assert.deepEqual(await readFile(filePath), before);
  });

  test('a corrupted file is a clear error and nothing in it is lost', async () => {
    const { options, filePath, dataDir } = setup({ PERPVOL_MASTER_KEY: KEY }, 'absent');
    await new EncryptedFileSecretStore({ filePath, masterKey: KEY }).set('acc-1', BYBIT);
    const damaged = (await readFile(filePath, 'utf8')).replace(/"data": "(.)/, (_m, c: string) => `"data": "${c === 'A' ? 'B' : 'A'}`);
    await writeFile(filePath, damaged);
    const choice = await chooseSecretStore(options());
    const error = await rejectsWithCode(choice.store.get('acc-1'), 'secret_store_corrupt');
    assert.match(error.message, /left it untouched/);
    await rejectsWithCode(choice.store.set('acc-2', WOOX), 'secret_store_corrupt');
    assert.equal(await readFile(filePath, 'utf8'), damaged);
    assert.ok(existsSync(dataDir));
  });

  test('a conflicting copy stops the move without losing either; reads prefer the chosen store', async () => {
    const { options, file, keychainStore } = setup({ PERPVOL_MASTER_KEY: KEY });
    await file().set('acc-1', { apiKey: 'bybit-key-000111', apiSecret: 'stale-secret-000' });
    await keychainStore.set('acc-1', BYBIT);
    const choice = await chooseSecretStore(options());
    assert.equal(choice.kind, 'os-keychain+encrypted-file');
    assert.match(choice.reason, /moving secrets from .* stopped .*different credentials/);
    assert.deepEqual(await choice.store.get('acc-1'), BYBIT);
    // Writing the account's key again (rotate) drops the stale copy, and the next start is clean.
    await choice.store.set('acc-1', BYBIT);
    assert.equal(await file().get('acc-1'), null);
    assert.equal((await chooseSecretStore(options())).kind, 'os-keychain');
  });

  test('PERPVOL_SECRET_STORE=file without a master key keeps secrets in the keychain and says so', async () => {
    const { options, keychainStore } = setup({ PERPVOL_SECRET_STORE: 'file' });
    await keychainStore.set('acc-1', BYBIT);
    const choice = await chooseSecretStore(options({ accountIds: ['acc-1'] }));
    assert.equal(choice.kind, 'os-keychain');
    assert.match(choice.reason, /cannot take secrets \(PERPVOL_MASTER_KEY is not set\); keeping the 1 secret\(s\) in the OS keychain/);
    assert.deepEqual(await choice.store.get('acc-1'), BYBIT);
  });
});
