/**
 * An exchange account exists once (migration 0005: one active account per exchange identity). An
 * account added without validation has no identity yet, so a second copy of it could not be
 * recognised when added; its first sync asks the exchange who the key belongs to — before a single
 * fill is fetched — and claims that identity. If another account already has it, this one stops in
 * error naming that account instead of counting the same trades twice.
 */
import { exchanges as appExchanges } from '../connectors/registry.ts';
import { PerpvolError } from '../core/errors.ts';
import type { Connector } from '../connectors/kit/connector.ts';
import { KEY_HINT_FIELD } from '../secrets/key-hint.ts';
import type { AccountRecord, Store } from '../store/store.ts';

export const DUPLICATE_ACCOUNT_CODE = 'duplicate_account';

/** The account with its identity known: unchanged when it had one, claimed from the exchange otherwise. */
export async function claimIdentity(store: Store, connector: Connector, account: AccountRecord, signal: AbortSignal): Promise<AccountRecord> {
  if (account.identity !== null) return account;
  const check = await connector.checkCredential(signal);
  const identity = check.identity;
  if (!identity) return account; // the exchange did not say: asked again next pass
  const holder = await store.accounts.findByIdentity(account.exchange, identity);
  if (holder && holder.id !== account.id) throw duplicateOf(account, holder);
  const removed = await store.accounts.findRemovedByIdentity(account.exchange, identity);
  if (removed) throw duplicateOfRemoved(account, removed);
  // The key id's hint stays as it was stored with the key; the rest is what the exchange says now.
  const keyHint = account.permissions[KEY_HINT_FIELD];
  const permissions = { ...check.permissions, ...(keyHint === undefined ? {} : { [KEY_HINT_FIELD]: keyHint }) };
  try {
    return await store.accounts.update(account.id, { identity, permissions });
  } catch (error) {
    // another account claimed the identity between our look and our write (the unique index decided)
    const winner = error instanceof PerpvolError && error.code === 'account_exists' ? await store.accounts.findByIdentity(account.exchange, identity) : null;
    if (winner && winner.id !== account.id) throw duplicateOf(account, winner);
    throw error;
  }
}

function duplicateOf(account: AccountRecord, holder: AccountRecord): PerpvolError {
  return new PerpvolError(
    'conflict',
    DUPLICATE_ACCOUNT_CODE,
    `This key belongs to the same exchange account as "${holder.label}" (id ${holder.id}), which already counts its trades, so nothing was counted here. ` +
      `Remove this account (\`perpvol accounts remove ${account.id}\`).`,
  );
}

function duplicateOfRemoved(account: AccountRecord, removed: AccountRecord): PerpvolError {
  return new PerpvolError(
    'conflict',
    DUPLICATE_ACCOUNT_CODE,
    `This key belongs to the same ${appExchanges.label(account.exchange)} account as "${removed.label}", removed earlier with its fills kept, so nothing was counted here. ` +
      `Remove this account and add the key again with validation: Perpvol then brings "${removed.label}" back with its history.`,
  );
}
