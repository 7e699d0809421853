import { PerpvolError } from '../core/errors.ts';
import { MASTER_KEY_ENV } from './encrypted-file-store.ts';
import type { SecretStore } from './secret-store.ts';

export const NO_SECRET_STORE_MESSAGE =
  `no OS keychain and no ${MASTER_KEY_ENV}: set ${MASTER_KEY_ENV}=<a long random passphrase> (and keep it: it unlocks the secrets file) ` +
  'or run under a desktop session with a keychain (gnome-keyring, KWallet, macOS Keychain, Windows Credential Manager).';

/**
 * What a headless process gets when there is nowhere safe to keep a secret: it holds nothing and
 * refuses to store, with a message saying how to give Perpvol a place. Public-address accounts
 * (Hyperliquid) still work, since they need no secret.
 */
export class UnavailableSecretStore implements SecretStore {
  readonly kind = 'none';

  describe(): string {
    return `No secret store is available: ${NO_SECRET_STORE_MESSAGE}`;
  }

  async get(): Promise<Record<string, string> | null> {
    return null;
  }

  async set(): Promise<void> {
    throw new PerpvolError('storage', 'secret_store_unavailable', `Perpvol has no safe place to keep this API secret: ${NO_SECRET_STORE_MESSAGE}`);
  }

  async delete(): Promise<void> {}

  async list(): Promise<string[]> {
    return [];
  }
}
