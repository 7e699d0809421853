/**
 * The simulator's side of Paradex login: deterministic StarkNet keys, an INDEPENDENT computation
 * of the POST /v1/auth message hash (spelled out for the fixed Request struct, written apart from the
 * connector's own spelling of it, so the two cross-check each other), signature
 * verification against the account's registered public keys, and 5-minute JWTs.
 *
 * Hash (SNIP-12 revision 0, https://github.com/starknet-io/SNIPs/blob/main/SNIPS/snip-12.md;
 * Paradex: https://docs.paradex.trade/api/prod/auth/get-jwt):
 *   H(shortstr "StarkNet Message", H(typeHash(StarkNetDomain), "Paradex", chainId, 1), account,
 *     H(typeHash(Request), "POST", "/v1/auth", 0, timestamp, expiration))
 * where H = Pedersen computeHashOnElements and typeHash = sn_keccak of the type string.
 */
import { createHash, createHmac } from 'node:crypto';
import { computeHashOnElements, getStarkKey, grindKey, keccak, verify } from '@scure/starknet';

const FELT_LIMIT = 1n << 251n;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface SimKey {
  privateKey: string; // 0x + 64 hex
  publicKey: string; // Stark key (x), 0x + 64 hex
}

export function simKey(label: string): SimKey {
  const privateHex = grindKey(sha256Hex(label)).padStart(64, '0');
  return { privateKey: `0x${privateHex}`, publicKey: `0x${getStarkKey(privateHex).slice(2).padStart(64, '0')}` };
}

export function simAddress(label: string): string {
  return `0x${(BigInt(`0x${sha256Hex(label)}`) % FELT_LIMIT).toString(16).padStart(64, '0')}`;
}

function shortString(text: string): bigint {
  return text === '' ? 0n : BigInt(`0x${Buffer.from(text, 'ascii').toString('hex')}`);
}

function h(values: bigint[]): bigint {
  return BigInt(computeHashOnElements(values) as string);
}

const DOMAIN_TYPE_HASH = keccak(Buffer.from('StarkNetDomain(name:felt,chainId:felt,version:felt)'));
const REQUEST_TYPE_HASH = keccak(Buffer.from('Request(method:felt,path:felt,body:felt,timestamp:felt,expiration:felt)'));

export function simAuthMessageHash(chainId: string, account: bigint, timestampS: bigint, expirationS: bigint): bigint {
  const domain = h([DOMAIN_TYPE_HASH, shortString('Paradex'), shortString(chainId), 1n]);
  const request = h([REQUEST_TYPE_HASH, shortString('POST'), shortString('/v1/auth'), 0n, timestampS, expirationS]);
  return h([shortString('StarkNet Message'), domain, account, request]);
}

/** Parses `["r","s"]` (decimal or 0x-hex strings); null when it is anything else. */
export function parseSignatureHeader(header: string): { r: bigint; s: bigint } | null {
  try {
    const parsed: unknown = JSON.parse(header);
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [r, s] = parsed.map((part) => (typeof part === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(part) ? BigInt(part) : -1n));
    if (r === undefined || s === undefined || r <= 0n || s <= 0n) return null;
    return { r, s };
  } catch {
    return null;
  }
}

/** A Stark key is only an x coordinate: the signature is valid for one of the two points on it. */
export function verifiesWith(signature: { r: bigint; s: bigint }, hash: bigint, publicKey: string): boolean {
  const x = publicKey.replace(/^0x/, '').padStart(64, '0');
  const compact = `${signature.r.toString(16).padStart(64, '0')}${signature.s.toString(16).padStart(64, '0')}`;
  const message = hash.toString(16).padStart(64, '0');
  try {
    return ['02', '03'].some((prefix) => verify(compact, message, `${prefix}${x}`, { format: 'compact' }));
  } catch {
    return false;
  }
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export interface SimJwtClaims {
  sub: string;
  iat: number;
  exp: number;
  /** Read-only tokens carry a kind and an id (for revocation); login JWTs carry neither. */
  token_kind?: 'readonly';
  jti?: string;
}

export class SimJwtIssuer {
  constructor(private readonly secret: string) {}

  issue(claims: SimJwtClaims): string {
    const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = base64url(JSON.stringify({ typ: 'at+JWT', iss: 'Paradex simulator', ...claims }));
    return `${head}.${body}.${createHmac('sha256', this.secret).update(`${head}.${body}`).digest('base64url')}`;
  }

  /** Claims of a token this issuer signed, or null. Expiry is the caller's to check. */
  read(token: string): SimJwtClaims | null {
    const [head, body, mac] = token.split('.');
    if (!head || !body || !mac) return null;
    if (createHmac('sha256', this.secret).update(`${head}.${body}`).digest('base64url') !== mac) return null;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SimJwtClaims;
      return typeof claims.sub === 'string' && typeof claims.exp === 'number' ? claims : null;
    } catch {
      return null;
    }
  }
}
