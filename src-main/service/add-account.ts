import { randomUUID } from 'node:crypto';
import type { AccountNote } from '../../src-shared/account-notes.ts';
import type { Account, AddAccountInput } from '../../src-shared/schemas.ts';
import { PerpvolError } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import type { Connector, ConnectorContext, CredentialCheck } from '../connectors/kit/connector.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import { deadlineSignal, timedOut } from '../connectors/http/exchange-http-client.ts';
import { exchangeTimeout } from '../connectors/http/exchange-errors.ts';
import { withKeyHint } from '../secrets/key-hint.ts';
import { redactor, SECRET_CREDENTIAL_FIELDS } from '../secrets/redaction.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { AccountRecord, Store } from '../store/store.ts';
import { exchangeNeedsSecret } from '../sync/account-credentials.ts';
import { toApiAccount } from '../sync/account-view.ts';
import { parseCredentials, publicIdentity } from './validate-input.ts';
import { checkStreamUrl } from '../connectors/stream/stream-url.ts';
import { keyCheckFailure, withKeyCheckRetry } from './key-check-retry.ts';

export interface AddAccountDeps {
  store: Store;
  secrets: SecretStore;
  createConnector: (exchange: ExchangeId, context: ConnectorContext) => Connector;
  /** Whose credential forms the credentials are checked with (default: the app's registry). */
  exchanges?: ExchangeRegistry;
  now: () => number;
  /** Runs the final duplicate check and the write with no other account change in between. */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
}

/**
 * How long the key check of an add or a rotation may take, in all. The HTTP client fails sooner
 * whenever it knows it cannot make it (a rate-limit reset later than that, an unreachable host);
 * a check that still runs out of time answers 504 exchange_timeout, never a 500.
 */
export const CHECK_TIMEOUT_MS = 30_000;

/**
 * Adds an account: validate the credentials' shape, refuse duplicates, ask the exchange who the key
 * belongs to and what it may do (unless validate:false), keep the secret in the SecretStore and
 * only public facts in the database.
 */
export async function addAccount(deps: AddAccountDeps, input: AddAccountInput): Promise<Account> {
  const { store, secrets } = deps;
  const exchange = input.exchange;
  registerInputSecrets(input.credentials);
  const credentials = parseCredentials(exchange, input.credentials, deps.exchanges);
  // Parsing may reshape a secret (a token's "Bearer " prefix dropped): the form that is used is known too.
  registerInputSecrets(credentials);
  const baseUrl = input.baseUrl ?? null;
  // checked here so a typo fails now, not at the first connection
  const streamUrl = input.streamUrl ? checkStreamUrl(input.streamUrl) : null;
  let identity = publicIdentity(exchange, credentials, deps.exchanges);
  await refuseDuplicate(deps, exchange, identity, credentials);

  let check: CredentialCheck | null = null;
  if (input.validate !== false) {
    check = await checkWithExchange(deps, exchange, baseUrl, credentials, input.allowWithdrawalPermission === true);
    // Hyperliquid's identity is the address it is read by; other exchanges tell us who the key is.
    if (identity === null && check.identity) identity = check.identity;
    await refuseDuplicate(deps, exchange, identity, null);
  }

  const warnings = keyCheckNotes(check, 'added');
  const exclusive = deps.exclusive ?? ((task) => task());

  return exclusive(async () => {
    // Again, now that no other add can slip in: concurrent adds of one account give exactly one.
    await refuseDuplicate(deps, exchange, identity, credentials);
    // The same exchange account removed earlier without purge: its fills are still stored under its
    // old id, so it comes back under that id and a new sync recognises them instead of adding them again.
    const removed = identity ? await store.accounts.findRemovedByIdentity(exchange, identity) : null;
    const id = removed?.id ?? randomUUID();
    // Secret first: without a place to keep it the account must not exist at all.
    if (exchangeNeedsSecret(exchange)) await secrets.set(id, credentials);
    try {
      const account = {
        id,
        exchange,
        label: input.label,
        baseUrl,
        streamUrl,
        identity,
        permissions: exchangeNeedsSecret(exchange) ? withKeyHint(check?.permissions ?? {}, credentials) : (check?.permissions ?? {}),
        warnings,
        createdAt: deps.now(),
      };
      return toApiAccount(removed ? await store.accounts.restore(account) : await store.accounts.create(account), deps.now());
    } catch (error) {
      // a refused restore must not take the secret of the account that holds this id
      if (exchangeNeedsSecret(exchange) && !removed) await secrets.delete(id).catch(() => undefined);
      throw error;
    }
  });
}

