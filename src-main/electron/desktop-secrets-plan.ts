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

export type DesktopSecretsPlan =
  | { kind: 'safe-storage'; store: SecretStore }
  | { kind: 'master-key'; store: SecretStore }
  | { kind: 'passphrase'; reason: string; filePath: string; creating: boolean };

export interface DesktopSecretsPlanInput {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

export function planDesktopSecrets({ safeStorage, platform, dataDir, env }: DesktopSecretsPlanInput): DesktopSecretsPlan {
  const keychain = new SafeStorageSecretStore(safeStorage, join(dataDir, SAFE_STORAGE_FILE_NAME), platform);
  if (keychain.isSecure()) return { kind: 'safe-storage', store: keychain };
  const filePath = join(dataDir, SECRETS_FILE_NAME);
  const masterKey = env[MASTER_KEY_ENV];
  if (masterKey) return { kind: 'master-key', store: new EncryptedFileSecretStore({ filePath, masterKey }) };
  return { kind: 'passphrase', reason: whyNoKeychain(safeStorage, platform), filePath, creating: !existsSync(filePath) };
}

function whyNoKeychain(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform === 'linux' && safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() === INSECURE_LINUX_BACKEND) {
    return 'Your Linux desktop has no keyring that Perpvol can use (Electron reports the "basic_text" backend: no gnome-keyring or KWallet is running), so the operating system cannot protect your API secrets.';
  }
  return "Your operating system's encryption for app secrets is not available right now, so it cannot protect your API secrets.";
}
