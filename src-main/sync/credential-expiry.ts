/**
 * A credential that stops working on a known date (a Paradex read-only token's `exp`): the date is
 * kept with the account's non-secret key facts when the key is checked, and every view of the
 * account says how long it has left — a warning from a week before, so there is time to create
 * the next one, and a plain statement once it has passed. Computed when the account is shown, not
 * when a sync fails: the warning is there even while every sync still succeeds. What the
 * credential is called and how to renew it is its exchange descriptor's `credentialRenewal`.
 */
import type { NoteOf } from '../../src-shared/account-notes.ts';
import type { ExchangeId } from '../core/exchange.ts';
import type { CredentialRenewal } from '../connectors/kit/exchange-descriptor.ts';

/** Where the expiry (ms epoch) is kept among the account's key facts (AccountRecord.permissions). */
export const CREDENTIAL_EXPIRY_FIELD = 'credentialExpiresAt';

/** How long before the expiry the account starts to warn. */
export const EXPIRY_WARNING_LEAD_MS = 7 * 86_400_000;

/** For an exchange whose descriptor does not say how its credential is renewed. */
const ANY_KEY: CredentialRenewal = { name: 'API key', how: "Create a new key on the exchange and replace this account's key with it" };

export function storedCredentialExpiry(permissions: Record<string, unknown>): number | null {
  const value = permissions[CREDENTIAL_EXPIRY_FIELD];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The note for an expiry at `expiresAt` seen at `now`, or null while it is more than a week away. */
export function credentialExpiryNote(
  exchange: ExchangeId,
  expiresAt: number,
  now: number,
  renewal: CredentialRenewal = ANY_KEY,
): NoteOf<'credential_expiry'> | null {
  const left = expiresAt - now;
  if (left > EXPIRY_WARNING_LEAD_MS) return null;
  return {
    code: 'credential_expiry',
    params: {
      exchange,
      expiresAt: new Date(expiresAt).toISOString(),
      daysLeft: left <= 0 ? null : Math.floor(left / 86_400_000),
      credential: renewal.name,
      renewal: renewal.how,
    },
  };
}
