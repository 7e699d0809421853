import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPassphrase } from '../../../src-renderer/src/lib/passphrase.ts';

describe('passphrase dialog', () => {
  it('asks for a passphrase before sending anything', () => {
    assert.deepEqual(checkPassphrase({ passphrase: '', confirm: '', creating: false }), { passphrase: 'Type your passphrase.' });
    assert.deepEqual(checkPassphrase({ passphrase: '', confirm: '', creating: true }), { passphrase: 'Choose a passphrase.' });
  });

  it('accepts any existing passphrase as typed (the file decides whether it is right)', () => {
    assert.deepEqual(checkPassphrase({ passphrase: 'abc', confirm: '', creating: false }), {});
  });

  it('asks for a new passphrase of 8 characters or more, typed twice the same', () => {
    assert.match(checkPassphrase({ passphrase: 'short', confirm: 'short', creating: true })['passphrase'] ?? '', /at least 8/);
    assert.match(checkPassphrase({ passphrase: 'correct horse', confirm: 'correct hose', creating: true })['confirm'] ?? '', /differ/);
    assert.deepEqual(checkPassphrase({ passphrase: 'correct horse', confirm: 'correct horse', creating: true }), {});
  });
});
