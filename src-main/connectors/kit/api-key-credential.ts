/**
 * The credential of an exchange that signs with an API key and secret (Bybit, WOO X): the same two
 * fields everywhere, so a form, the CLI and the REST check read them alike; only the help (where to
 * create a read-only key on that exchange) and the key's placeholder differ.
 */
import type { CredentialVariant } from '../../../src-shared/exchange-info.ts';
import { badInput } from '../../core/errors.ts';

export function apiKeyCredential(help: string, keyPlaceholder = ''): CredentialVariant {
  return {
    id: 'api_key',
    label: 'API key',
    called: 'an API key and secret',
    kinds: [],
    fields: [
      { name: 'apiKey', label: 'API key', secret: false, placeholder: keyPlaceholder, pattern: '.', message: 'the API key is empty' },
      { name: 'apiSecret', label: 'API secret', secret: true, placeholder: '', pattern: '.', message: 'the API secret is empty' },
    ],
    help,
  };
}

/** The key and secret a connector signs with, trimmed; without both, the exchange's own `code` and `message`. */
export function apiKeyPair(credentials: Record<string, string>, code: string, message: string): { apiKey: string; apiSecret: string } {
  const apiKey = credentials['apiKey']?.trim();
  const apiSecret = credentials['apiSecret']?.trim();
  if (!apiKey || !apiSecret) throw badInput(code, message);
  return { apiKey, apiSecret };
}
