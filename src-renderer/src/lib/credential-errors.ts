/**
 * Which credential field a rejected key is about, so the message sits next to the field the user
 * must fix (e.g. Bybit's "signature" error means the secret, not the key). Matched on the stable
 * error codes of the connectors; anything else stays a message for the whole form.
 */
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';

const FIELD_BY_CODE: Record<string, string> = {
  invalid_api_key: 'apiKey',
  api_key_expired: 'apiKey',
  invalid_signature: 'apiSecret',
  woox_invalid_key_format: 'apiSecret',
  woox_key_rejected: 'apiSecret',
  paradex_invalid_private_key: 'privateKey',
  paradex_invalid_signature: 'privateKey',
  paradex_token_rejected: 'privateKey',
  paradex_invalid_address: 'address',
  paradex_unknown_account: 'address',
  paradex_invalid_token: 'readonlyToken',
  paradex_token_expired: 'readonlyToken',
  paradex_token_revoked: 'readonlyToken',
};

/** The field an error code points at on this exchange's form (its description's fields), or null for a form-wide error. */
export function fieldForError(form: ExchangeInfo | undefined, code: string): string | null {
  const field = FIELD_BY_CODE[code];
  const fields = form?.credentials.flatMap((variant) => variant.fields.map((f) => f.name)) ?? [];
  return field !== undefined && fields.includes(field) ? field : null;
}
