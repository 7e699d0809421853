import { PerpvolError } from '../core/errors.ts';
import type { SecretStore } from './secret-store.ts';

export interface SecretMigrationResult {
  moved: string[];
  /** Accounts whose secret the target already held identically (an earlier run crashed mid-way). */
  alreadyMoved: string[];
}

/**
 * Moves every secret from one store to another without a moment where a secret exists nowhere:
 * write the new copy, read it back and compare, and only then delete the old one. A crash between
 * the two leaves the secret in both stores, and running the migration again finishes the job.
 * A target holding a DIFFERENT secret for the same account is never overwritten.
 */
export async function migrateSecrets(
  from: SecretStore,
  to: SecretStore,
  options: { only?: (accountId: string) => boolean } = {},
): Promise<SecretMigrationResult> {
  const result: SecretMigrationResult = { moved: [], alreadyMoved: [] };
  for (const accountId of await from.list()) {
    // The keychain is per OS user, shared by every data dir: move only this data dir's accounts.
    if (options.only && !options.only(accountId)) continue;
    const secret = await from.get(accountId);
    if (!secret) continue;
    const existing = await to.get(accountId);
    if (existing && !sameCredentials(existing, secret)) {
      throw new PerpvolError(
        'conflict',
        'secret_migration_conflict',
        `Account ${accountId} has different credentials in ${to.kind} and ${from.kind}; nothing was changed for it. Remove the stale one with 'perpvol accounts rotate' and run the migration again.`,
      );
    }
    if (existing) {
      result.alreadyMoved.push(accountId);
    } else {
      await to.set(accountId, secret);
      const check = await to.get(accountId);
      if (!check || !sameCredentials(check, secret)) {
        throw new PerpvolError('storage', 'secret_migration_unverified', `The ${to.kind} store did not return the secret of account ${accountId} as written; the old copy in ${from.kind} was kept.`);
      }
      result.moved.push(accountId);
    }
    await from.delete(accountId);
  }
  return result;
}

function sameCredentials(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
