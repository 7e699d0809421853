import type { z } from 'zod';
import { API_METHODS, type ApiMethodName } from '../../src-shared/contract.ts';
import { checkCredentialForm } from '../../src-shared/exchange-info.ts';
import { badInput } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges, type ExchangeRegistry } from '../connectors/registry.ts';

/**
 * Every method of the service checks its own input with the contract's schemas, whichever face
 * called it: REST and IPC validate too, but the service is the one place that must never trust.
 * An exchange id is checked against `registry` (the exchanges this app is built with): the
 * contract only checks its shape.
 */
export function parseInput<K extends ApiMethodName>(
  method: K,
  input: unknown,
  registry: ExchangeRegistry = exchanges,
): z.output<(typeof API_METHODS)[K]['input']> {
  const result = API_METHODS[method].input.safeParse(input ?? {});
  if (result.success) {
    const exchange: unknown = (result.data as { exchange?: unknown }).exchange;
    if (typeof exchange === 'string' && !registry.has(exchange)) throw unknownExchange(registry);
    // an import's `format` names an export the registry's exchanges read
    const format: unknown = (result.data as { format?: unknown }).format;
    const formats = registry.all().flatMap((descriptor) => (descriptor.csv ? [descriptor.csv.format] : []));
    if (typeof format === 'string' && format !== 'auto' && !formats.includes(format)) {
      throw badInput('invalid_input', `format: use auto or one of: ${formats.join(', ')}.`);
    }
    return result.data as z.output<(typeof API_METHODS)[K]['input']>;
  }
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  if (field === 'exchange') throw unknownExchange(registry);
  throw badInput('invalid_input', `${field ? `${field}: ` : ''}${issue?.message ?? 'the request is malformed'}.`);
}

function unknownExchange(registry: ExchangeRegistry) {
  return badInput('unknown_exchange', `\`exchange\`: unknown exchange; use one of: ${registry.ids().join(', ')}.`);
}

/** The credentials an exchange needs, trimmed, with only the fields of the kind meant (its descriptor's credential form). */
export function parseCredentials(exchange: ExchangeId, credentials: Record<string, string>, registry: ExchangeRegistry = exchanges): Record<string, string> {
  const descriptor = registry.get(exchange);
  const check = checkCredentialForm(descriptor.info.credentials, credentials);
  if (check.ok) return check.credentials;
  const [field, problem] = Object.entries(check.problems)[0] ?? ['credentials', 'invalid'];
  const what = check.missing.includes(field) ? `credentials.${field} is missing` : `credentials.${field}: ${problem}`;
  throw badInput('invalid_credentials', `${what}. ${descriptor.credentialHint}.`);
}

/** The public identity of a credential, for duplicate detection: addresses, canonical. */
export function publicIdentity(exchange: ExchangeId, credentials: Record<string, string>, registry: ExchangeRegistry = exchanges): string | null {
  return registry.get(exchange).publicIdentity?.(credentials) ?? null;
}
