import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { badInput, PerpvolError } from '../core/errors.ts';
import { EncryptedFileSecretStore, MASTER_KEY_ENV, SECRETS_FILE_NAME } from './encrypted-file-store.ts';
import { KEYCHAIN_SERVICE, KeychainSecretStore, keychainUsable, loadKeyring, type KeyringBinding } from './keychain-secret-store.ts';
import { LayeredSecretStore } from './layered-secret-store.ts';
import { migrateSecrets } from './migrate-secrets.ts';
import type { SecretStore } from './secret-store.ts';
import { UnavailableSecretStore } from './unavailable-secret-store.ts';

/** Forces a store: `keychain` or `file`. Unset = the OS keychain when usable, else the file. */
export const SECRET_STORE_ENV = 'PERPVOL_SECRET_STORE';
const PREFERENCES = ['keychain', 'file'] as const;
type Preference = (typeof PREFERENCES)[number];

/** Which store is in use and why, for `perpvol doctor`, the server's start banner and settings. */
export interface SecretStoreChoice {
  store: SecretStore;
  /** store.kind: 'os-keychain', 'encrypted-file', 'none', or 'a+b' while a move is pending. */
  kind: string;
  /** A sentence for a person: why this store, and what happened to secrets found elsewhere. */
  reason: string;
  /** Whether a persistent OS keychain answered; null when the app handed in its own store. */
  keychainAvailable: boolean | null;
  /** Accounts whose secret was moved into `store` while choosing it. */
  migrated: string[];
}

export interface ChooseSecretStoreOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /**
   * This data dir's account ids. The OS keychain is shared by every data dir of the OS user, so
   * only these accounts' secrets are ever moved out of it.
   */
  accountIds?: readonly string[];
  /**
   * False for a process that does not own the data folder (a read-only CLI command): secrets found
   * in the other store are read from there instead of moved, so the owner's store stays as it chose.
   */
  moveSecrets?: boolean;
  /** The keychain service name (tests use their own). */
  keychainService?: string;
  /** Injectable for tests: whether a persistent keychain answers, and the native binding. */
  probeKeychain?: () => Promise<boolean>;
  loadKeyring?: () => Promise<KeyringBinding | null>;
}

/**
 * Picks where a headless process keeps API secrets: the OS keychain when one really persists
 * (never @napi-rs/keyring's in-memory keyutils fallback), else the AES-256-GCM file when
 * PERPVOL_MASTER_KEY is set, else a store that refuses to store and says how to fix it.
 * When secrets sit in the other store (the keychain appeared, or PERPVOL_SECRET_STORE changed),
 * they are moved — written, read back, and only then deleted — if both stores can be opened;
 * otherwise the store holding them stays readable and the reason says so.
 */
