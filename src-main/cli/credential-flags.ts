/**
 * The credentials of `perpvol accounts add|rotate`: the public part (API key id, address) from
 * flags, the secret part — Bybit / WOO X API secret, Paradex private key or read-only token — only
 * from the environment or a hidden prompt (secret-input.ts). A secret written on the command line
 * is refused before anything is stored.
 */
import { chooseVariant } from '../../src-shared/exchange-info.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges, type ExchangeRegistry } from '../connectors/registry.ts';
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
  readonlyToken: { flag: READONLY_TOKEN_FLAG, env: READONLY_TOKEN_ENV, what: (exchange: string) => `${exchange} read-only token` },
} as const;
type SecretField = keyof typeof SECRETS;

const sourceOf = (field: SecretField, exchangeName: string): SecretSource => ({ env: SECRETS[field].env, what: SECRETS[field].what(exchangeName) });

/**
 * Which secret an add needs, from the exchange's credential form (its descriptor): the secret of
 * the kind of credential the public flags point at (an API key: its secret; an address: a private
 * key; none for an address alone). A credential that is a secret alone (a read-only token) is read
 * only when its own flag asks for it.
 */
export function secretFieldForAdd(exchange: ExchangeId, flags: CredentialFlags, registry: ExchangeRegistry = exchanges): SecretField | null {
  const variants = registry.get(exchange).info.credentials;
  const secretOf = (fields: { name: string; secret: boolean }[]) => (fields.find((field) => field.secret)?.name ?? null) as SecretField | null;
  if (flags.readonlyToken !== undefined) {
    const token = variants.find((variant) => variant.fields.some((field) => field.name === 'readonlyToken'));
    if (token) return 'readonlyToken';
  }
  const withPublicPart = variants.filter((variant) => variant.fields.some((field) => !field.secret));
  const given: Record<string, string> = { ...(flags.address ? { address: flags.address } : {}), ...(flags.apiKey ? { apiKey: flags.apiKey } : {}) };
  return secretOf(chooseVariant(withPublicPart.length > 0 ? withPublicPart : variants, given).fields);
}

/** "Bybit / WOO X": the exchanges whose credentials have this field, for the prompt of a rotation and the flags' help. */
export function exchangesTaking(field: string | null): string {
  const names = exchanges.all().filter((exchange) => exchange.info.credentials.some((variant) => variant.fields.some((f) => f.name === field)));
  return names.map((exchange) => exchange.info.label).join(' / ');
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
