import { randomUUID } from 'node:crypto';
import type { Account, AddAccountInput } from '../../src-shared/schemas.ts';
import { PerpvolError } from '../core/errors.ts';
import { EXCHANGE_LABELS, type ExchangeId } from '../core/exchange.ts';
import type { Connector, ConnectorContext, CredentialCheck } from '../connectors/connector.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { AccountRecord, Store } from '../store/store.ts';
import { exchangeNeedsSecret } from '../sync/account-credentials.ts';
import { toApiAccount } from '../sync/account-view.ts';
import { parseCredentials, publicIdentity } from './validate-input.ts';

export interface AddAccountDeps {
  store: Store;
  secrets: SecretStore;
  createConnector: (exchange: ExchangeId, context: ConnectorContext) => Connector;
  now: () => number;
}

const CHECK_TIMEOUT_MS = 30_000;

export const WITHDRAWAL_WARNING =
  'This API key can withdraw or transfer funds. Perpvol only reads; replace it with a read-only key.';

/**
 * Adds an account: validate the credentials' shape, refuse duplicates, ask the exchange who the key
 * belongs to and what it may do (unless validate:false), keep the secret in the SecretStore and
 * only public facts in the database.
 */
export async function addAccount(deps: AddAccountDeps, input: AddAccountInput): Promise<Account> {
  const { store, secrets } = deps;
  const exchange = input.exchange;
  const credentials = parseCredentials(exchange, input.credentials);
  const baseUrl = input.baseUrl ?? null;
  let identity = publicIdentity(exchange, credentials);
  await refuseDuplicate(deps, exchange, identity, credentials);

  let check: CredentialCheck | null = null;
  if (input.validate !== false) {
    const connector = deps.createConnector(exchange, { baseUrl, credentials });
    check = await connector.checkCredential(AbortSignal.timeout(CHECK_TIMEOUT_MS));
    if (check.canWithdrawOrTransfer && !input.allowWithdrawalPermission) {
      throw new PerpvolError(
        'credentials_rejected',
        'key_can_withdraw',
        `This ${EXCHANGE_LABELS[exchange]} API key can withdraw or transfer funds. Create a read-only key and add that instead ` +
          '(or confirm you accept this key: allowWithdrawalPermission / --allow-withdrawal-permission).',
      );
    }
    // Hyperliquid's identity is the address it is read by; other exchanges tell us who the key is.
    if (identity === null && check.identity) identity = check.identity;
    await refuseDuplicate(deps, exchange, identity, null);
  }

  const warnings = [...(check?.warnings ?? [])];
  if (check?.canWithdrawOrTransfer) warnings.push(WITHDRAWAL_WARNING);
  if (input.validate === false) warnings.push('The key was not checked with the exchange when it was added.');

  const id = randomUUID();
  // Secret first: without a place to keep it the account must not exist at all.
  if (exchangeNeedsSecret(exchange)) await secrets.set(id, credentials);
  try {
    const record = await store.accounts.create({
      id,
      exchange,
      label: input.label,
      baseUrl,
      identity,
      permissions: check?.permissions ?? {},
      warnings,
      createdAt: deps.now(),
    });
    return toApiAccount(record);
  } catch (error) {
    if (exchangeNeedsSecret(exchange)) await secrets.delete(id).catch(() => undefined);
    throw error;
  }
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
      `This ${EXCHANGE_LABELS[exchange]} account is already added as "${existing.label}" (id ${existing.id}). Remove it first to add it again.`,
    );
  }
}

async function findByApiKey(deps: AddAccountDeps, exchange: ExchangeId, apiKey: string): Promise<AccountRecord | null> {
  const candidates = (await deps.store.accounts.list()).filter((account) => account.exchange === exchange);
  if (candidates.length === 0) return null;
  for (const account of candidates) {
    // A secret store that cannot be read here will refuse the write just after, with its own message.
    const secret = await deps.secrets.get(account.id).catch(() => null);
    if (secret?.apiKey === apiKey) return account;
  }
  return null;
}