export async function chooseSecretStore(options: ChooseSecretStoreOptions): Promise<SecretStoreChoice> {
  const { env } = options;
  const preference = parsePreference(env[SECRET_STORE_ENV]);
  const keychain = await openKeychain(options);
  const filePath = join(options.dataDir, SECRETS_FILE_NAME);
  const masterKeySet = Boolean(env[MASTER_KEY_ENV]);
  const file = new EncryptedFileSecretStore({ filePath, masterKey: env[MASTER_KEY_ENV] });
  const fileExists = existsSync(filePath);
  const keychainAvailable = keychain.store !== null;
  const chosen = (store: SecretStore, reason: string, migrated: string[] = []): SecretStoreChoice => ({
    store,
    kind: store.kind,
    reason,
    keychainAvailable,
    migrated,
  });

  let preferred: SecretStore;
  let why: string;
  let other: SecretStore | null;
  if (preference === 'keychain') {
    if (!keychain.store) {
      throw new PerpvolError(
        'storage',
        'keychain_unavailable',
        `${SECRET_STORE_ENV}=keychain, but ${keychain.note}. Run Perpvol in a desktop session with a keychain, or unset ${SECRET_STORE_ENV} ` +
          `(or set it to file with ${MASTER_KEY_ENV}) to keep secrets in an encrypted file.`,
      );
    }
    [preferred, why, other] = [keychain.store, `${SECRET_STORE_ENV}=keychain`, fileExists ? file : null];
  } else if (preference === 'file') {
    [preferred, why, other] = [file, `${SECRET_STORE_ENV}=file`, keychain.store];
  } else if (keychain.store) {
    [preferred, why, other] = [keychain.store, 'an OS keychain is available', fileExists ? file : null];
  } else if (masterKeySet) {
    [preferred, why, other] = [file, `${keychain.note}, and ${MASTER_KEY_ENV} is set`, null];
  } else if (fileExists) {
    const reason = `${keychain.note}; ${filePath} holds secrets but ${MASTER_KEY_ENV} is not set, so they cannot be read until it is`;
    return chosen(file, reason);
  } else {
    const reason = `${keychain.note}, and ${MASTER_KEY_ENV} is not set: accounts that need an API secret cannot be added or synced`;
    return chosen(new UnavailableSecretStore(), reason);
  }
  if (other === null) return chosen(preferred, why);

  const place = (store: SecretStore): string => (store === file ? filePath : 'the OS keychain');
  const ids = options.accountIds ? new Set(options.accountIds) : null;
  const only = other === keychain.store && ids ? (id: string) => ids.has(id) : undefined;

  let pending: string[];
  try {
    pending = (await other.list()).filter((id) => !only || only(id));
  } catch (error) {
    const reason = `${why}; secrets still in ${place(other)} cannot be read now (${messageOf(error)}), so they are read from there until they can be moved`;
    return chosen(new LayeredSecretStore(preferred, other), reason);
  }
  if (pending.length === 0) {
    if (other === file && options.moveSecrets !== false) await unlink(filePath).catch(() => undefined); // an empty leftover from an earlier move
    return chosen(preferred, why);
  }
  if (options.moveSecrets === false) {
    const reason = `${why}; ${pending.length} secret(s) still in ${place(other)} are read from there (only the data folder's owner moves them)`;
    return chosen(new LayeredSecretStore(preferred, other), reason);
  }

  const targetProblem = await unusableTarget(preferred, preferred === file && !masterKeySet);
  if (targetProblem) {
    const reason = `${why}, but ${place(preferred)} cannot take secrets (${targetProblem}); keeping the ${pending.length} secret(s) in ${place(other)}`;
    return chosen(other, reason);
  }

  try {
    const result = await migrateSecrets(other, preferred, only ? { only } : {});
    if (other === file && (await file.list()).length === 0) await unlink(filePath).catch(() => undefined);
    const moved = [...result.moved, ...result.alreadyMoved];
    return chosen(preferred, `${why}; moved ${moved.length} secret(s) from ${place(other)}`, moved);
  } catch (error) {
    const reason = `${why}; moving secrets from ${place(other)} stopped (${messageOf(error)}); those not moved yet are read from there`;
    return chosen(new LayeredSecretStore(preferred, other), reason);
  }
}

function parsePreference(value: string | undefined): Preference | null {
  const wanted = value?.trim().toLowerCase();
  if (!wanted) return null;
  if ((PREFERENCES as readonly string[]).includes(wanted)) return wanted as Preference;
  throw badInput('invalid_secret_store', `${SECRET_STORE_ENV}=${value} is not a secret store; use keychain or file, or leave it unset to choose automatically.`);
}

async function openKeychain(options: ChooseSecretStoreOptions): Promise<{ store: KeychainSecretStore | null; note: string }> {
  const platform = options.platform ?? process.platform;
  const usable = await (options.probeKeychain ?? (() => keychainUsable(platform, options.env)))();
  if (!usable) {
    return { store: null, note: 'no OS keychain is available (no Secret Service such as gnome-keyring or KWallet answers on the D-Bus session bus)' };
  }
  const binding = await (options.loadKeyring ?? loadKeyring)();
  if (!binding) return { store: null, note: 'the OS keychain library (@napi-rs/keyring) could not be loaded' };
  return { store: new KeychainSecretStore(binding, options.keychainService ?? KEYCHAIN_SERVICE), note: 'an OS keychain is available' };
}

/** Why the store cannot accept secrets right now, or null when it can. */
async function unusableTarget(store: SecretStore, fileWithoutKey: boolean): Promise<string | null> {
  if (fileWithoutKey) return `${MASTER_KEY_ENV} is not set`;
  try {
    await store.list();
    return null;
  } catch (error) {
    return messageOf(error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
