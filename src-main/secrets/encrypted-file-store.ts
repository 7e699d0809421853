import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PerpvolError } from '../core/errors.ts';
import { writeFileAtomically } from '../files/atomic-write.ts';
import { withSecretFileLock } from './secret-file-lock.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * Secrets for headless machines without an OS keychain: one AES-256-GCM file in the data dir,
 * keyed by PERPVOL_MASTER_KEY through scrypt. The salt is random per file (kept in the header) and
 * the IV random per write; a key-check value in the header tells a wrong key apart from a damaged
 * file, and the file is only ever replaced by an atomic rename, so a crash or a refusal never
 * leaves half a file or destroys what was there. Every read-modify-write holds a cross-process lock
 * (secret-file-lock.ts): two processes adding accounts at once both keep their secret.
 */

export const SECRETS_FILE_NAME = 'secrets.enc.json';
export const MASTER_KEY_ENV = 'PERPVOL_MASTER_KEY';

const FORMAT = 'perpvol-secrets' as const;
const VERSION = 1 as const;
// scrypt cost: N=2^15, r=8 (≈32 MiB, ~0.1 s) — OWASP's suggested minimum for interactive use.
const SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12; // the GCM standard nonce size
const KEY_CHECK_LABEL = 'perpvol master key check v1';

const FileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: z.base64(),
  }),
  keyCheck: z.base64(),
  iv: z.base64(),
  tag: z.base64(),
  data: z.base64(),
});
type SecretsFile = z.infer<typeof FileSchema>;

const ContentsSchema = z.record(z.string(), z.record(z.string(), z.string()));
type Contents = z.infer<typeof ContentsSchema>;

export interface EncryptedFileSecretStoreOptions {
  filePath: string;
  /** PERPVOL_MASTER_KEY; undefined or empty = not set (reading an absent file still works). */
  masterKey: string | undefined;
}

