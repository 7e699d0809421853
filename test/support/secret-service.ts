/**
 * A real freedesktop Secret Service for tests: a private D-Bus session bus with gnome-keyring
 * running on it, unlocked with a throwaway password. Nothing touches the user's own keyring.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import assert from 'node:assert/strict';
import { KeychainSecretStore, loadKeyring, secretServiceAvailable } from '../../src-main/secrets/keychain-secret-store.ts';
import { underCi } from './required-service.ts';

export interface SecretServiceHandle {
  /** Environment pointing at the private bus (DBUS_SESSION_BUS_ADDRESS and a private HOME). */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startSecretService(): Promise<SecretServiceHandle | { unavailable: string }> {
  const home = await mkdtemp(join(tmpdir(), 'perpvol-keyring-'));
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) child.kill('SIGTERM');
    await rm(home, { recursive: true, force: true });
  };
  try {
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(bus);
    const [firstChunk] = (await Promise.race([
      once(bus.stdout!, 'data'),
      once(bus, 'error').then(([error]) => Promise.reject(error)),
    ])) as [Buffer];
    const address = firstChunk.toString().trim().split('\n')[0]!;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: address,
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_RUNTIME_DIR: home,
    };
    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(keyring);
    keyring.stdin!.end('perpvol-test-keyring');
    for (let attempt = 0; attempt < 50; attempt++) {
      if (await secretServiceAvailable(env)) return { env, stop };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await stop();
    return { unavailable: 'gnome-keyring did not register org.freedesktop.secrets on the test bus' };
  } catch (error) {
    await stop();
    return { unavailable: `could not start dbus-daemon/gnome-keyring-daemon: ${(error as Error).message}` };
  }
}

/**
 * For a keychain test suite's before(): a private Secret Service with this process's native
 * keyring pointed at it, and a KeychainSecretStore under `keychainService`. Where no Secret Service
 * can start, says why (loudly, and as a failure on CI) so the suite skips each test with that reason.
 */
export async function startTestKeychain(
  suite: string,
  keychainService: string,
): Promise<{ service: SecretServiceHandle; keychain: KeychainSecretStore } | { skipReason: string }> {
  const started = await startSecretService();
  if ('unavailable' in started) {
    if (underCi()) throw new Error(`Secret Service is missing: ${started.unavailable}. CI never skips a suite: install dbus and gnome-keyring (see .ci/run) or run without CI=true.`);
    const skipReason = `NO SECRET SERVICE — ${suite} skipped: ${started.unavailable}`;
    console.warn(`\n*** ${skipReason} ***\n`);
    return { skipReason };
  }
  // The native keyring connects to the bus named in this process's environment.
  process.env.DBUS_SESSION_BUS_ADDRESS = started.env.DBUS_SESSION_BUS_ADDRESS;
  const keyring = await loadKeyring();
  assert.ok(keyring, '@napi-rs/keyring must load');
  return { service: started, keychain: new KeychainSecretStore(keyring, keychainService) };
}
