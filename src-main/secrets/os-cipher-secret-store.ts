import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PerpvolError } from '../core/errors.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * What the desktop app gets from Electron's safeStorage: encryption with a key the OS keychain
 * holds (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux). Declared
 * here so this store runs and is tested in plain Node; src-main/electron/ passes safeStorage in.
 */
export interface OsStringCipher {
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const OS_CIPHER_FILE = 'secrets.os-encrypted.json';

interface CipherFile {
  version: 1;
  /** account id → base64 of the OS-encrypted credentials JSON */
  entries: Record<string, string>;
}

/**
 * Each account's credentials encrypted by the OS cipher, in one file in the data dir. The file
 * alone is useless off this machine and user, which is the point: the database and backups never
 * hold a usable secret.
 */
export class OsCipherSecretStore implements SecretStore {
  readonly kind = 'os-encrypted-file';
  private readonly path: string;

  constructor(
    private readonly cipher: OsStringCipher,
    dataDir: string,
  ) {
    this.path = join(dataDir, OS_CIPHER_FILE);
  }

  describe(): string {
    return `API secrets are encrypted with your operating system's keychain key in ${this.path}.`;
  }

  async get(accountId: string): Promise<Record<string, string> | null> {
    const file = await this.read();
    const entry = file.entries[accountId];
    if (entry === undefined) return null;
    let json: string;
    try {
      json = this.cipher.decryptString(Buffer.from(entry, 'base64'));
    } catch (error) {
      throw new PerpvolError(
        'storage',
        'secret_undecryptable',
        `The saved key of account ${accountId} cannot be decrypted on this machine or user account (the OS keychain key changed). Re-enter the account's credentials.`,
        false,
        { cause: error },
      );
    }
    return JSON.parse(json) as Record<string, string>;
  }

  async set(accountId: string, credentials: Record<string, string>): Promise<void> {
    const file = await this.read();
    file.entries[accountId] = this.cipher.encryptString(JSON.stringify(credentials)).toString('base64');
    await this.write(file);
  }

  async delete(accountId: string): Promise<void> {
    const file = await this.read();
    if (!(accountId in file.entries)) return;
    delete file.entries[accountId];
    await this.write(file);
  }

  async list(): Promise<string[]> {
    return Object.keys((await this.read()).entries);
  }

  private async read(): Promise<CipherFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} };
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as CipherFile;
      if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('shape');
      return parsed;
    } catch {
      throw new PerpvolError('storage', 'secrets_file_corrupt', `${this.path} is damaged, so no key was read or changed. Restore it from a backup, or move it aside and re-enter your accounts' keys.`);
    }
  }

  /** Temp file + rename: a crash mid-write leaves the old file whole. */
  private async write(file: CipherFile): Promise<void> {
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(file), { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.path);
  }
}
