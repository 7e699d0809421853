/**
 * Who the Paradex credential is and what it may do.
 *
 * A read-only token reads and nothing else ("restricted to GET requests", https://docs.paradex.trade/trading/api-authentication);
 * GET /v1/account/info says which account it speaks for, and its `exp` claim how long it lasts.
 *
 * A private key: logging in proves it signs for the account (main key or a registered subkey).
 * Which of the two it is decides whether it can move funds: "Access to the Main Private Key grants
 * the ability to Withdraw and Transfer funds … For a safer alternative, use Subkeys" (same page).
 * A login through POST /v1/auth proves the main key (that path checks no other); otherwise GET
 * /v1/account/info returns the account's own `public_key`
 * (https://docs.paradex.trade/api/prod/account/get-info): a key whose public key is that one is the
 * main key; any other key that logged in is a subkey.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { CredentialCheck } from '../kit/connector.ts';
import { accountIdentity, fetchAccountInfo, sameFelt } from './account-info.ts';
import type { ParadexClient } from './client.ts';
import { PARADEX_LABEL } from './constants.ts';
import type { ParadexCredential } from './credentials.ts';
import type { ParadexAccountInfo } from './schemas.ts';
import type { SignedLogin } from './signed-login.ts';

const MAIN_KEY_WARNING =
  'This is the Paradex account\'s main private key: it can withdraw and transfer funds. Perpvol only reads fills — ' +
  'create a read-only token in Paradex (Settings → Key Management → "Read-only" → "+ Add New Key") and use that instead.';

const UNKNOWN_KEY_WARNING =
  'Perpvol could not tell whether this is the account\'s main key or a subkey, so it treats it as the main key, ' +
  'which can withdraw and transfer funds. A Paradex read-only token (Settings → Key Management → "Read-only") is recommended.';

const UNKNOWN_EXPIRY_WARNING =
  'Perpvol cannot read when this Paradex read-only token expires (it is not a JWT with an "exp" date). ' +
  'If syncing stops with "token refused", create a new read-only token and replace this one.';

/** The account's entry of account/info, or null when it cannot be had (the login already proved the key). */
async function accountInfoOrNull(client: ParadexClient, signal: AbortSignal, account: string): Promise<ParadexAccountInfo | null> {
  try {
    return await fetchAccountInfo(client, signal, account);
  } catch (error) {
    if (!(error instanceof PerpvolError) || error.kind === 'credentials_rejected') throw error;
    return null;
  }
}

export async function checkPrivateKey(
  client: ParadexClient,
  credential: Extract<ParadexCredential, { kind: 'private_key' }>,
  login: SignedLogin,
  signal: AbortSignal,
): Promise<CredentialCheck> {
  // Throws credentials_rejected when the key signs for the account on neither login path.
  await login.token(signal);
  const info = await accountInfoOrNull(client, signal, credential.account);
  const accountKey = info?.public_key ?? null;
  const keyKind =
    login.loginPath === 'main' || sameFelt(accountKey, credential.publicKey) ? 'main' : accountKey === null ? 'unknown' : 'subkey';
  return {
    identity: accountIdentity(credential.account),
    canWithdrawOrTransfer: keyKind !== 'subkey',
    permissions: {
      exchange: PARADEX_LABEL,
      keyKind,
      // Remembered so later syncs log in on the first try (connector.ts reads it back).
      loginPath: login.loginPath,
      publicKey: credential.publicKey,
      accountKind: info?.kind ?? null,
      // Subkeys trade and read but cannot withdraw or transfer; main keys can do everything.
      canTrade: true,
      canRead: true,
    },
    warnings: keyKind === 'main' ? [MAIN_KEY_WARNING] : keyKind === 'unknown' ? [UNKNOWN_KEY_WARNING] : [],
  };
}

export async function checkReadonlyToken(
  client: ParadexClient,
  credential: Extract<ParadexCredential, { kind: 'readonly_token' }>,
  signal: AbortSignal,
): Promise<CredentialCheck> {
  // Throws paradex_token_expired before any request, paradex_token_revoked on a 401.
  const info = await fetchAccountInfo(client, signal, credential.claims.subject);
  if (!info?.account) {
    throw new PerpvolError(
      'exchange_unavailable',
      'malformed_response',
      `${PARADEX_LABEL} accepted the read-only token but did not say which account it belongs to (GET /v1/account/info had no account). ` +
        'Nothing was added; try again later, and if this persists please report it.',
      true,
    );
  }
  return {
    identity: accountIdentity(info.account),
    canWithdrawOrTransfer: false,
    permissions: {
      exchange: PARADEX_LABEL,
      keyKind: 'readonly_token',
      accountKind: info.kind ?? null,
      canTrade: false,
      canRead: true,
      credentialExpiresAt: credential.claims.expiresAt,
    },
    warnings: credential.claims.expiresAt === null ? [UNKNOWN_EXPIRY_WARNING] : [],
  };
}
