import { exchanges as appExchanges } from '../connectors/registry.ts';
import type { Account, RotateCredentialsInput } from '../../src-shared/schemas.ts';
import { badInput, PerpvolError } from '../core/errors.ts';
import type { CredentialCheck } from '../connectors/kit/connector.ts';
import { withKeyHint } from '../secrets/key-hint.ts';
import type { AccountPatch, AccountRecord } from '../store/store.ts';
import { exchangeNeedsSecret } from '../sync/account-credentials.ts';
import { toApiAccount } from '../sync/account-view.ts';
import { noteFamily } from '../../src-shared/account-notes.ts';
import {
  checkWithExchange,
  findByApiKey,
  keyCheckNotes,
  refuseKeyThatCanWithdraw,
  registerInputSecrets,
  type AddAccountDeps,
} from './add-account.ts';
import { parseCredentials, publicIdentity } from './validate-input.ts';

export interface RotateCredentialsDeps extends AddAccountDeps {
  /** Stops a pass still running with the old key, so its failure cannot land after the new key. */
  cancelSync: (accountId: string) => Promise<void>;
}

/**
 * Replaces an account's key in place: the same exchange account with a new (or re-entered) key.
 * Fills, rollups and the sync cursor stay; the key is checked like on add, and a key of ANOTHER
 * exchange account is refused — its history would be counted under this one.
 */
export async function rotateCredentials(deps: RotateCredentialsDeps, account: AccountRecord, input: RotateCredentialsInput): Promise<Account> {
  registerInputSecrets(input.credentials);
  const exchange = account.exchange;
  const label = (deps.exchanges ?? appExchanges).label(exchange);
  if (!exchangeNeedsSecret(exchange)) {
    throw badInput(
      'nothing_to_rotate',
      `${label} accounts are read by their public address and have no key to replace. To follow another address, add it as a new account.`,
    );
  }
  const credentials = parseCredentials(exchange, input.credentials, deps.exchanges);
  registerInputSecrets(credentials);
  const addressIdentity = publicIdentity(exchange, credentials, deps.exchanges);
  if (addressIdentity !== null && account.identity !== null && addressIdentity !== account.identity) {
    throw otherAccount(account, label, 'is for a different address');
  }
  if (credentials.apiKey) {
    const owner = await findByApiKey(deps, exchange, credentials.apiKey);
    if (owner && owner.id !== account.id) throw otherAccount(account, label, `is already the key of "${owner.label}" (id ${owner.id})`);
  }

  let check: CredentialCheck | null = null;
  let identity = addressIdentity ?? account.identity;
  if (input.validate !== false) {
    // Whose key it is comes first: a key of another account is wrong whatever it may do.
    check = await checkWithExchange(deps, exchange, account.baseUrl, credentials, true, 'replaced');
    if (addressIdentity === null && check.identity) {
      if (account.identity !== null && check.identity !== account.identity) throw otherAccount(account, label, 'belongs to another account on the exchange');
      const holder = await deps.store.accounts.findByIdentity(exchange, check.identity);
      if (holder && holder.id !== account.id) throw otherAccount(account, label, `belongs to the account "${holder.label}" (id ${holder.id})`);
      identity = check.identity;
    }
    refuseKeyThatCanWithdraw(check, label, input.allowWithdrawalPermission === true);
  }

  await deps.cancelSync(account.id);
  await deps.secrets.set(account.id, credentials);
  const patch: AccountPatch = {
    identity,
    permissions: withKeyHint(check?.permissions ?? {}, credentials),
    // Notes about the exchange account's data (history, coverage, gaps, what was not counted) stay; those about the old key go.
    warnings: [...account.warnings.filter((note) => noteFamily(note) !== 'key'), ...keyCheckNotes(check, 'replaced')],
  };
  // A failure of the old key is history now; the next sync tells how the new one fares.
  if (account.status === 'error') Object.assign(patch, { status: account.lastSyncAt === null ? 'new' : 'ok', lastError: null });
  return toApiAccount(await deps.store.accounts.update(account.id, patch), deps.now());
}

function otherAccount(account: AccountRecord, exchangeLabel: string, why: string): PerpvolError {
  return new PerpvolError(
    'conflict',
    'credentials_other_account',
    `This ${exchangeLabel} key ${why}, not to "${account.label}" (id ${account.id}); nothing was changed. ` +
      'Use a key of the same exchange account, or add the other account separately.',
  );
}
