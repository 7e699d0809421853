/**
 * The secrets files a data folder can hold, looked at without unlocking them: whether each holds
 * any secret, and for whom where that can be told. Start-up uses it to refuse to open a fresh
 * database beside secrets of accounts it would forget; `perpvol reset` to clear those secrets.
 *
 * - secrets.safe-storage.json (desktop): account ids are plain JSON keys, values are ciphertext.
 * - secrets.enc.json (master key / passphrase): one AES-256-GCM ciphertext of the whole table. GCM
 *   is a stream mode, so the ciphertext is exactly as long as the JSON text: `{}` (2 bytes) is an
 *   empty table, anything longer holds secrets. Which accounts needs the key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PerpvolError } from '../core/errors.ts';
import { EncryptedFileSecretStore, MASTER_KEY_ENV, SECRETS_FILE_NAME } from './encrypted-file-store.ts';
import { SAFE_STORAGE_FILE_NAME, SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store.ts';
import { withSecretFileLock } from './secret-file-lock.ts';

const EMPTY_TABLE_BYTES = 2; // '{}'

export interface FolderSecretFile {
  path: string;
  kind: 'encrypted-file' | 'safe-storage';
  /** Whether it holds at least one secret (a damaged file counts as holding some: it is not ours to judge). */
  holdsSecrets: boolean;
  /** The account ids it holds secrets for; null when that needs the master key. */
  accountIds: string[] | null;
}

export function folderSecretFiles(dataDir: string): FolderSecretFile[] {
  const files: FolderSecretFile[] = [];
  const encryptedPath = join(dataDir, SECRETS_FILE_NAME);
  const encrypted = readIfPresent(encryptedPath);
  if (encrypted !== null) files.push({ path: encryptedPath, kind: 'encrypted-file', holdsSecrets: encryptedHoldsSecrets(encrypted), accountIds: null });
  const safePath = join(dataDir, SAFE_STORAGE_FILE_NAME);
  const safe = readIfPresent(safePath);
  if (safe !== null) {
    const ids = safeStorageIds(safe);
    files.push({ path: safePath, kind: 'safe-storage', holdsSecrets: ids === null || ids.length > 0, accountIds: ids });
  }
  return files;
}

function readIfPresent(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '?'; // unreadable: treated as holding secrets
  }
}

function encryptedHoldsSecrets(text: string): boolean {
  try {
    const data = (JSON.parse(text) as { data?: unknown }).data;
    return typeof data !== 'string' || Buffer.from(data, 'base64').length > EMPTY_TABLE_BYTES;
  } catch {
    return text.trim() !== '';
  }
}

function safeStorageIds(text: string): string[] | null {
  try {
    const secrets = (JSON.parse(text) as { secrets?: unknown }).secrets;
    return secrets && typeof secrets === 'object' ? Object.keys(secrets).sort() : null;
  } catch {
    return null;
  }
}

/** Deleting needs no decryption; Electron is not needed to prune the desktop's file. */
const NO_DECRYPTION: SafeStorageLike = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('not available outside the desktop app');
  },
  decryptString: () => {
    throw new Error('not available outside the desktop app');
  },
};

export interface PrunePlan {
  file: FolderSecretFile;
  /** Ids whose secret goes; null = the whole file goes (every account in it is gone). */
  remove: string[] | null;
}

/**
 * What clearing the secrets of accounts that no longer exist would delete, file by file. The
 * encrypted file can only be pruned entry by entry with the master key; without it, it can go
 * whole when no account remains at all, and otherwise the key is asked for.
 */
export async function planSecretsPrune(dataDir: string, keep: ReadonlySet<string>, env: NodeJS.ProcessEnv): Promise<PrunePlan[]> {
  const plans: PrunePlan[] = [];
  for (const file of folderSecretFiles(dataDir)) {
    if (!file.holdsSecrets && file.kind === 'encrypted-file') continue;
    if (file.kind === 'safe-storage') {
      if (file.accountIds === null) {
        throw new PerpvolError('storage', 'secret_file_damaged', `${file.path} is damaged, so Perpvol cannot tell whose secrets it holds. Move it aside by hand if you mean to start over.`);
      }
      const remove = file.accountIds.filter((id) => !keep.has(id));
      if (remove.length > 0) plans.push({ file, remove: keep.size === 0 ? null : remove });
      continue;
    }
    if (keep.size === 0) {
      plans.push({ file, remove: null }); // no account remains: the whole file goes, no key needed
      continue;
    }
    const masterKey = env[MASTER_KEY_ENV];
    if (!masterKey) {
      throw new PerpvolError(
        'storage',
        'master_key_missing',
        `${file.path} is encrypted and some accounts in the database still need their secrets from it; set ${MASTER_KEY_ENV} so Perpvol can remove only the others.`,
      );
    }
    const ids = await new EncryptedFileSecretStore({ filePath: file.path, masterKey }).list();
    const remove = ids.filter((id) => !keep.has(id));
    if (remove.length > 0) plans.push({ file: { ...file, accountIds: ids }, remove });
  }
  return plans;
}

export async function applySecretsPrune(plans: readonly PrunePlan[], env: NodeJS.ProcessEnv): Promise<void> {
  for (const { file, remove } of plans) {
    if (remove === null) {
      await withSecretFileLock(file.path, () => unlink(file.path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error))));
      continue;
    }
    const store =
      file.kind === 'safe-storage'
        ? new SafeStorageSecretStore(NO_DECRYPTION, file.path)
        : new EncryptedFileSecretStore({ filePath: file.path, masterKey: env[MASTER_KEY_ENV] });
    for (const id of remove) await store.delete(id);
  }
}
