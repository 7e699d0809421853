/**
 * Where the desktop app keeps API secrets, decided once at start (docs/security.md, "Secrets: where your API keys live"; docs/desktop.md):
 * 1. the OS keychain through Electron safeStorage, when it really encrypts;
 * 2. otherwise the AES-256-GCM file, keyed by PERPVOL_MASTER_KEY when the user set one;
 * 3. otherwise the same file keyed by a passphrase the user types this session — the app says
 *    why (no keyring) and asks, instead of refusing or storing with basic_text's fixed key.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EncryptedFileSecretStore, MASTER_KEY_ENV, SECRETS_FILE_NAME } from '../secrets/encrypted-file-store.ts';
import { INSECURE_LINUX_BACKEND, SAFE_STORAGE_FILE_NAME, SafeStorageSecretStore, type SafeStorageLike } from '../secrets/safe-storage-secret-store.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { KeychainRefusedError } from './startup-failure.ts';

export type DesktopSecretsPlan =
  | { kind: 'safe-storage'; store: SecretStore }
  | { kind: 'master-key'; store: SecretStore }
  | { kind: 'passphrase'; reason: string; filePath: string; creating: boolean };

export interface DesktopSecretsPlanInput {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** On Linux: what the keyring probe found on D-Bus before ready (keyring-backend.ts). */
  keyringFound?: string;
}

export function planDesktopSecrets({ safeStorage, platform, dataDir, env, keyringFound }: DesktopSecretsPlanInput): DesktopSecretsPlan {
  const keychain = new SafeStorageSecretStore(safeStorage, join(dataDir, SAFE_STORAGE_FILE_NAME), platform);
  if (keychain.isSecure()) return { kind: 'safe-storage', store: keychain };
  const filePath = join(dataDir, SECRETS_FILE_NAME);
  const masterKey = env[MASTER_KEY_ENV];
  if (masterKey) return { kind: 'master-key', store: new EncryptedFileSecretStore({ filePath, masterKey }) };
  return { kind: 'passphrase', reason: whyNoKeychain(safeStorage, platform, keyringFound), filePath, creating: !existsSync(filePath) };
}

function whyNoKeychain(safeStorage: SafeStorageLike, platform: NodeJS.Platform, keyringFound?: string): string {
  if (platform === 'linux' && safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() === INSECURE_LINUX_BACKEND) {
    const looked = keyringFound ? ` Perpvol looked for one and found ${keyringFound}.` : '';
    return `Your Linux desktop has no keyring that Perpvol can use (Electron reports the "basic_text" backend), so the operating system cannot protect your API secrets.${looked} Start gnome-keyring or KWallet (or KeePassXC's Secret Service) and restart Perpvol to use it.`;
  }
  return "Your operating system's encryption for app secrets is not available right now, so it cannot protect your API secrets.";
}

/**
 * A keychain the system reports as usable can still refuse: macOS when the user answers "Deny" to
 * the Keychain prompt, a locked keyring that will not unlock. One round trip at start finds it, so
 * the user learns it from a dialog instead of from a failed account later.
 */
export function assertKeychainAnswers(safeStorage: SafeStorageLike): void {
  const probe = 'perpvol keychain probe';
  try {
    if (safeStorage.decryptString(safeStorage.encryptString(probe)) !== probe) throw new Error('the probe did not decrypt to itself');
  } catch (error) {
    throw new KeychainRefusedError(error);
  }
}