export class EncryptedFileSecretStore implements SecretStore {
  readonly kind = 'encrypted-file';
  private readonly filePath: string;
  private readonly masterKey: string | undefined;
  /** Derived keys by salt, so scrypt runs once per file rather than once per call. */
  private readonly keys = new Map<string, Buffer>();
  /** Operations run one at a time: a read-modify-write must not interleave with another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: EncryptedFileSecretStoreOptions) {
    this.filePath = options.filePath;
    this.masterKey = options.masterKey ? options.masterKey : undefined;
  }

  describe(): string {
    return `API secrets are kept in ${this.filePath}, encrypted with AES-256-GCM under a key derived from ${MASTER_KEY_ENV}.`;
  }

  get(accountId: string): Promise<Record<string, string> | null> {
    return this.serialized(async () => {
      const contents = await this.load();
      const found = contents?.[accountId];
      return found ? { ...found } : null;
    });
  }

  set(accountId: string, credentials: Record<string, string>): Promise<void> {
    return this.serialized(async () => {
      if (!this.masterKey) {
        throw new PerpvolError(
          'storage',
          'secret_store_unavailable',
          `Perpvol has no safe place to keep this API secret: no OS keychain is available and ${MASTER_KEY_ENV} is not set. ` +
            `Set ${MASTER_KEY_ENV} to a long random passphrase (and keep it: it unlocks ${this.filePath}), then add the account again.`,
        );
      }
      await withSecretFileLock(this.filePath, async () => {
        const loaded = await this.loadWithSalt();
        const contents: Contents = { ...(loaded?.contents ?? {}), [accountId]: { ...credentials } };
        await this.write(contents, loaded?.salt ?? randomBytes(SALT_BYTES));
      });
    });
  }

  delete(accountId: string): Promise<void> {
    return this.serialized(() =>
      withSecretFileLock(this.filePath, async () => {
        const loaded = await this.loadWithSalt();
        if (!loaded || !(accountId in loaded.contents)) return;
        const contents = { ...loaded.contents };
        delete contents[accountId];
        await this.write(contents, loaded.salt);
      }),
    );
  }

  list(): Promise<string[]> {
    return this.serialized(async () => Object.keys((await this.load()) ?? {}).sort());
  }

  private serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async load(): Promise<Contents | null> {
    return (await this.loadWithSalt())?.contents ?? null;
  }

  /** The decrypted contents and the file's salt; null when there is no file yet. */
  private async loadWithSalt(): Promise<{ contents: Contents; salt: Buffer } | null> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new PerpvolError('storage', 'secret_store_unreadable', `Perpvol cannot read ${this.filePath}: ${(error as Error).message}. Check the file's permissions.`);
    }
    const file = this.parseFile(text);
    if (!this.masterKey) {
      throw new PerpvolError(
        'storage',
        'master_key_missing',
        `API secrets are stored encrypted in ${this.filePath}, but ${MASTER_KEY_ENV} is not set. Set it to the key used when the accounts were added.`,
      );
    }
    const salt = Buffer.from(file.kdf.salt, 'base64');
    const key = await this.deriveKey(salt, file.kdf);
    if (!timingSafeEqualBuffers(keyCheck(key), Buffer.from(file.keyCheck, 'base64'))) {
      throw new PerpvolError(
        'storage',
        'master_key_wrong',
        `${MASTER_KEY_ENV} does not unlock ${this.filePath}: it was written with a different key. Set the key used when the accounts were added; nothing was changed.`,
      );
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
      decipher.setAAD(associatedData(file));
      decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]);
    } catch {
      throw this.corrupt('its contents fail the integrity check');
    }
    const contents = ContentsSchema.safeParse(safeJson(plain.toString('utf8')));
    if (!contents.success) throw this.corrupt('its decrypted contents are not a secrets table');
    return { contents: contents.data, salt };
  }

  private parseFile(text: string): SecretsFile {
    const parsed = FileSchema.safeParse(safeJson(text));
    if (!parsed.success) throw this.corrupt('it is not a Perpvol secrets file');
    return parsed.data;
  }

  private corrupt(why: string): PerpvolError {
    return new PerpvolError(
      'storage',
      'secret_store_corrupt',
      `${this.filePath} is damaged (${why}). Perpvol left it untouched: restore it from a backup, or move it away and add the accounts' keys again.`,
    );
  }

  private async deriveKey(salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
    const cacheKey = `${salt.toString('base64')}:${params.N}:${params.r}:${params.p}`;
    const cached = this.keys.get(cacheKey);
    if (cached) return cached;
    const key = await new Promise<Buffer>((resolve, reject) => {
      scrypt(this.masterKey ?? '', salt, KEY_BYTES, { ...params, maxmem: SCRYPT_MAXMEM }, (error, derived) =>
        error ? reject(error) : resolve(derived),
      );
    });
    this.keys.set(cacheKey, key);
    return key;
  }

  private async write(contents: Contents, salt: Buffer): Promise<void> {
    const key = await this.deriveKey(salt, SCRYPT);
    const header = {
      format: FORMAT,
      version: VERSION,
      kdf: { name: 'scrypt' as const, ...SCRYPT, salt: salt.toString('base64') },
      keyCheck: keyCheck(key).toString('base64'),
    };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(associatedData(header));
    const data = Buffer.concat([cipher.update(JSON.stringify(contents), 'utf8'), cipher.final()]);
    const file: SecretsFile = {
      ...header,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    await writeFileAtomically(this.filePath, `${JSON.stringify(file, null, 2)}\n`);
  }
}

/** The header is authenticated too: nobody can swap the salt or parameters unnoticed. */
function associatedData(header: Pick<SecretsFile, 'format' | 'version' | 'kdf'>): Buffer {
  const { name, N, r, p, salt } = header.kdf;
  return Buffer.from(JSON.stringify([header.format, header.version, name, N, r, p, salt]), 'utf8');
}

function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update(KEY_CHECK_LABEL).digest();
}

function timingSafeEqualBuffers(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
