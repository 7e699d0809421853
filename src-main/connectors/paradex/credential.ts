/**
 * The two credentials a Paradex account is read with (docs/exchanges.md), validated before any request with a
 * message naming the field: a read-only token `{readonlyToken}` (recommended: nothing here can sign anything), or
 * the L2 account address with a subkey's or the main key's private key `{address, privateKey}`; the signed
 * headers with which such a key logs in; and what GET /v1/account/info tells of the credential (whose account it
 * is, whether the key may withdraw).
 */
import { computeHashOnElements, getStarkKey, keccak, normalizePrivateKey, sign, utils } from '@scure/starknet';
import { badInput, PerpvolError } from '../../core/errors.ts';
import type { CredentialCheck } from '../kit/connector.ts';
import type { ParadexClient } from './account-client.ts';
import { CREATE_TOKEN_STEPS, PARADEX_LABEL } from './errors.ts';
import { accountInfoSchema } from './schemas.ts';

/** A token's claims: `exp` as ms epoch and `sub` when it is an account address (a felt), each null when unreadable. */
type ReadonlyTokenClaims = { expiresAt: number | null; subject: string | null };

export type ParadexCredential =
  | { kind: 'readonly_token'; token: string; claims: ReadonlyTokenClaims }
  | { kind: 'private_key'; account: string; privateKeyHex: string; publicKey: string };

/** Printable ASCII without spaces; long enough not to be a typo, short enough not to be a file. */
export const TOKEN_SHAPE = /^[\x21-\x7e]{16,8192}$/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;
export const FELT = /^0x[0-9a-fA-F]{1,64}$/;
const HEX = /^(0x)?[0-9a-fA-F]{1,64}$/;
const HEX_DIGITS = /^[0-9a-fA-F]{1,64}$/;
/** Years beyond which an `exp` is not a date but garbage (ms epoch of 2200-01-01). */
const LATEST_PLAUSIBLE_EXP_MS = Date.UTC(2200, 0, 1);

