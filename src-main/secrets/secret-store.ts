/**
 * Where API secrets live. The database never holds a secret (docs/security.md, "Secrets: where your API keys live"): it can be
 * backed up or shared safely. Implementations: the OS keychain, Electron safeStorage (desktop),
 * and an AES-256-GCM file keyed by PERPVOL_MASTER_KEY (headless without a keychain).
 */
export interface SecretStore {
  /** Short name shown by `perpvol doctor` and in settings, e.g. 'encrypted-file'. */
  readonly kind: string;
  /** A sentence for the user about where secrets are kept. */
  describe(): string;
  get(accountId: string): Promise<Record<string, string> | null>;
  set(accountId: string, credentials: Record<string, string>): Promise<void>;
  delete(accountId: string): Promise<void>;
  /** Account ids that have a secret stored (for migrations between stores). */
  list(): Promise<string[]>;
}
