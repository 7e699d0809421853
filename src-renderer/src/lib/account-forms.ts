/**
 * What "add account" asks for on each exchange — the fields and help text the server's exchange
 * descriptions give (GET /api/v1/exchanges) — and the validation that puts each problem next to
 * its field before anything is sent, by the same rule the service applies.
 */
import {
  checkCredentialForm,
  type CredentialField,
  type CredentialVariant,
  type ExchangeInfo,
} from '../../../src-shared/exchange-info.ts';
import { AddAccountInputSchema, type AddAccountInput, type ExchangeIdValue } from '../../../src-shared/schemas.ts';
import { formatDay } from './format.ts';

export type { CredentialField, CredentialVariant, ExchangeInfo };

/** The exchange's description from the list (the first one for an id the list lacks). */
export function formFor(exchanges: readonly ExchangeInfo[], exchange: string): ExchangeInfo | undefined {
  return exchanges.find((info) => info.id === exchange) ?? exchanges[0];
}

/** The chosen kind of credential (the recommended one when none or unknown is named). */
function variantFor(form: ExchangeInfo, variant?: string): CredentialVariant {
  return form.credentials.find((v) => v.id === variant) ?? form.credentials[0]!;
}

/** The fields and help of one variant of the exchange's credential (the default when none or unknown). */
export function credentialFormFor(form: ExchangeInfo, variant?: string): { fields: CredentialField[]; help: string } {
  const chosen = variantFor(form, variant);
  return { fields: chosen.fields, help: chosen.help };
}

export interface AddAccountDraft {
  exchange: ExchangeIdValue;
  label: string;
  credentials: Record<string, string>;
  baseUrl: string;
  allowWithdrawalPermission: boolean;
  /** Which kind of credential, where the exchange takes several (default: the recommended one). */
  variant?: string;
}

/** Field name → message; credential fields use their own names ('apiKey'), others 'label', 'baseUrl'. */
export type FieldErrors = Record<string, string>;

export type DraftCheck = { ok: true; input: AddAccountInput } | { ok: false; errors: FieldErrors };

export type CredentialsCheck = { ok: true; credentials: Record<string, string> } | { ok: false; errors: FieldErrors };

/** The exchange's credential fields, trimmed and checked; used by "add account" and "replace key". */
export function checkCredentials(form: ExchangeInfo, entered: Record<string, string>, variant?: string): CredentialsCheck {
  const check = checkCredentialForm(form.credentials, entered, variantFor(form, variant).id);
  return check.ok ? { ok: true, credentials: check.credentials } : { ok: false, errors: { ...check.problems } };
}

/** Only the chosen credential's own fields, trimmed (a pasted key often carries a space or newline). */
function trimmedCredentials(form: ExchangeInfo, entered: Record<string, string>, variant?: string): Record<string, string> {
  const credentials: Record<string, string> = {};
  for (const field of variantFor(form, variant).fields) credentials[field.name] = (entered[field.name] ?? '').trim();
  return credentials;
}

export function checkDraft(form: ExchangeInfo, draft: AddAccountDraft): DraftCheck {
  const credentialCheck = checkCredentials(form, draft.credentials, draft.variant);
  const errors: FieldErrors = credentialCheck.ok ? {} : { ...credentialCheck.errors };
  const credentials = credentialCheck.ok ? credentialCheck.credentials : trimmedCredentials(form, draft.credentials, draft.variant);
  const candidate = {
    exchange: draft.exchange,
    label: draft.label,
    credentials,
    ...(draft.baseUrl.trim() ? { baseUrl: draft.baseUrl.trim() } : {}),
    ...(draft.allowWithdrawalPermission ? { allowWithdrawalPermission: true } : {}),
  };
  const inputCheck = AddAccountInputSchema.safeParse(candidate);
  if (!inputCheck.success) {
    for (const issue of inputCheck.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      if (field === 'credentials') continue;
      errors[field] ??= field === 'baseUrl' ? 'use an http(s) address, e.g. https://api-testnet.bybit.com' : issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !inputCheck.success) return { ok: false, errors };
  return { ok: true, input: inputCheck.data };
}

/** Exchanges whose accounts hold a key that can be replaced (one read by address only has none). */
export function hasReplaceableKey(form: ExchangeInfo | undefined): boolean {
  return form?.credentials.some((variant) => variant.fields.some((field) => field.secret)) ?? false;
}

const CREDENTIAL_NAMES: Record<string, string> = {
  readonly_token: 'Read-only token',
  subkey: 'Subkey',
  main_key: 'Main key',
  unknown_key: 'Private key',
};

/** "Read-only token · until 31 Jan 2027" for the account card; '' when the account says nothing. */
export function credentialDescription(account: { credentialKind?: string | undefined; credentialExpiresAt?: string | undefined }): string {
  const name = account.credentialKind ? CREDENTIAL_NAMES[account.credentialKind] : undefined;
  if (!name) return '';
  return account.credentialExpiresAt ? `${name} · until ${formatDay(account.credentialExpiresAt.slice(0, 10))}` : name;
}

/** The variant an existing account uses (to preselect it in "Replace key"), where the exchange takes several. */
export function variantOf(form: ExchangeInfo, account: { credentialKind?: string | undefined }): string | undefined {
  if (form.credentials.length < 2) return undefined;
  const kind = account.credentialKind;
  return (kind === undefined ? form.credentials[0] : form.credentials.find((variant) => variant.kinds.includes(kind)))?.id;
}
