import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adviceFor, adviceWhenAdding, isWithdrawalPermissionError } from '../../../src-renderer/src/lib/error-advice.ts';

describe('what to do about an error', () => {
  it('tells the user to replace a key that can withdraw', () => {
    assert.match(adviceFor('key_can_withdraw').action, /read-only key/);
    assert.equal(isWithdrawalPermissionError('key_can_withdraw'), true);
    assert.equal(isWithdrawalPermissionError('bybit_invalid_key'), false);
  });

  it('sends rejected keys back to the exchange and asks to re-enter them', () => {
    const advice = adviceFor('bybit_invalid_signature');
    assert.equal(advice.reenterCredentials, true);
    assert.match(advice.action, /add it again/);
  });

  it('while adding, asks to fix the key instead of removing an account that does not exist yet', () => {
    assert.match(adviceWhenAdding('invalid_signature') ?? '', /paste the key and secret again/);
    assert.doesNotMatch(adviceWhenAdding('invalid_signature') ?? '', /remove/);
    assert.match(adviceWhenAdding('key_can_withdraw') ?? '', /read-only key/);
    // The exchange could not answer: the message says it all; no second sentence repeating it.
    for (const code of ['exchange_unreachable', 'rate_limited', 'exchange_timeout', 'server_error']) assert.equal(adviceWhenAdding(code), undefined, code);
  });

  it('points clock errors at the clock and IP errors at the allow-list', () => {
    assert.match(adviceFor('bybit_timestamp_out_of_window').action, /clock/);
    assert.match(adviceFor('bybit_ip_not_allowed').action, /IP address/);
  });

  it('says the app will retry by itself for network trouble', () => {
    assert.match(adviceFor('exchange_unreachable').action, /retry/);
  });

  it('has a sensible fallback for codes it does not know', () => {
    assert.match(adviceFor('something_new').action, /Sync/);
  });
});

describe('what to do about a key on an existing account', () => {
  it('sends a keyed account to "Replace key" instead of removing it', async () => {
    const { adviceOnAccount } = await import('../../../src-renderer/src/lib/error-advice.ts');
    assert.match(adviceOnAccount('invalid_signature', true), /Replace key/);
    assert.doesNotMatch(adviceOnAccount('invalid_signature', true), /remove/);
    assert.match(adviceOnAccount('key_can_withdraw', true), /read-only key/);
    assert.match(adviceOnAccount('invalid_address', false), /address/);
    assert.match(adviceOnAccount('clock_skew', true), /clock/);
  });

  it('while replacing, asks to paste the key again or accept a withdraw-capable key knowingly', async () => {
    const { adviceWhenReplacing } = await import('../../../src-renderer/src/lib/error-advice.ts');
    assert.match(adviceWhenReplacing('invalid_signature'), /paste it again, and press Replace key/);
    assert.match(adviceWhenReplacing('key_can_withdraw'), /Replace anyway/);
    assert.match(adviceWhenReplacing('exchange_unreachable'), /retry/);
  });
});
