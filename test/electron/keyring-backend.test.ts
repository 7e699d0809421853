/**
 * On Linux the app chooses safeStorage's keyring itself, before ready, from what answers on the
 * session D-Bus — not from XDG_CURRENT_DESKTOP, from which Chromium would give i3, sway or Hyprland
 * the "basic_text" fixed key although gnome-keyring runs. A real dbus-daemon with gnome-keyring
 * where the machine has them; the remembered choice is a real file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chooseKeyringBackend, passwordStoreOfBackend, readRememberedBackend, rememberBackend } from '../../src-main/electron/keyring-backend.ts';
import { sessionBus, type SessionBus } from '../../src-main/electron/session-bus.ts';
import { underCi } from '../support/required-service.ts';
import { startSecretService, type SecretServiceHandle } from '../support/secret-service.ts';

const fakeBus = (owned: string[], activatable: string[] = []): SessionBus => ({ hasOwner: (name) => owned.includes(name), activatable: () => activatable });
const choose = (bus: SessionBus, more: { argv?: string[]; remembered?: 'kwallet5' | null; platform?: NodeJS.Platform } = {}) =>
  chooseKeyringBackend({ platform: more.platform ?? 'linux', argv: more.argv ?? ['/opt/Perpvol/perpvol'], bus, remembered: more.remembered ?? null });

describe('choosing the Linux keyring before ready', () => {
  it('uses the Secret Service when one runs or D-Bus can start one, else KWallet, else leaves Chromium its choice', () => {
    assert.equal(choose(fakeBus(['org.freedesktop.secrets'])).passwordStore, 'gnome-libsecret');
    assert.equal(choose(fakeBus([], ['org.freedesktop.secrets'])).passwordStore, 'gnome-libsecret');
    assert.equal(choose(fakeBus(['org.kde.kwalletd6'])).passwordStore, 'kwallet6');
    assert.equal(choose(fakeBus(['org.kde.kwalletd5'])).passwordStore, 'kwallet5');
    const none = choose(fakeBus([]));
    assert.equal(none.passwordStore, null);
    assert.match(none.found, /no Secret Service .* on the session D-Bus/);
  });

  it('keeps the backend that holds the key, respects --password-store, and does nothing off Linux', () => {
    assert.equal(choose(fakeBus(['org.freedesktop.secrets']), { remembered: 'kwallet5' }).passwordStore, 'kwallet5');
    assert.equal(choose(fakeBus(['org.freedesktop.secrets']), { argv: ['perpvol', '--password-store=basic'] }).passwordStore, null);
    assert.equal(choose(fakeBus(['org.freedesktop.secrets']), { platform: 'darwin' }).passwordStore, null);
  });

  it('remembers the backend Chromium reports once it holds the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perpvol-keyring-backend-'));
    try {
      assert.equal(readRememberedBackend(dir), null);
      await rememberBackend(dir, passwordStoreOfBackend('gnome_libsecret')!);
      assert.equal(readRememberedBackend(dir), 'gnome-libsecret');
      assert.equal(passwordStoreOfBackend('basic_text'), null);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds nothing, quickly and without throwing, where there is no session bus', () => {
    const bus = sessionBus({ PATH: process.env.PATH });
    assert.equal(bus.hasOwner('org.freedesktop.secrets'), false);
    assert.deepEqual(bus.activatable(), []);
  });
});

describe('on a real session bus with gnome-keyring, as on i3 or sway', () => {
  let service: SecretServiceHandle | null = null;
  let missing: string | null = null;
  before(async () => {
    const started = await startSecretService();
    if (!('unavailable' in started)) service = started;
    else if (underCi()) throw new Error(`Secret Service is missing: ${started.unavailable}. CI never skips a suite: install dbus and gnome-keyring (see .ci/run).`);
    else {
      missing = `NO SECRET SERVICE — skipped: ${started.unavailable}`;
      console.warn(`\n*** ${missing} ***\n`);
    }
  });
  after(async () => service?.stop());

  it('chooses gnome-libsecret whatever XDG_CURRENT_DESKTOP says', async (t) => {
    if (missing) return t.skip(missing);
    const env = { ...service!.env, XDG_CURRENT_DESKTOP: 'i3' };
    const bus = sessionBus(env);
    // gnome-keyring may still be taking its name on a busy machine: it answers within seconds
    for (let attempt = 0; attempt < 50 && !bus.hasOwner('org.freedesktop.secrets'); attempt++) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(bus.hasOwner('org.freedesktop.secrets'), true);
    assert.equal(bus.hasOwner('org.kde.StatusNotifierWatcher'), false);
    assert.equal(chooseKeyringBackend({ platform: 'linux', argv: [], bus, remembered: null }).passwordStore, 'gnome-libsecret');
  });
});
