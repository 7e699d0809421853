import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeychainSecretStore, keychainUsable, loadKeyring, secretServiceAvailable } from '../../src-main/secrets/keychain-secret-store.ts';
import { startSecretService, type SecretServiceHandle } from '../support/secret-service.ts';

describe('KeychainSecretStore against a real Secret Service (gnome-keyring on a private D-Bus)', () => {
  let service: SecretServiceHandle | undefined;
  let skipReason: string | undefined;
  let store: KeychainSecretStore;

  before(async () => {
    const started = await startSecretService();
    if ('unavailable' in started) {
      if (process.env.CI) throw new Error(`CI must run the keychain tests: ${started.unavailable}`);
      skipReason = `NO SECRET SERVICE — keychain tests skipped: ${started.unavailable}`;
      console.warn(`\n*** ${skipReason} ***\n`);
      return;
    }
    service = started;
    // The native keyring connects to the bus named in this process's environment.
    process.env.DBUS_SESSION_BUS_ADDRESS = started.env.DBUS_SESSION_BUS_ADDRESS;
    const keyring = await loadKeyring();
    assert.ok(keyring, '@napi-rs/keyring must load');
    store = new KeychainSecretStore(keyring, `perpvol-test-${process.pid}`);
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
