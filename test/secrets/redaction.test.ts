import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactingSecretStore } from '../../src-main/secrets/redacting-secret-store.ts';
import { SecretRedactor } from '../../src-main/secrets/redaction.ts';

describe('SecretRedactor', () => {
  it('hides every registered secret in text and in nested values', () => {
    const redactor = new SecretRedactor();
    redactor.registerCredentials({ apiKey: 'AKIA-visible-key', apiSecret: 'xYz+/secret==' }, ['apiSecret']);
    assert.equal(redactor.redact('signing with xYz+/secret== failed'), 'signing with [redacted] failed');
    assert.deepEqual(redactor.redactValue({ error: { message: 'bad xYz+/secret==', key: 'AKIA-visible-key' } }), {
      error: { message: 'bad [redacted]', key: 'AKIA-visible-key' },
    });
  });

  it('hides the longest match first so a secret containing another is not half-shown', () => {
    const redactor = new SecretRedactor();
    redactor.register('abcdef', 'abcdef123456');
    assert.equal(redactor.redact('x abcdef123456 y'), 'x [redacted] y');
  });

  it('ignores values too short to be secrets, which would shred ordinary text', () => {
    const redactor = new SecretRedactor();
    redactor.register('abc', '', undefined);
    assert.equal(redactor.redact('abc'), 'abc');
  });

  it('hides a secret holding quotes or backslashes inside nested values, which a JSON-text pass would miss', () => {
    const redactor = new SecretRedactor();
    redactor.register('se"cr\\et-42');
    const value = { error: { message: 'echo: se"cr\\et-42', list: ['se"cr\\et-42'] }, n: 1, ok: true, nothing: null };
    assert.deepEqual(redactor.redactValue(value), { error: { message: 'echo: [redacted]', list: ['[redacted]'] }, n: 1, ok: true, nothing: null });
  });

  it('registers what passes through the secret store, on read and on write', async () => {
    const registry = new SecretRedactor();
    const backing = new Map<string, Record<string, string>>([['a', { apiKey: 'read-key-123456', apiSecret: 'read-secret-123456' }]]);
    const store = redactingSecretStore(
      {
        kind: 'memory',
        describe: () => 'memory',
        get: async (id) => backing.get(id) ?? null,
        set: async (id, value) => void backing.set(id, value),
        delete: async (id) => void backing.delete(id),
        list: async () => [...backing.keys()],
      },
      registry,
    );
    await store.get('a');
    await store.set('b', { address: '0xabc', privateKey: '0x1234567890abcdef' });
    assert.equal(registry.redact('read-secret-123456 read-key-123456 0x1234567890abcdef 0xabc'), '[redacted] [redacted] [redacted] 0xabc');
  });
});