/** Secrets are known to the redactor from the moment they arrive, before any check can echo them. */
export function registerInputSecrets(credentials: Record<string, string>): void {
  const values = Object.fromEntries(SECRET_CREDENTIAL_FIELDS.flatMap((field) => {
    const value = credentials[field];
    return value === undefined ? [] : [[field, value], [`${field}.trimmed`, value.trim()]];
  }));
  redactor.registerCredentials(values, Object.keys(values));
}

/** Asks the exchange who the key is and what it may do; refuses a key that can move funds unless allowed. */
export async function checkWithExchange(
  deps: Pick<AddAccountDeps, 'createConnector' | 'exchanges'>,
  exchange: ExchangeId,
  baseUrl: string | null,
  credentials: Record<string, string>,
  allowWithdrawal: boolean,
  /** What the user was doing, for the message when the exchange cannot answer. */
  action: 'added' | 'replaced' = 'added',
): Promise<CredentialCheck> {
  const connector = deps.createConnector(exchange, { baseUrl, credentials });
  const label = (deps.exchanges ?? appExchanges).label(exchange);
  const signal = deadlineSignal(CHECK_TIMEOUT_MS);
  let check: CredentialCheck;
  try {
    // A 429 or 5xx while the user waits is usually gone a moment later: tried again for ~10 s first.
    check = await withKeyCheckRetry(() => connector.checkCredential(signal), { signal });
  } catch (error) {
    // Whatever was waiting when the time ran out (a connector's own wait included) is the exchange's slowness.
    if (timedOut(signal) && !(error instanceof PerpvolError && error.kind === 'exchange_timeout')) {
      throw keyCheckFailure(exchangeTimeout(label, 'the key check', CHECK_TIMEOUT_MS), label, action, baseUrl);
    }
    throw keyCheckFailure(error, label, action, baseUrl);
  }
  refuseKeyThatCanWithdraw(check, label, allowWithdrawal);
  return check;
}

/** Read-only keys are the recommended setup: one that can move funds needs the user's explicit yes. */
export function refuseKeyThatCanWithdraw(check: CredentialCheck, exchangeLabel: string, allowWithdrawal: boolean): void {
  if (check.canWithdrawOrTransfer && !allowWithdrawal) {
    throw new PerpvolError(
      'credentials_rejected',
      'key_can_withdraw',
      `This ${exchangeLabel} API key can withdraw or transfer funds. Create a read-only key and use that instead ` +
        '(or confirm you accept this key: allowWithdrawalPermission / --allow-withdrawal-permission).',
    );
  }
}

/** The notes a key check leaves on the account (null check = the key was not checked). */
export function keyCheckNotes(check: CredentialCheck | null, when: 'added' | 'replaced'): AccountNote[] {
  const notes: AccountNote[] = (check?.warnings ?? []).map((text) => ({ code: 'exchange_notice', params: { text } }));
  if (check?.canWithdrawOrTransfer) notes.push({ code: 'key_can_withdraw', params: {} });
  if (!check) notes.push({ code: 'key_not_checked', params: { when } });
  return notes;
}

/**
 * The same exchange account twice would count its volume twice. Same identity (address, uid) or
 * the same API key means the same account.
 */
async function refuseDuplicate(
  deps: AddAccountDeps,
  exchange: ExchangeId,
  identity: string | null,
  credentials: Record<string, string> | null,
): Promise<void> {
  let existing: AccountRecord | null = identity ? await deps.store.accounts.findByIdentity(exchange, identity) : null;
  if (!existing && credentials?.apiKey) existing = await findByApiKey(deps, exchange, credentials.apiKey);
  if (existing) {
    throw new PerpvolError(
      'conflict',
      'account_exists',
      `This ${(deps.exchanges ?? appExchanges).label(exchange)} account is already added as "${existing.label}" (id ${existing.id}). Remove it first to add it again.`,
    );
  }
}

export async function findByApiKey(deps: AddAccountDeps, exchange: ExchangeId, apiKey: string): Promise<AccountRecord | null> {
  const candidates = (await deps.store.accounts.list()).filter((account) => account.exchange === exchange);
  if (candidates.length === 0) return null;
  for (const account of candidates) {
    // A secret store that cannot be read here will refuse the write just after, with its own message.
    const secret = await deps.secrets.get(account.id).catch(() => null);
    if (secret?.apiKey === apiKey) return account;
  }
  return null;
}
