import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
});
