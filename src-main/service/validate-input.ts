import type { z } from 'zod';
import { API_METHODS, type ApiMethodName } from '../../src-shared/contract.ts';
import { checkCredentialForm } from '../../src-shared/exchange-info.ts';
import { badInput } from '../core/errors.ts';
import { EXCHANGE_IDS, type ExchangeId } from '../core/exchange.ts';
import { exchanges } from '../connectors/registry.ts';

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

/** The credentials an exchange needs, trimmed, with only the fields of the kind meant (its descriptor's credential form). */
export function parseCredentials(exchange: ExchangeId, credentials: Record<string, string>): Record<string, string> {
  const descriptor = exchanges.get(exchange);
  const check = checkCredentialForm(descriptor.info.credentials, credentials);
  if (check.ok) return check.credentials;
  const [field, problem] = Object.entries(check.problems)[0] ?? ['credentials', 'invalid'];
  const what = check.missing.includes(field) ? `credentials.${field} is missing` : `credentials.${field}: ${problem}`;
  throw badInput('invalid_credentials', `${what}. ${descriptor.credentialHint}.`);
}

/** The public identity of a credential, for duplicate detection: addresses, canonical. */
export function publicIdentity(exchange: ExchangeId, credentials: Record<string, string>): string | null {
  return exchanges.get(exchange).publicIdentity?.(credentials) ?? null;
}
