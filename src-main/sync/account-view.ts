import type { Account } from '../../src-shared/schemas.ts';
import type { AccountRecord } from '../store/store.ts';

/** A stored account as the API shows it (API.md `Account`): ISO times, no identity or permissions. */
export function toApiAccount(record: AccountRecord): Account {
  return {
    id: record.id,
    exchange: record.exchange,
    label: record.label,
    baseUrl: record.baseUrl,
    createdAt: new Date(record.createdAt).toISOString(),
    status: record.status,
    lastSyncAt: record.lastSyncAt === null ? null : new Date(record.lastSyncAt).toISOString(),
    lastError: record.lastError,
    warnings: [...record.warnings],
  };
}
