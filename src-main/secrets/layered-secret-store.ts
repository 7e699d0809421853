import type { SecretStore } from './secret-store.ts';

/**
 * The chosen store in front of the one that still holds some secrets, used while a move between
 * stores cannot finish (the old store is locked, or a copy conflicts). New and rotated secrets go
 * to the chosen store; a secret it lacks is read from the old one, so no account stops syncing
 * because the move is pending; the next start tries the move again.
 */
export class LayeredSecretStore implements SecretStore {
  readonly kind: string;

  constructor(
    readonly primary: SecretStore,
    readonly fallback: SecretStore,
  ) {
    this.kind = `${primary.kind}+${fallback.kind}`;
  }

  describe(): string {
    return `${this.primary.describe()} Secrets not moved yet are still read from the old store: ${this.fallback.describe()}`;
  }

  async get(accountId: string): Promise<Record<string, string> | null> {
    return (await this.primary.get(accountId)) ?? this.fallback.get(accountId);
  }

  /** Writes the chosen store, then drops any older copy so a stale key never comes back. */
  async set(accountId: string, credentials: Record<string, string>): Promise<void> {
    await this.primary.set(accountId, credentials);
    await this.fallback.delete(accountId).catch(() => undefined);
  }

  /**
   * Deletes everywhere. When the old store cannot be opened its error stands — unless the chosen
   * store held the secret, in which case the old store never had a current copy to leave behind.
   */
  async delete(accountId: string): Promise<void> {
    const heldByPrimary = (await this.primary.list()).includes(accountId);
    await this.primary.delete(accountId);
    try {
      await this.fallback.delete(accountId);
    } catch (error) {
      if (!heldByPrimary) throw error;
    }
  }

  async list(): Promise<string[]> {
    const fallback = await this.fallback.list().catch(() => [] as string[]);
    return [...new Set([...(await this.primary.list()), ...fallback])].sort();
  }
}
