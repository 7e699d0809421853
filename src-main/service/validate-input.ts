import type { z } from 'zod';
import { API_METHODS, type ApiMethodName } from '../../src-shared/contract.ts';
import {
  HyperliquidCredentialsSchema,
  KeyPairCredentialsSchema,
  paradexCredentialsSchema,
} from '../../src-shared/schemas.ts';
import { badInput } from '../core/errors.ts';
import { EXCHANGE_IDS, type ExchangeId } from '../core/exchange.ts';

/**
 * Every method of the service checks its own input with the contract's schemas, whichever face
 * called it: REST and IPC validate too, but the service is the one place that must never trust.
 */
export function parseInput<K extends ApiMethodName>(method: K, input: unknown): z.output<(typeof API_METHODS)[K]['input']> {
  const result = API_METHODS[method].input.safeParse(input ?? {});
  if (result.success) return result.data as z.output<(typeof API_METHODS)[K]['input']>;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  if (field === 'exchange') {
    throw badInput('unknown_exchange', `Unknown exchange. Use one of: ${EXCHANGE_IDS.join(', ')}.`);
  }
  throw badInput('invalid_input', `${field ? `${field}: ` : ''}${issue?.message ?? 'the request is malformed'}.`);
}

/** The schema the credentials must meet; Paradex has two shapes and the credentials say which is meant. */
const CREDENTIAL_SCHEMAS: Record<ExchangeId, (credentials: Record<string, string>) => z.ZodType<Record<string, string>>> = {
  bybit: () => KeyPairCredentialsSchema,
  woox: () => KeyPairCredentialsSchema,
  hyperliquid: () => HyperliquidCredentialsSchema,
  paradex: paradexCredentialsSchema,
};

const CREDENTIAL_HINTS: Record<ExchangeId, string> = {
  bybit: 'Bybit needs {"apiKey", "apiSecret"} of a read-only API key',
  woox: 'WOO X needs {"apiKey", "apiSecret"} of a read-only API key',
  hyperliquid: 'Hyperliquid needs {"address"}: your 0x wallet, sub-account or vault address',
  paradex:
    'Paradex needs {"readonlyToken"} (recommended: a read-only token from Settings → Key Management → "Read-only" → "+ Add New Key"), ' +
    'or {"address", "privateKey"}: the L2 account address and a subkey\'s private key',
};

/** The credentials an exchange needs, trimmed, with only the fields it uses. */
export function parseCredentials(exchange: ExchangeId, credentials: Record<string, string>): Record<string, string> {
  const trimmed = Object.fromEntries(Object.entries(credentials).map(([key, value]) => [key, value.trim()]));
  const result = CREDENTIAL_SCHEMAS[exchange](trimmed).safeParse(trimmed);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const missing = issue?.code === 'invalid_type' && trimmed[field] === undefined;
  const what = missing ? `credentials.${field} is missing` : `credentials.${field}: ${issue?.message ?? 'invalid'}`;
  throw badInput('invalid_credentials', `${what}. ${CREDENTIAL_HINTS[exchange]}.`);
}

/** The public identity of a credential, for duplicate detection: addresses, lowercased. */
export function publicIdentity(exchange: ExchangeId, credentials: Record<string, string>): string | null {
  if (exchange === 'hyperliquid') return credentials.address?.toLowerCase() ?? null;
  if (exchange === 'paradex' && credentials.address) return normalizeStarknetAddress(credentials.address);
  return null;
}

/** StarkNet addresses are felts: 0x0abc and 0xabc are the same account. */
function normalizeStarknetAddress(address: string): string {
  return `0x${BigInt(address).toString(16)}`;
}
