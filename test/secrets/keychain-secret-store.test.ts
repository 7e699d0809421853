import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keychainUsable, secretServiceAvailable, type KeychainSecretStore } from '../../src-main/secrets/keychain-secret-store.ts';
import { startTestKeychain, type SecretServiceHandle } from '../support/secret-service.ts';

describe('KeychainSecretStore against a real Secret Service (gnome-keyring on a private D-Bus)', () => {
  let service: SecretServiceHandle | undefined;
  let skipReason: string | undefined;
  let store: KeychainSecretStore;

  before(async () => {
    const started = await startTestKeychain('keychain tests', `perpvol-test-${process.pid}`);
    if ('skipReason' in started) {
      skipReason = started.skipReason;
      return;
    }
    ({ service, keychain: store } = started);
  });

  after(async () => {
    await service?.stop();
  });

  it('round-trips an account secret and lists it', async (t) => {
    if (skipReason) return t.skip(skipReason);
    await store.set('acct-1', { apiKey: 'key-1234', apiSecret: 'super-secret-value' });
    assert.deepEqual(await store.get('acct-1'), { apiKey: 'key-1234', apiSecret: 'super-secret-value' });
    assert.deepEqual(await store.list(), ['acct-1']);
  });

  it('answers null for an account it never stored', async (t) => {
    if (skipReason) return t.skip(skipReason);
    assert.equal(await store.get('never-stored'), null);
  });

  it('overwrites on rotate and forgets on delete', async (t) => {
    if (skipReason) return t.skip(skipReason);
    await store.set('acct-2', { apiKey: 'old-key-1', apiSecret: 'old-secret-1' });
    await store.set('acct-2', { apiKey: 'new-key-2', apiSecret: 'new-secret-2' });
    assert.deepEqual(await store.get('acct-2'), { apiKey: 'new-key-2', apiSecret: 'new-secret-2' });
    await store.delete('acct-2');
    assert.equal(await store.get('acct-2'), null);
    assert.ok(!(await store.list()).includes('acct-2'));
  });

  it('is offered on Linux only while a Secret Service answers (never the in-memory keyutils fallback)', async (t) => {
    if (skipReason) return t.skip(skipReason);
    assert.equal(await secretServiceAvailable(service!.env), true);
    assert.equal(await keychainUsable('linux', service!.env), true);
    assert.equal(await keychainUsable('linux', { ...service!.env, DBUS_SESSION_BUS_ADDRESS: '' }), false);
    assert.equal(await keychainUsable('linux', { ...service!.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }), false);
  });
});
