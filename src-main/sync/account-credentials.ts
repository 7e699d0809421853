import { PerpvolError } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges } from '../connectors/registry.ts';
import type { ExchangeDescriptor } from '../connectors/kit/exchange-descriptor.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { AccountRecord } from '../store/store.ts';

/** Exchanges read with public data only (an address): nothing of theirs goes to the secret store. */
export function exchangeNeedsSecret(exchange: ExchangeId): boolean {
  // An exchange the app does not list (a test's made-up one) keeps its credential where keys go.
  return exchanges.find(exchange)?.needsSecret ?? true;
}

/** The one field of a public credential (an address), kept as the account's identity: its descriptor's form says its name. */
function publicField(descriptor: ExchangeDescriptor | null): string {
  const field = descriptor?.info.credentials[0]?.fields.find((candidate) => !candidate.secret);
  return field?.name ?? 'address';
}

/**
 * The credentials a connector needs for a stored account. An exchange read by public address
 * alone (needsSecret false) keeps it as the account's identity, never in the secret store; every other
 * exchange needs the secret that was stored when the account was added.
 */
export async function credentialsFor(account: AccountRecord, secrets: SecretStore): Promise<Record<string, string>> {
  if (!exchangeNeedsSecret(account.exchange)) {
    if (!account.identity) throw missing(account, 'its address is missing');
    return { [publicField(exchanges.find(account.exchange))]: account.identity };
  }
  // Read per sync pass and handed to a connector that lives only for that pass: no long-lived copy.
  const secret = await secrets.get(account.id);
  if (!secret) throw missing(account, `its key is not in the secret store (${secrets.describe()})`);
  return secret;
}

function missing(account: AccountRecord, why: string): PerpvolError {
  const fix =
    !exchangeNeedsSecret(account.exchange)
      ? 'Remove the account and add it again.'
      : `Enter its key again with \`perpvol accounts rotate ${account.id}\` (or in the app's account settings); \`perpvol doctor\` shows where secrets are kept.`;
  return new PerpvolError(
    'credentials_rejected',
    'credentials_missing',
    `The ${exchanges.label(account.exchange)} account "${account.label}" cannot sync: ${why}. ${fix}`,
  );
}
