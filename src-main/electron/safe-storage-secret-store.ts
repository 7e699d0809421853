/**
 * The desktop's SecretStore: each account's credentials encrypted with Electron safeStorage (a key
 * held by the OS keychain: Keychain, DPAPI, libsecret/kwallet) into one file in the app-data dir.
 * The file holds only ciphertext, so the data dir can be backed up safely.
 *
 * On Linux without a keyring safeStorage falls back to 'basic_text', a hard-coded key: that is not
 * encryption, so this store then refuses to save and says what to do instead of pretending.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PerpvolError } from '../core/errors.ts';
import type { SecretStore } from '../secrets/secret-store.ts';

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

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
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
    return true;
  }

  describe(): string {
    return this.isSecure()
      ? `API secrets are encrypted with your operating system's keychain into ${this.filePath}.`
      : 'No OS keychain is available (on Linux install and unlock gnome-keyring or KWallet), so API secrets cannot be stored safely.';
  }

  async get(accountId: string): Promise<Record<string, string> | null> {
    const encoded = this.read()[accountId];
    if (encoded === undefined) return null;
    this.assertSecure();
    const plain = this.safeStorage.decryptString(Buffer.from(encoded, 'base64'));
    return CredentialsSchema.parse(JSON.parse(plain));
  }

  async set(accountId: string, credentials: Record<string, string>): Promise<void> {
    this.assertSecure();
    const secrets = this.read();
    secrets[accountId] = this.safeStorage.encryptString(JSON.stringify(credentials)).toString('base64');
    this.write(secrets);
  }

  async delete(accountId: string): Promise<void> {
    const secrets = this.read();
    if (!(accountId in secrets)) return;
    delete secrets[accountId];
    this.write(secrets);
  }

  async list(): Promise<string[]> {
    return Object.keys(this.read());
  }

  private assertSecure(): void {
    if (this.isSecure()) return;
    throw new PerpvolError(
      'storage',
      'keychain_unavailable',
      'Perpvol cannot reach an OS keychain to protect API secrets. On Linux, install and unlock gnome-keyring or KWallet and restart Perpvol, or set PERPVOL_MASTER_KEY to use an encrypted file instead.',
    );
  }

  private read(): Record<string, string> {
    let raw: string;
    try {
      raw = readFileSync(this.filePath, 'utf8');
    } catch {
      return {};
    }
    const parsed = FileSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      throw new PerpvolError('storage', 'secret_file_damaged', `The secrets file ${this.filePath} is damaged; restore it from a backup or remove it and add your accounts again.`);
    }
    return { ...parsed.data.secrets };
  }

  private write(secrets: Record<string, string>): void {
    mkdirSync(dirname(this.filePath), { recursive: true });
    const temporary = `${this.filePath}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: 1, secrets }), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.filePath);
  }
}
