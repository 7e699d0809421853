/**
 * The credentials of `perpvol accounts add|rotate`: the public part (API key id, address) from
 * flags, the secret part — Bybit / WOO X API secret, Paradex private key or read-only token — only
 * from the environment or a hidden prompt (secret-input.ts). A secret written on the command line
 * is refused before anything is stored.
 */
import type { ExchangeId } from '../core/exchange.ts';
import { readSecret, secretFlagRefused, type SecretSource } from './secret-input.ts';

export const API_SECRET_ENV = 'PERPVOL_API_SECRET';
export const PRIVATE_KEY_ENV = 'PERPVOL_PRIVATE_KEY';
export const READONLY_TOKEN_ENV = 'PERPVOL_READONLY_TOKEN';
export const READONLY_TOKEN_FLAG = '--readonly-token';

export interface CredentialFlags {
  address?: string;
  apiKey?: string;
  /** Refused whenever given: the flag is parsed only to explain why. */
  apiSecret?: string;
  privateKey?: string;
  /** true = a Paradex read-only token, read from the environment or a prompt; a string = typed on the command line (refused). */
  readonlyToken?: boolean | string;
}

/** Each secret field: the flag that used to carry it, and where it comes from now. */
const SECRETS = {
  apiSecret: { flag: '--api-secret', env: API_SECRET_ENV, what: (exchange: string) => `${exchange} API secret` },
  privateKey: { flag: '--private-key', env: PRIVATE_KEY_ENV, what: (exchange: string) => `${exchange} private key` },
  readonlyToken: { flag: READONLY_TOKEN_FLAG, env: READONLY_TOKEN_ENV, what: () => 'Paradex read-only token' },
} as const;
type SecretField = keyof typeof SECRETS;

const sourceOf = (field: SecretField, exchangeName: string): SecretSource => ({ env: SECRETS[field].env, what: SECRETS[field].what(exchangeName) });

/** Which secret an add needs: Bybit and WOO X an API secret, Paradex a read-only token or a private key, Hyperliquid none. */
export function secretFieldForAdd(exchange: ExchangeId, flags: CredentialFlags): SecretField | null {
  if (exchange === 'bybit' || exchange === 'woox') return 'apiSecret';
  if (exchange === 'paradex') return flags.readonlyToken !== undefined ? 'readonlyToken' : 'privateKey';
  return null;
}

/** Which secret a rotation needs follows from the public part given (the account's exchange is not known here). */
export function secretFieldForRotate(flags: CredentialFlags): SecretField | null {
  if (flags.readonlyToken !== undefined) return 'readonlyToken';
  return flags.apiKey ? 'apiSecret' : flags.address ? 'privateKey' : null;
}

/**
 * The credentials to send. The secret is asked for only once the public part it belongs to is
 * there (else the service names what is missing, without making the user type a secret first).
 */
export async function credentialsFromFlags(flags: CredentialFlags, field: SecretField | null, exchangeName: string): Promise<Record<string, string>> {
  if (flags.apiSecret !== undefined) throw secretFlagRefused(SECRETS.apiSecret.flag, sourceOf('apiSecret', exchangeName));
  if (flags.privateKey !== undefined) throw secretFlagRefused(SECRETS.privateKey.flag, sourceOf('privateKey', exchangeName));
  if (typeof flags.readonlyToken === 'string') throw secretFlagRefused(READONLY_TOKEN_FLAG, sourceOf('readonlyToken', exchangeName), { flagAlone: true });
  if (field === 'readonlyToken') return { readonlyToken: await readSecret(sourceOf('readonlyToken', exchangeName)) };
  const credentials: Record<string, string> = {};
  if (flags.address) credentials.address = flags.address;
  if (flags.apiKey) credentials.apiKey = flags.apiKey;
  const publicPart = field === 'apiSecret' ? flags.apiKey : flags.address;
  if (field && publicPart) credentials[field] = await readSecret(sourceOf(field, exchangeName));
  return credentials;
}
