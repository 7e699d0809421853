/**
 * Who the Paradex credential is and what it may do. Logging in proves the key signs for the
 * account (main key or a registered subkey). Which of the two it is decides whether it can move
 * funds: "Access to the Main Private Key grants the ability to Withdraw and Transfer funds … For a
 * safer alternative, use Subkeys" (https://docs.paradex.trade/trading/api-authentication). GET
 * /v1/account/info returns the account's own `public_key` (https://docs.paradex.trade/api/prod/account/get-info):
 * a key whose public key is that one is the main key; any other key that logged in is a subkey.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { CredentialCheck } from '../connector.ts';
import type { ParadexClient } from './client.ts';
import { PARADEX_LABEL } from './constants.ts';
import { accountInfoSchema, parseAnswer } from './schemas.ts';

const MAIN_KEY_WARNING =
  'This is the Paradex account\'s main private key: it can withdraw and transfer funds. Perpvol only reads fills — ' +
  'create a subkey in Paradex (Settings → API / Subkeys), which cannot withdraw or transfer, and use that instead.';

const UNKNOWN_KEY_WARNING =
  'Perpvol could not tell whether this is the account\'s main key or a subkey, so it treats it as the main key, ' +
  'which can withdraw and transfer funds. Using a Paradex subkey (Settings → API / Subkeys) is recommended.';

function sameFelt(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  try {
    return BigInt(a) === BigInt(b);
  } catch {
    return false;
  }
}

export async function checkParadexCredential(
  client: ParadexClient,
  publicKey: string,
  signal: AbortSignal,
): Promise<CredentialCheck> {
  // Throws credentials_rejected when the key does not sign for the account.
  await client.token(signal);

  let accountKey: string | null = null;
  let accountKind: string | null = null;
  try {
    const info = parseAnswer(accountInfoSchema, await client.privateGet('/account/info', [], signal), 'account info', 'GET /v1/account/info');
    const own = info.results.find((entry) => sameFelt(entry.account, client.account)) ?? info.results[0];
    accountKey = own?.public_key ?? null;
    accountKind = own?.kind ?? null;
  } catch (error) {
    // The login already proved the credential; only the key's kind stays unknown.
    if (!(error instanceof PerpvolError) || error.kind === 'credentials_rejected') throw error;
  }

  const keyKind = accountKey === null ? 'unknown' : sameFelt(accountKey, publicKey) ? 'main' : 'subkey';
  const warnings = keyKind === 'main' ? [MAIN_KEY_WARNING] : keyKind === 'unknown' ? [UNKNOWN_KEY_WARNING] : [];
  return {
    identity: client.account,
    canWithdrawOrTransfer: keyKind !== 'subkey',
    permissions: {
      exchange: PARADEX_LABEL,
      keyKind,
      publicKey,
      accountKind,
      // Subkeys trade and read but cannot withdraw or transfer; main keys can do everything.
      canTrade: true,
      canRead: true,
    },
    warnings,
  };
}
