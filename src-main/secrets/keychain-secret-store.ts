import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PerpvolError } from '../core/errors.ts';
import type { SecretStore } from './secret-store.ts';

const run = promisify(execFile);

/** The keychain "service" under which every Perpvol secret is filed; the account id is the user. */
export const KEYCHAIN_SERVICE = 'perpvol';
const SECRET_SERVICE_BUS_NAME = 'org.freedesktop.secrets';

/** The subset of @napi-rs/keyring this store uses, injectable so tests can count calls. */
export interface KeyringBinding {
  Entry: new (service: string, account: string) => {
    getPassword(): string | null;
    setPassword(password: string): void;
    deletePassword(): boolean;
  };
  findCredentials(service: string): { account: string; password: string }[];
}

/**
 * Secrets in the operating system's keychain (macOS Keychain, Windows Credential Manager, the
 * freedesktop Secret Service on Linux) through @napi-rs/keyring — keytar's API, maintained.
 *
 * On Linux the keyring library can fall back to the kernel's keyutils, which keeps secrets in
 * memory only: they would vanish at the next reboot and the user would have to re-enter every
 * key without knowing why. So on Linux this store is only offered when a Secret Service answers
 * on the session bus (see `secretServiceAvailable`).
 */
export class KeychainSecretStore implements SecretStore {
  readonly kind = 'os-keychain';

  constructor(
    private readonly keyring: KeyringBinding,
    private readonly service = KEYCHAIN_SERVICE,
  ) {}

  describe(): string {
    return 'API secrets are kept in the operating system keychain.';
  }

  async get(accountId: string): Promise<Record<string, string> | null> {
    const stored = this.call(() => new this.keyring.Entry(this.service, accountId).getPassword(), 'read');
    if (stored === null || stored === undefined) return null;
    return parseCredentials(stored, accountId);
  }

  async set(accountId: string, credentials: Record<string, string>): Promise<void> {
    const json = JSON.stringify(credentials);
    this.call(() => new this.keyring.Entry(this.service, accountId).setPassword(json), 'write');
    // Read back: a keychain that silently drops writes must not be trusted with the only copy.
    const check = await this.get(accountId);
    if (!check || JSON.stringify(check) !== json) {
      throw new PerpvolError('storage', 'keychain_write_unverified', 'The OS keychain did not keep the secret that was just written. Unlock the keychain and try again.');
    }
  }

  async delete(accountId: string): Promise<void> {
    this.call(() => new this.keyring.Entry(this.service, accountId).deletePassword(), 'delete');
  }

  async list(): Promise<string[]> {
    return this.call(() => this.keyring.findCredentials(this.service), 'list').map((credential) => credential.account);
  }

  private call<T>(operation: () => T, verb: string): T {
    try {
      return operation();
    } catch (error) {
      if (error instanceof Error && /no ?entry|not found/i.test(error.message)) return null as T;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new PerpvolError(
        'storage',
        'keychain_unavailable',
        `Could not ${verb} the OS keychain (${reason}). Unlock your keychain (or log in to a desktop session) and retry, ` +
          'or set PERPVOL_MASTER_KEY to keep secrets in an encrypted file instead.',
        true,
        { cause: error },
      );
    }
  }
}

function parseCredentials(stored: string, accountId: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(stored);
    if (value && typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string')) {
      return value as Record<string, string>;
    }
  } catch {
    // fall through to the error below; never echo the stored text, it is a secret
  }
  throw new PerpvolError('storage', 'keychain_entry_corrupt', `The keychain entry for account ${accountId} is not in Perpvol's format. Remove and re-add the account's key.`);
}

/**
 * Whether a persistent Secret Service (gnome-keyring, KWallet) answers on the D-Bus session bus,
 * either running or activatable. Without one, @napi-rs/keyring would use in-memory keyutils.
 */
export async function secretServiceAvailable(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!env.DBUS_SESSION_BUS_ADDRESS) return false;
  const ask = async (method: string, args: string[]): Promise<string> => {
    const { stdout } = await run(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', `org.freedesktop.DBus.${method}`, ...args],
      { env, timeout: 3_000 },
    );
    return stdout;
  };
  try {
    if (/boolean true/.test(await ask('NameHasOwner', [`string:${SECRET_SERVICE_BUS_NAME}`]))) return true;
    return (await ask('ListActivatableNames', [])).includes(`"${SECRET_SERVICE_BUS_NAME}"`);
  } catch {
    return false;
  }
}

/** Whether this platform's keychain is usable without falling back to memory-only storage. */
export async function keychainUsable(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (platform === 'darwin' || platform === 'win32') return true;
  return secretServiceAvailable(env);
}

/** Loads the native binding lazily: a machine without it still runs with the file store. */
export async function loadKeyring(): Promise<KeyringBinding | null> {
  try {
    return (await import('@napi-rs/keyring')) as unknown as KeyringBinding;
  } catch {
    return null;
  }
}
