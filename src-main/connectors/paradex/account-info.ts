/**
 * GET /v1/account/info (https://docs.paradex.trade/api/prod/account/get-info), and what it tells about the
 * credential: whose account it is and whether the key may withdraw.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { CredentialCheck } from '../kit/connector.ts';
import type { ParadexClient } from './account-client.ts';
import { PARADEX_LABEL } from './errors.ts';
import { accountInfoSchema, type ParadexAccountInfo } from './schemas.ts';

/** An account address as Perpvol keeps it for identity: felts, so 0x and lowercase hex without leading zeros. */
export const accountIdentity = (address: string): string => `0x${BigInt(address).toString(16)}`;

function sameFelt(a: string | null | undefined, b: string | null | undefined): boolean {
  try {
    return !!a && !!b && BigInt(a) === BigInt(b);
  } catch {
    return false;
  }
}

/**
 * The entry of the account the credential is for — the address a key came with, or the account a
 * token's `sub` names — else the only entry, else the main one.
 */
export async function fetchAccountInfo(client: ParadexClient, signal: AbortSignal): Promise<ParadexAccountInfo | null> {
  const { results } = await client.get('/account/info', [], accountInfoSchema, 'account info', signal);
  return (
    results.find((entry) => sameFelt(entry.account, client.expectedAccount)) ??
    (results.length === 1 ? results[0] : undefined) ??
    results.find((entry) => entry.kind === 'main' || !entry.parent_account) ??
    results[0] ??
    null
  );
}

const MAIN_KEY_WARNING =
  'This is the Paradex account\'s main private key: it can withdraw and transfer funds. Perpvol only reads fills — ' +
  'create a read-only token in Paradex (Settings → Key Management → "Read-only" → "+ Add New Key") and use that instead.';

const UNKNOWN_KEY_WARNING =
  'Perpvol could not tell whether this is the account\'s main key or a subkey, so it treats it as the main key, ' +
  'which can withdraw and transfer funds. A Paradex read-only token (Settings → Key Management → "Read-only") is recommended.';

const UNKNOWN_EXPIRY_WARNING =
  'Perpvol cannot read when this Paradex read-only token expires (it is not a JWT with an "exp" date). ' +
  'If syncing stops with "token refused", create a new read-only token and replace this one.';

/**
 * Who the credential is and what it may do. A read-only token only reads; account/info names its account. The
 * "Main Private Key grants the ability to Withdraw and Transfer funds": a login at POST /v1/auth, or a public key
 * equal to account/info's `public_key`, proves the main key; any other key that logged in is a subkey.
 */
export async function checkParadexCredential(client: ParadexClient, signal: AbortSignal): Promise<CredentialCheck> {
  const { credential } = client;
  if (credential.kind === 'readonly_token') {
    // Throws paradex_token_expired before any request, paradex_token_revoked on a 401.
    const info = await fetchAccountInfo(client, signal);
    if (!info?.account) {
      throw new PerpvolError(
        'exchange_unavailable',
        'malformed_response',
        `${PARADEX_LABEL} accepted the read-only token but did not say which account it belongs to (GET /v1/account/info had no account). ` +
          'Nothing was added; try again later, and if this persists please report it.',
        true,
      );
    }
    const { expiresAt } = credential.claims;
    return {
      identity: accountIdentity(info.account),
      canWithdrawOrTransfer: false,
      permissions: { exchange: PARADEX_LABEL, keyKind: 'readonly_token', accountKind: info.kind ?? null, canTrade: false, canRead: true, credentialExpiresAt: expiresAt },
      warnings: expiresAt === null ? [UNKNOWN_EXPIRY_WARNING] : [],
    };
  }
  // Throws credentials_rejected when the key signs for the account on neither login path.
  await client.token(signal);
  // The login already proved the key: account/info only tells main from subkey, and may fail.
  const info = await fetchAccountInfo(client, signal).catch((error: unknown) => {
    if (!(error instanceof PerpvolError) || error.kind === 'credentials_rejected') throw error;
    return null;
  });
  const accountKey = info?.public_key ?? null;
  const { loginPath } = client;
  const keyKind = loginPath === 'main' || sameFelt(accountKey, credential.publicKey) ? 'main' : accountKey === null ? 'unknown' : 'subkey';
  return {
    identity: accountIdentity(credential.account),
    canWithdrawOrTransfer: keyKind !== 'subkey',
    permissions: {
      exchange: PARADEX_LABEL,
      keyKind,
      // Remembered so later syncs log in on the first try.
      loginPath,
      publicKey: credential.publicKey,
      accountKind: info?.kind ?? null,
      // Subkeys trade and read but cannot withdraw or transfer; main keys can do everything.
      canTrade: true,
      canRead: true,
    },
    warnings: keyKind === 'main' ? [MAIN_KEY_WARNING] : keyKind === 'unknown' ? [UNKNOWN_KEY_WARNING] : [],
  };
}
