import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashWithoutToken, tokenFromHash, TokenStore } from '../../../src-renderer/src/api/token.ts';

describe('API token in the browser', () => {
  it('takes the token from the link the server prints', () => {
    assert.equal(tokenFromHash('#token=abc%2Bdef'), 'abc+def');
    assert.equal(tokenFromHash('#/fills&token=xyz'), 'xyz');
    assert.equal(tokenFromHash('#/daily?range=1y&token=t%2Fok'), 't/ok');
    assert.equal(tokenFromHash('#/fills'), null);
  });

  it('removes the token from the address bar but keeps the page', () => {
    assert.equal(hashWithoutToken('#token=abc'), '');
    assert.equal(hashWithoutToken('#/fills&token=abc'), '#/fills');
    assert.equal(hashWithoutToken('#/daily?range=1y&token=abc&group=underlying'), '#/daily?range=1y&group=underlying');
  });

  it('remembers the token until forgotten', () => {
    const map = new Map<string, string>();
    const store = new TokenStore({ getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) });
    store.set('  tok  ');
    assert.equal(store.get(), 'tok');
    store.clear();
    assert.equal(store.get(), null);
  });
});
