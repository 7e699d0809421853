/**
 * POST /v1/auth and POST /v1/auth/{public_key} as Paradex documents them
 * (fern/pages/developer-portal/general-information/api-authentication.mdx, "Generating Auth Tokens"):
 *
 * - `/v1/auth` verifies the signature against the account's MAIN key only;
 * - `/v1/auth/{public_key}` verifies it against that public key, which must be a subkey registered
 *   to the account in PARADEX-STARKNET-ACCOUNT ("the main account address is required because
 *   subkeys are randomly generated keypairs registered to your account").
 *
 * Two points the docs leave open are switches: whether the main key's own public key is accepted on
 * the `{public_key}` path (the official SDK, paradex-py `api_client.auth`, always logs in that way,
 * so "accept" is the default), and how an unregistered public key is answered (400 PUBLIC_KEY_INVALID,
 * a 404 NOT_FOUND envelope, or a bare 404 page — a deployment or proxy that routes no such path).
 */
import type { SimKey } from './sim-auth.ts';
import { parseSignatureHeader, simAuthMessageHash, verifiesWith } from './sim-auth.ts';

export interface LoginBehaviour {
  mainKeyOnSubkeyPath: 'accept' | 'reject';
  unregisteredKeyAnswer: 'public_key_invalid' | 'not_found' | 'bare_404_page';
}

export interface LoginAccount {
  address: string;
  mainKey: SimKey;
  subkeys: SimKey[];
  revokedSubkeys: Set<string>;
}

export type LoginResult =
  | { ok: true; account: LoginAccount; path: 'main' | 'subkey' }
  | { ok: false; status: number; error: string; message: string; barePage?: true };

/** How far ahead of the server clock a login timestamp may be. */
const TIMESTAMP_TOLERANCE_S = 600;
const FELT = /^(0x)?[0-9a-f]{1,64}$/i;

function fail(status: number, error: string, message: string): LoginResult {
  return { ok: false, status, error, message };
}

function sameFelt(a: string, b: string): boolean {
  return BigInt(a.startsWith('0x') ? a : `0x${a}`) === BigInt(b.startsWith('0x') ? b : `0x${b}`);
}

export interface LoginRequest {
  headers: (name: string) => string | null;
  /** The `{public_key}` path segment, or null for plain /v1/auth. */
  publicKey: string | null;
  nowS: number;
  chainId: string;
  findAccount: (address: string) => LoginAccount | undefined;
}

/** The key this login must be verified with, or the answer refusing it. */
function verifyingKey(account: LoginAccount, publicKey: string | null, behaviour: LoginBehaviour): SimKey | LoginResult {
  if (publicKey === null) return account.mainKey;
  const unregistered =
    behaviour.unregisteredKeyAnswer === 'bare_404_page'
      ? { ...fail(404, 'NOT_FOUND', 'no route'), barePage: true as const }
      : behaviour.unregisteredKeyAnswer === 'not_found'
        ? fail(404, 'NOT_FOUND', 'subkey not found for this account')
        : fail(400, 'PUBLIC_KEY_INVALID', 'public key is not registered to this account');
  if (!FELT.test(publicKey)) return unregistered;
  const subkey = account.subkeys.find((key) => sameFelt(key.publicKey, publicKey) && !account.revokedSubkeys.has(key.publicKey));
  if (subkey) return subkey;
  if (sameFelt(account.mainKey.publicKey, publicKey) && behaviour.mainKeyOnSubkeyPath === 'accept') return account.mainKey;
  return unregistered;
}

export function verifyLogin(request: LoginRequest, behaviour: LoginBehaviour): LoginResult {
  const accountHeader = request.headers('PARADEX-STARKNET-ACCOUNT');
  const signatureHeader = request.headers('PARADEX-STARKNET-SIGNATURE');
  const timestamp = request.headers('PARADEX-TIMESTAMP');
  const expiration = request.headers('PARADEX-SIGNATURE-EXPIRATION');
  if (!accountHeader || !signatureHeader || !timestamp || !expiration) {
    return fail(400, 'VALIDATION_ERROR', 'missing PARADEX-* authentication headers');
  }
  if (!FELT.test(accountHeader)) return fail(400, 'INVALID_STARKNET_ADDRESS', 'invalid starknet account address');
  const account = request.findAccount(accountHeader);
  if (!account) return fail(400, 'NOT_ONBOARDED', 'User has never called /onboarding endpoint');
  if (!/^\d+$/.test(timestamp) || Number(timestamp) > request.nowS + TIMESTAMP_TOLERANCE_S) {
    return fail(400, 'INVALID_TIMESTAMP', 'timestamp is in the future or malformed');
  }
  if (!/^\d+$/.test(expiration) || Number(expiration) <= request.nowS || Number(expiration) <= Number(timestamp)) {
    return fail(400, 'INVALID_SIGNATURE_EXPIRATION', 'signature expiration is in the past');
  }
  const signature = parseSignatureHeader(signatureHeader);
  if (!signature) return fail(400, 'INVALID_STARKNET_SIGNATURE', 'signature must be ["r","s"]');
  const key = verifyingKey(account, request.publicKey, behaviour);
  if (!('publicKey' in key)) return key;
  // The signed message is the same on both paths: Request{POST, "/v1/auth", …} (paradex-py message/auth.py).
  const hash = simAuthMessageHash(request.chainId, BigInt(account.address), BigInt(timestamp), BigInt(expiration));
  if (!verifiesWith(signature, hash, key.publicKey)) {
    return fail(401, 'STARKNET_SIGNATURE_VERIFICATION_FAILED', 'signature verification failed');
  }
  return { ok: true, account, path: request.publicKey === null ? 'main' : 'subkey' };
}
