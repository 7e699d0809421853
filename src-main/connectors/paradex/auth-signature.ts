/**
 * The signed headers of POST /v1/auth. Typed data as the official SDK builds it
 * (tradeparadex/paradex-py `paradex_py/message/auth.py`; docs https://docs.paradex.trade/api/prod/auth/get-jwt):
 *
 *   domain  StarkNetDomain { name: "Paradex", chainId: <starknet_chain_id from GET /v1/system/config
 *           as a short-string felt>, version: "1" }          — all members `felt`
 *   message Request { method: "POST", path: "/v1/auth", body: "", timestamp: <s>, expiration: <s> }
 *           — all members `felt` (strings as short strings, "" = 0)
 *
 * signed with the account's main L2 key or a registered subkey; the signature goes out as the JSON
 * array `["<r decimal>","<s decimal>"]`.
 */
import { getStarkKey, normalizePrivateKey, sign, utils } from '@scure/starknet';
import { badInput } from '../../core/errors.ts';
import { typedDataMessageHash, type TypedData } from './typed-data.ts';

export const AUTH_PATH = '/v1/auth';

const FELT_FIELDS = (names: string[]) => names.map((name) => ({ name, type: 'felt' }));

export function buildAuthTypedData(chainId: string, timestampS: number, expirationS: number): TypedData {
  return {
    types: {
      StarkNetDomain: FELT_FIELDS(['name', 'chainId', 'version']),
      Request: FELT_FIELDS(['method', 'path', 'body', 'timestamp', 'expiration']),
    },
    primaryType: 'Request',
    domain: { name: 'Paradex', chainId, version: '1' },
    message: { method: 'POST', path: AUTH_PATH, body: '', timestamp: timestampS, expiration: expirationS },
  };
}

const HEX = /^(0x)?[0-9a-fA-F]{1,64}$/;

/** The account address as a 0x-prefixed, 64-digit lowercase felt; refuses anything else. */
export function normalizeAccountAddress(address: string): string {
  const trimmed = address.trim();
  if (!HEX.test(trimmed) || BigInt(trimmed.startsWith('0x') ? trimmed : `0x${trimmed}`) === 0n) {
    throw badInput(
      'paradex_invalid_address',
      'That is not a Paradex account address. Copy the L2 (StarkNet) address from Paradex → Wallet: "0x" and up to 64 hex digits.',
    );
  }
  const hex = trimmed.replace(/^0x/i, '').toLowerCase().padStart(64, '0');
  return `0x${hex}`;
}

/** Validated private key as 64 hex digits (no 0x); the message never repeats the key. */
export function normalizeStarkPrivateKey(privateKey: string): string {
  const trimmed = privateKey.trim();
  const valid = HEX.test(trimmed) && (() => {
    try {
      return utils.isValidPrivateKey(normalizePrivateKey(trimmed.replace(/^0x/i, '')));
    } catch {
      return false;
    }
  })();
  if (!valid) {
    throw badInput(
      'paradex_invalid_private_key',
      'That is not a StarkNet private key. Paste the L2 private key of a Paradex subkey (recommended) or of the account: "0x" and up to 64 hex digits.',
    );
  }
  return normalizePrivateKey(trimmed.replace(/^0x/i, ''));
}

/** The public key (Stark key, x coordinate) Paradex registers for a private key. */
export function starkPublicKey(privateKeyHex: string): string {
  return `0x${getStarkKey(privateKeyHex).replace(/^0x/, '').padStart(64, '0')}`;
}

export interface AuthHeaderInput {
  account: string;
  privateKeyHex: string;
  chainId: string;
  timestampS: number;
  expirationS: number;
}

export function authMessageHash(input: Omit<AuthHeaderInput, 'privateKeyHex'>): bigint {
  return typedDataMessageHash(buildAuthTypedData(input.chainId, input.timestampS, input.expirationS), input.account);
}

export function signAuthHeaders(input: AuthHeaderInput): Record<string, string> {
  const hash = authMessageHash(input);
  const signature = sign(`0x${hash.toString(16)}`, input.privateKeyHex);
  return {
    'PARADEX-STARKNET-ACCOUNT': input.account,
    'PARADEX-STARKNET-SIGNATURE': JSON.stringify([signature.r.toString(), signature.s.toString()]),
    'PARADEX-TIMESTAMP': String(input.timestampS),
    'PARADEX-SIGNATURE-EXPIRATION': String(input.expirationS),
  };
}
