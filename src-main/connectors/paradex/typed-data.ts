/**
 * StarkNet off-chain message hashing, SNIP-12 revision 0 (the "StarkNetDomain" / Pedersen form that
 * Paradex signs its auth requests with), written over @scure/starknet's audited primitives.
 *
 * Spec: https://github.com/starknet-io/SNIPs/blob/main/SNIPS/snip-12.md (revision 0 = legacy
 * encoding: felt and struct members, `hash = computeHashOnElements` = chained Pedersen plus length,
 * `type_hash = sn_keccak(encodeType)`); Paradex's description of the same encoding:
 * https://docs.paradex.trade/api/prod/auth/get-jwt ("StarkNet Message Hash and Signature").
 * Checked against the starknet.js revision-0 test vectors in test/connectors/paradex/typed-data.test.ts.
 *
 *   message_hash = H("StarkNet Message", hash_struct(StarkNetDomain, domain), account, hash_struct(primaryType, message))
 *   hash_struct(T, data) = H(type_hash(T), enc(member_1), …, enc(member_n))
 */
import { computeHashOnElements, keccak } from '@scure/starknet';

export interface TypedDataField {
  name: string;
  type: string;
}

export interface TypedData {
  types: Record<string, TypedDataField[]>;
  primaryType: string;
  domain: Record<string, unknown>;
  message: Record<string, unknown>;
}

/** Revision 0 names its domain struct this way (revision 1 uses "StarknetDomain" and Poseidon). */
export const REVISION0_DOMAIN_TYPE = 'StarkNetDomain';

const MAX_SHORT_STRING = 31;
const HEX_FELT = /^0x[0-9a-f]+$/i;
const DECIMAL_FELT = /^\d+$/;

/** A Cairo short string: up to 31 ASCII characters read as one big-endian number. */
export function encodeShortString(text: string): bigint {
  if (text.length > MAX_SHORT_STRING) throw new RangeError(`short string longer than 31 characters: ${text}`);
  let value = 0n;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) throw new RangeError(`short string must be ASCII: ${JSON.stringify(text)}`);
    value = (value << 8n) | BigInt(code);
  }
  return value;
}

/**
 * A `felt` member as the reference implementations read it: numbers as themselves, "0x…" and
 * all-digit strings as numbers, any other string as a short string ("" is 0).
 */
export function toFelt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a felt: ${value}`);
    return BigInt(value);
  }
  if (typeof value === 'string') {
    if (HEX_FELT.test(value) || DECIMAL_FELT.test(value)) return BigInt(value);
    return encodeShortString(value);
  }
  throw new TypeError(`not a felt: ${String(value)}`);
}

function structDependencies(types: Record<string, TypedDataField[]>, type: string, found: Set<string>): void {
  if (found.has(type) || !types[type]) return;
  found.add(type);
  for (const field of types[type]!) structDependencies(types, field.type, found);
}

/** "Primary(a:felt,b:Other)Other(…)…": the primary type, then its struct dependencies by name. */
export function encodeType(types: Record<string, TypedDataField[]>, type: string): string {
  const found = new Set<string>();
  structDependencies(types, type, found);
  found.delete(type);
  return [type, ...[...found].sort()]
    .map((name) => `${name}(${types[name]!.map((field) => `${field.name}:${field.type}`).join(',')})`)
    .join('');
}

export function typeHash(types: Record<string, TypedDataField[]>, type: string): bigint {
  return keccak(new TextEncoder().encode(encodeType(types, type)));
}

function encodeValue(types: Record<string, TypedDataField[]>, type: string, value: unknown): bigint {
  if (types[type]) return structHash(types, type, value as Record<string, unknown>);
  // Revision 0 treats `string` as a short string, which is what toFelt does for text.
  if (type === 'felt' || type === 'string' || type === 'shortstring') return toFelt(value);
  throw new TypeError(`typed-data member type ${type} is not supported (revision 0 felt/struct only)`);
}

/** Chained Pedersen over the elements, then their count (revision 0's `H`). */
export function hashOnElements(values: bigint[]): bigint {
  // With the default Pedersen fold the result is a 0x-hex string.
  return BigInt(computeHashOnElements(values) as string);
}

export function structHash(types: Record<string, TypedDataField[]>, type: string, data: Record<string, unknown>): bigint {
  const fields = types[type];
  if (!fields) throw new TypeError(`typed data has no type ${type}`);
  const encoded = fields.map((field) => {
    if (!(field.name in data)) throw new TypeError(`typed data ${type} misses member ${field.name}`);
    return encodeValue(types, field.type, data[field.name]);
  });
  return hashOnElements([typeHash(types, type), ...encoded]);
}

/** The hash a StarkNet account signs for this typed data (revision 0). */
export function typedDataMessageHash(typedData: TypedData, account: string): bigint {
  return hashOnElements([
    encodeShortString('StarkNet Message'),
    structHash(typedData.types, REVISION0_DOMAIN_TYPE, typedData.domain),
    toFelt(account),
    structHash(typedData.types, typedData.primaryType, typedData.message),
  ]);
}