export function parseParadexCredential(credentials: Record<string, string>): ParadexCredential {
  if (credentials.readonlyToken !== undefined) {
    if (credentials.privateKey !== undefined) {
      throw badInput(
        'paradex_credentials_ambiguous',
        'Give Paradex either a read-only token (recommended) or an L2 address with a private key, not both.',
      );
    }
    const token = credentials.readonlyToken.trim().replace(/^Bearer\s+/i, '');
    if (!TOKEN_SHAPE.test(token)) {
      throw badInput(
        'paradex_invalid_token',
        `That is not a Paradex read-only token: it should be one long line without spaces (a JWT starting "eyJ"). ${CREATE_TOKEN_STEPS}, and paste all of it.`,
      );
    }
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

/**
 * What the token's payload says about its expiry and account. The docs call read-only tokens JWTs;
 * Perpvol reads `exp` and `sub` to warn before expiry, never verifying the signature (Paradex's
 * job). An opaque token (the official SDK allows for them) has neither, and the account says so.
 */
function readTokenClaims(token: string): ReadonlyTokenClaims {
  const payload = JWT_SHAPE.exec(token)?.[1];
  if (!payload) return { expiresAt: null, subject: null };
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return { expiresAt: null, subject: null };
    const { exp, sub } = claims as { exp?: unknown; sub?: unknown };
    const expMs = typeof exp === 'number' && Number.isFinite(exp) && exp > 0 ? Math.floor(exp) * 1000 : null;
    return {
      expiresAt: expMs !== null && expMs < LATEST_PLAUSIBLE_EXP_MS ? expMs : null,
      subject: typeof sub === 'string' && FELT.test(sub) ? sub.toLowerCase() : null,
    };
  } catch {
    return { expiresAt: null, subject: null };
  }
}

/** The account address as a 0x-prefixed, 64-digit lowercase felt; refuses anything else. */
function normalizeAccountAddress(address: string): string {
  const trimmed = address.trim();
  if (!HEX.test(trimmed) || BigInt(trimmed.startsWith('0x') ? trimmed : `0x${trimmed}`) === 0n) {
    throw badInput(
      'paradex_invalid_address',
      'That is not a Paradex account address. Copy the L2 (StarkNet) address from Paradex → Wallet: "0x" and up to 64 hex digits.',
    );
  }
  return `0x${trimmed.replace(/^0x/i, '').toLowerCase().padStart(64, '0')}`;
}

/** Validated private key as 64 hex digits (no 0x); the message never repeats the key. */
function normalizeStarkPrivateKey(privateKey: string): string {
  const hex = privateKey.trim().replace(/^0x/i, '');
  let valid = false;
  try {
    valid = HEX_DIGITS.test(hex) && utils.isValidPrivateKey(normalizePrivateKey(hex));
  } catch {
    // not a key
  }
  if (!valid) {
    throw badInput(
      'paradex_invalid_private_key',
      'That is not a StarkNet private key. Paste the L2 private key of a Paradex subkey (recommended) or of the account: "0x" and up to 64 hex digits.',
    );
  }
  return normalizePrivateKey(hex);
}

/** The public key (Stark key, x coordinate) Paradex registers for a private key. */
export function starkPublicKey(privateKeyHex: string): string {
  return `0x${getStarkKey(privateKeyHex).replace(/^0x/, '').padStart(64, '0')}`;
}

/** A felt as the reference libraries read one: numbers, "0x…" and digits as numbers, other text as a Cairo short string. */
export function felt(value: string | number): bigint {
  if (typeof value === 'number' || /^(0x[0-9a-f]+|\d+)$/i.test(value)) return BigInt(value);
  if (value.length > 31 || /[^\x00-\x7f]/.test(value)) throw new RangeError(`not a Cairo short string: ${JSON.stringify(value)}`);
  return value === '' ? 0n : BigInt(`0x${Buffer.from(value, 'ascii').toString('hex')}`);
}

const hashOnElements = (values: bigint[]): bigint => BigInt(computeHashOnElements(values) as string);
const typeHash = (type: string): bigint => keccak(new TextEncoder().encode(type));
const DOMAIN_TYPE_HASH = typeHash('StarkNetDomain(name:felt,chainId:felt,version:felt)');
const REQUEST_TYPE_HASH = typeHash('Request(method:felt,path:felt,body:felt,timestamp:felt,expiration:felt)');

type AuthHeaderInput = { account: string; privateKeyHex: string; chainId: string; timestampS: number; expirationS: number };

/**
 * The hash a login signs: SNIP-12 revision 0 typed data (https://github.com/starknet-io/SNIPs/blob/main/SNIPS/snip-12.md),
 * as https://docs.paradex.trade/api/prod/auth/get-jwt and paradex-py `message/auth.py` build it — domain StarkNetDomain
 * {"Paradex", starknet_chain_id, "1"}, message Request {"POST", "/v1/auth", "", timestamp, expiration}, every member a felt:
 *   H("StarkNet Message", H(domain type, …domain), account, H(Request type, …request)), H = chained Pedersen and count.
 * The message names "/v1/auth" on both login paths.
 */
export function authMessageHash({ account, chainId, timestampS, expirationS }: Omit<AuthHeaderInput, 'privateKeyHex'>): bigint {
  const domain = hashOnElements([DOMAIN_TYPE_HASH, felt('Paradex'), felt(chainId), felt('1')]);
  const request = hashOnElements([REQUEST_TYPE_HASH, felt('POST'), felt('/v1/auth'), felt(''), felt(timestampS), felt(expirationS)]);
  return hashOnElements([felt('StarkNet Message'), domain, felt(account), request]);
}

/** The login headers; the signature goes out as the JSON array ["<r decimal>","<s decimal>"]. */
export function signAuthHeaders(input: AuthHeaderInput): Record<string, string> {
  const signature = sign(`0x${authMessageHash(input).toString(16)}`, input.privateKeyHex);
  return {
    'PARADEX-STARKNET-ACCOUNT': input.account,
    'PARADEX-STARKNET-SIGNATURE': JSON.stringify([signature.r.toString(), signature.s.toString()]),
    'PARADEX-TIMESTAMP': String(input.timestampS),
    'PARADEX-SIGNATURE-EXPIRATION': String(input.expirationS),
  };
}

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
 * token's `sub` names — else the main one, else the first.
 */
export async function fetchAccountInfo(client: ParadexClient, signal: AbortSignal) {
  const { results } = await client.get('/account/info', [], accountInfoSchema, 'account info', signal);
  return (
    results.find((entry) => sameFelt(entry.account, client.expectedAccount)) ??
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
