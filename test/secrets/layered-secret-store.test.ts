import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LayeredSecretStore } from '../../src-main/secrets/layered-secret-store.ts';
import type { SecretStore } from '../../src-main/secrets/secret-store.ts';

function memory(kind: string, locked = false): SecretStore & { entries: Map<string, Record<string, string>> } {
  const entries = new Map<string, Record<string, string>>();
  const guard = (): void => {
    if (locked) throw new Error(`${kind} is locked`);
  };
  return {
    kind,
    entries,
    describe: () => kind,
    get: async (id) => (guard(), entries.get(id) ?? null),
    set: async (id, value) => (guard(), void entries.set(id, value)),
    delete: async (id) => (guard(), void entries.delete(id)),
    list: async () => (guard(), [...entries.keys()]),
  };
}

describe('LayeredSecretStore', () => {
  it('reads the chosen store first, then the old one, and writes only the chosen one, dropping the old copy', async () => {
    const primary = memory('keychain');
    const fallback = memory('file');
    fallback.entries.set('a', { apiSecret: 'old' });
    const store = new LayeredSecretStore(primary, fallback);
    assert.equal(store.kind, 'keychain+file');
    assert.deepEqual(await store.get('a'), { apiSecret: 'old' });
    await store.set('a', { apiSecret: 'new' });
    assert.deepEqual(await store.get('a'), { apiSecret: 'new' });
    assert.equal(fallback.entries.has('a'), false);
    assert.deepEqual(await store.list(), ['a']);
  });

  it('removing deletes from both; a locked old store blocks it only when it may hold the secret', async () => {
    const primary = memory('keychain');
    primary.entries.set('in-primary', { apiSecret: 'x' });
    const store = new LayeredSecretStore(primary, memory('file', true));
    await store.delete('in-primary');
    assert.equal(primary.entries.has('in-primary'), false);
    await assert.rejects(store.delete('maybe-in-file'), /file is locked/);
  });
});
