import { join } from 'node:path';
import { EncryptedFileSecretStore, MASTER_KEY_ENV, SECRETS_FILE_NAME } from './encrypted-file-store.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * Which SecretStore a headless process (REST server, CLI) uses. For now the encrypted file keyed
 * by PERPVOL_MASTER_KEY; the OS keychain joins here, preferred when one is available.
 */
export function chooseSecretStore(options: { dataDir: string; env: NodeJS.ProcessEnv }): SecretStore {
  return new EncryptedFileSecretStore({
    filePath: join(options.dataDir, SECRETS_FILE_NAME),
    masterKey: options.env[MASTER_KEY_ENV],
  });
}
