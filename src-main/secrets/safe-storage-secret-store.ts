/**
 * The desktop's SecretStore: each account's credentials encrypted with Electron safeStorage (a key
 * held by the OS keychain: Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux) into
 * one file in the app-data dir. The file holds only ciphertext that is useless off this machine
 * and user, so the data dir can be backed up safely. Writes are atomic and hold a cross-process
 * lock (secret-file-lock.ts).
 *
 * Nothing here imports Electron: src-main/electron/ passes `safeStorage` in, so this store runs and
 * is tested in plain Node. On Linux without a keyring safeStorage falls back to 'basic_text', a
 * hard-coded key: that is not encryption, so this store then refuses to save (the desktop app asks
 * for a passphrase and uses an EncryptedFileSecretStore instead — see electron/secrets-unlock.ts).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PerpvolError } from '../core/errors.ts';
import { writeFileAtomically } from '../files/atomic-write.ts';
import { withSecretFileLock } from './secret-file-lock.ts';
import type { SecretStore } from './secret-store.ts';

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

/** The file's name in the data dir. */
export const SAFE_STORAGE_FILE_NAME = 'secrets.safe-storage.json';

/** Electron's name for "no keyring: a hard-coded key" on Linux. */
export const INSECURE_LINUX_BACKEND = 'basic_text';

const FileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });
const CredentialsSchema = z.record(z.string(), z.string());

export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'electron-safe-storage';

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly filePath: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Whether secrets would really be encrypted by an OS-held key. */
  isSecure(): boolean {
    if (!this.safeStorage.isEncryptionAvailable()) return false;
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend?.() === INSECURE_LINUX_BACKEND) return false;
    return true;
  }

  describe(): string {
    return this.isSecure()
      ? `API secrets are encrypted with your operating system's keychain into ${this.filePath}.`
      : 'No OS keychain is available (on Linux install and unlock gnome-keyring or KWallet), so API secrets cannot be stored safely with it.';
  }

  async get(accountId: string): Promise<Record<string, string> | null> {
    const encoded = this.read()[accountId];
    if (encoded === undefined) return null;
    this.assertSecure();
    let plain: string;
    try {
      plain = this.safeStorage.decryptString(Buffer.from(encoded, 'base64'));
    } catch (error) {
      throw new PerpvolError(
        'storage',
        'secret_undecryptable',
        `The saved key of account ${accountId} cannot be decrypted on this machine or user account (the OS keychain key changed, or the file was copied from elsewhere). Re-enter the account's key with "Replace key".`,
        false,
        { cause: error },
      );
    }
    const credentials = CredentialsSchema.safeParse(safeJson(plain));
    if (!credentials.success) throw this.damaged();
    return credentials.data;
  }

  async set(accountId: string, credentials: Record<string, string>): Promise<void> {
    this.assertSecure();
    const encrypted = this.safeStorage.encryptString(JSON.stringify(credentials)).toString('base64');
    await withSecretFileLock(this.filePath, async () => {
      const secrets = this.read();
      secrets[accountId] = encrypted;
      await this.write(secrets);
    });
  }

  /** Needs no decryption: also usable without Electron (`perpvol reset`). */
  async delete(accountId: string): Promise<void> {
    await withSecretFileLock(this.filePath, async () => {
      const secrets = this.read();
      if (!(accountId in secrets)) return;
      delete secrets[accountId];
      await this.write(secrets);
    });
  }

  async list(): Promise<string[]> {
    return Object.keys(this.read()).sort();
  }

  private assertSecure(): void {
    if (this.isSecure()) return;
    throw new PerpvolError(
      'storage',
      'keychain_unavailable',
      'Perpvol cannot reach an OS keychain to protect API secrets. On Linux, install and unlock gnome-keyring or KWallet and restart Perpvol, or unlock your secrets with a passphrase when Perpvol asks.',
    );
  }

  private damaged(): PerpvolError {
    return new PerpvolError(
      'storage',
      'secret_file_damaged',
      `The secrets file ${this.filePath} is damaged, so no key was read or changed. Restore it from a backup, or move it aside and re-enter your accounts' keys.`,
    );
  }

  /** Any damage stops reads AND writes before anything is written: the old file stays as it was. */
  private read(): Record<string, string> {
    let raw: string;
    try {
      raw = readFileSync(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new PerpvolError('storage', 'secret_store_unreadable', `Perpvol cannot read ${this.filePath}: ${(error as Error).message}. Check the file's permissions.`);
    }
    const parsed = FileSchema.safeParse(safeJson(raw));
    if (!parsed.success) throw this.damaged();
    return { ...parsed.data.secrets };
  }

  /** Temp file (0600) + fsync + rename: a crash mid-write leaves the old file whole. */
  private write(secrets: Record<string, string>): Promise<void> {
    return writeFileAtomically(this.filePath, JSON.stringify({ version: 1, secrets }));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
