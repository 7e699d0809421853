import type { AccountNote } from '../../src-shared/account-notes.ts';
import type { Account, ApiAccountNote } from '../../src-shared/schemas.ts';
import { exchanges } from '../connectors/registry.ts';
import { storedKeyHint } from '../secrets/key-hint.ts';
import type { AccountRecord } from '../store/store.ts';
import { credentialExpiryNote, storedCredentialExpiry } from './credential-expiry.ts';
import { noteWords } from './note-words.ts';

const CREDENTIAL_KINDS: Record<string, NonNullable<Account['credentialKind']>> = {
  readonly_token: 'readonly_token',
  subkey: 'subkey',
  main: 'main_key',
  unknown: 'unknown_key',
};

/**
 * A stored account as the API shows it (docs/api.md, GET /api/v1/accounts): ISO times, no identity or permissions,
 * at most a key hint, the kind of credential and its expiry where known — with the expiry warning
 * as of `now`. Notes become words here (note-words.ts): `warnings` is their words, `notes` the
 * same notes typed.
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
    warnings: [],
    notes: [],
  };
  const hint = storedKeyHint(record.permissions);
  if (hint) account.keyHint = hint;
  // Only exchanges that take several kinds of credential note the kind at the key check.
  const kind = CREDENTIAL_KINDS[String(record.permissions.keyKind)];
  if (kind) account.credentialKind = kind;
  const notes = [...record.warnings];
  const expiresAt = storedCredentialExpiry(record.permissions);
  if (expiresAt !== null) {
    account.credentialExpiresAt = new Date(expiresAt).toISOString();
    const expiry = credentialExpiryNote(record.exchange, expiresAt, now, exchanges.find(record.exchange)?.credentialRenewal);
    if (expiry) notes.push(expiry);
  }
  account.notes = notes.map(toApiNote);
  account.warnings = account.notes.map((note) => note.message);
  return account;
}

function toApiNote(note: AccountNote): ApiAccountNote {
  return { code: note.code, params: { ...note.params }, message: noteWords(note) };
}
