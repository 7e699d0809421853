/**
 * The two credentials a Paradex account can be read with (docs/exchanges.md): a read-only token
 * `{readonlyToken}` — recommended, nothing on this machine can sign anything — or the L2 account
 * address with a private key `{address, privateKey}` (a registered subkey, or the main key, which
 * can also withdraw). Validated before any request, with a message naming the field.
 */
import { badInput } from '../../core/errors.ts';
import { normalizeAccountAddress, normalizeStarkPrivateKey, starkPublicKey } from './auth-signature.ts';
import { normalizeReadonlyToken, readTokenClaims, type ReadonlyTokenClaims } from './readonly-token.ts';

export type ParadexCredential =
  | { kind: 'readonly_token'; token: string; claims: ReadonlyTokenClaims }
  | { kind: 'private_key'; account: string; privateKeyHex: string; publicKey: string };

export function parseParadexCredential(credentials: Record<string, string>): ParadexCredential {
  if (credentials.readonlyToken !== undefined) {
    if (credentials.privateKey !== undefined) {
      throw badInput(
        'paradex_credentials_ambiguous',
        'Give Paradex either a read-only token (recommended) or an L2 address with a private key, not both.',
      );
    }
    const token = normalizeReadonlyToken(credentials.readonlyToken);
    return { kind: 'readonly_token', token, claims: readTokenClaims(token) };
  }
  if (credentials.address === undefined && credentials.privateKey === undefined) {
    throw badInput(
      'paradex_missing_credentials',
      'Paradex needs a read-only token (recommended: Settings → Key Management → "Read-only" → "+ Add New Key"), ' +
        'or the L2 account address with a subkey\'s private key.',
    );
  }
  const account = normalizeAccountAddress(credentials.address ?? '');
  const privateKeyHex = normalizeStarkPrivateKey(credentials.privateKey ?? '');
  return { kind: 'private_key', account, privateKeyHex, publicKey: starkPublicKey(privateKeyHex) };
}
