import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldForError } from '../../../src-renderer/src/lib/credential-errors.ts';
import { served } from './served-exchanges.ts';

describe('credential errors beside their field', () => {
  it('puts a wrong Bybit secret next to the secret and an unknown key next to the key', () => {
    assert.equal(fieldForError(served('bybit'), 'invalid_signature'), 'apiSecret');
    assert.equal(fieldForError(served('bybit'), 'invalid_api_key'), 'apiKey');
    assert.equal(fieldForError(served('bybit'), 'api_key_expired'), 'apiKey');
  });

  it('puts a Paradex key problem next to the private key and an unknown account next to the address', () => {
    assert.equal(fieldForError(served('paradex'), 'paradex_invalid_signature'), 'privateKey');
    assert.equal(fieldForError(served('paradex'), 'paradex_unknown_account'), 'address');
    assert.equal(fieldForError(served('paradex'), 'paradex_token_revoked'), 'readonlyToken');
    assert.equal(fieldForError(served('paradex'), 'paradex_token_expired'), 'readonlyToken');
  });

  it('keeps form-wide problems (clock, IP, withdraw permission, other account) for the whole form', () => {
    for (const code of ['clock_skew', 'ip_not_whitelisted', 'key_can_withdraw', 'credentials_other_account', 'exchange_unavailable']) {
      assert.equal(fieldForError(served('bybit'), code), null, code);
    }
  });

  it('never points at a field the exchange’s form does not have', () => {
    assert.equal(fieldForError(served('hyperliquid'), 'invalid_signature'), null);
    assert.equal(fieldForError(served('woox'), 'paradex_invalid_private_key'), null);
  });
});
