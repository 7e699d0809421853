import type { Account } from '../../src-shared/schemas.ts';
import { storedKeyHint } from '../secrets/key-hint.ts';
import type { AccountRecord } from '../store/store.ts';

/** A stored account as the API shows it (API.md `Account`): ISO times, no identity or permissions, at most a key hint. */
export function toApiAccount(record: AccountRecord): Account {
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
  return hint ? { ...account, keyHint: hint } : account;
}
