import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { migrateSecrets } from '../../src-main/secrets/migrate-secrets.ts';
import type { SecretStore } from '../../src-main/secrets/secret-store.ts';

class MemoryStore implements SecretStore {
  readonly entries = new Map<string, Record<string, string>>();
  failDeleteOnce = false;
  constructor(readonly kind: string) {}
  describe(): string {
    return this.kind;
  }
  async get(id: string) {
    return this.entries.get(id) ?? null;
  }
  async set(id: string, value: Record<string, string>) {
    this.entries.set(id, { ...value });
  }
  async delete(id: string) {
    if (this.failDeleteOnce) {
      this.failDeleteOnce = false;
      throw new Error('process killed between write and delete');
    }
    this.entries.delete(id);
  }
  async list() {
    return [...this.entries.keys()];
  }
}

describe('migrateSecrets', () => {
  it('moves every secret and deletes the old copy only after the new one reads back', async () => {
    const from = new MemoryStore('file');
    const to = new MemoryStore('keychain');
    await from.set('a', { apiKey: 'k1', apiSecret: 's1' });
    await from.set('b', { address: '0xabc', privateKey: '0x1' });
    const result = await migrateSecrets(from, to);
    assert.deepEqual(result.moved.sort(), ['a', 'b']);
    assert.equal(from.entries.size, 0);
    assert.deepEqual(await to.get('b'), { address: '0xabc', privateKey: '0x1' });
  });

  it('recovers from a crash between writing the new copy and deleting the old one', async () => {
    const from = new MemoryStore('file');
    const to = new MemoryStore('keychain');
    await from.set('a', { apiKey: 'k1', apiSecret: 's1' });
    from.failDeleteOnce = true;
    await assert.rejects(migrateSecrets(from, to), /killed/);
    assert.ok(from.entries.has('a') && to.entries.has('a'), 'the secret exists in at least one store at every instant');
    const result = await migrateSecrets(from, to);
    assert.deepEqual(result.alreadyMoved, ['a']);
    assert.equal(from.entries.size, 0);
    assert.deepEqual(await to.get('a'), { apiKey: 'k1', apiSecret: 's1' });
  });

  it('never overwrites a different secret already in the target', async () => {
    const from = new MemoryStore('file');
    const to = new MemoryStore('keychain');
    await from.set('a', { apiKey: 'k1', apiSecret: 'old' });
    await to.set('a', { apiKey: 'k1', apiSecret: 'new' });
    await assert.rejects(migrateSecrets(from, to), (error: Error & { code?: string }) => error.code === 'secret_migration_conflict');
    assert.deepEqual(await from.get('a'), { apiKey: 'k1', apiSecret: 'old' });
    assert.deepEqual(await to.get('a'), { apiKey: 'k1', apiSecret: 'new' });
  });
});
