import type { Account } from '../../src-shared/schemas.ts';
import { storedKeyHint } from '../secrets/key-hint.ts';
import type { AccountRecord } from '../store/store.ts';
import { credentialExpiryWarning, storedCredentialExpiry } from './credential-expiry.ts';

const CREDENTIAL_KINDS: Record<string, NonNullable<Account['credentialKind']>> = {
  readonly_token: 'readonly_token',
  subkey: 'subkey',
  main: 'main_key',
  unknown: 'unknown_key',
};

/**
 * A stored account as the API shows it (API.md `Account`): ISO times, no identity or permissions,
 * at most a key hint, the kind of credential and its expiry where known — with the expiry warning
 * as of `now`.
 */
export function toApiAccount(record: AccountRecord, now: number = Date.now()): Account {
  const account: Account = {
    id: record.id,
    exchange: record.exchange,
    label: record.label,
    baseUrl: record.baseUrl,
    streamUrl: record.streamUrl,
    createdAt: new Date(record.createdAt).toISOString(),
    status: record.status,
    lastSyncAt: record.lastSyncAt === null ? null : new Date(record.lastSyncAt).toISOString(),
    lastError: record.lastError,
    warnings: [...record.warnings],
  };
  const hint = storedKeyHint(record.permissions);
  if (hint) account.keyHint = hint;
  // Only exchanges that take several kinds of credential (Paradex) note the kind at the key check.
  const kind = CREDENTIAL_KINDS[String(record.permissions.keyKind)];
  if (kind) account.credentialKind = kind;
  const expiresAt = storedCredentialExpiry(record.permissions);
  if (expiresAt !== null) {
    account.credentialExpiresAt = new Date(expiresAt).toISOString();
    const warning = credentialExpiryWarning(record.exchange, expiresAt, now);
    if (warning) account.warnings.push(warning);
  }
  return account;
}
