/**
 * What "add account" asks for on each exchange, with help text a new user can follow, and the
 * validation that puts each problem next to its field before anything is sent.
 */
import type { z } from 'zod';
import {
  AddAccountInputSchema,
  HyperliquidCredentialsSchema,
  KeyPairCredentialsSchema,
  paradexCredentialsSchema,
  type AddAccountInput,
  type ExchangeIdValue,
} from '../../../src-shared/schemas.ts';
import { formatDay } from './format.ts';

export interface CredentialField {
  name: string;
  label: string;
  /** Secrets are typed into password inputs and never shown again. */
  secret: boolean;
  placeholder: string;
}

/** One kind of credential an exchange takes, where it takes several (Paradex: read-only token or subkey). */
export interface CredentialVariant {
  id: string;
  label: string;
  fields: CredentialField[];
  help: string;
}

export interface ExchangeForm {
  exchange: ExchangeIdValue;
  label: string;
  /** The fields of the default (first) variant, or of the only kind of credential. */
  fields: CredentialField[];
  help: string;
  /** Where to create the key or find the address. */
  helpUrl: string;
  /** The kinds of credential to choose from, the recommended one first. */
  variants?: CredentialVariant[];
}

/**
 * How to create a Paradex read-only token, as Paradex documents it
 * (https://docs.paradex.trade/trading/api-authentication, "Creating Readonly Tokens").
 */
const PARADEX_TOKEN_HELP =
  'Recommended: a read-only token can only read — nothing on this computer could trade or withdraw. In Paradex open Settings → Key Management, ' +
  'choose the "Read-only" tab and click "+ Add New Key"; give it a name and an expiration, then copy the token (it is shown only once) and paste it here. ' +
  'Perpvol shows its expiry date and warns a week before; you can revoke it in Paradex at any time.';

const PARADEX_VARIANTS: CredentialVariant[] = [
  {
    id: 'readonly_token',
    label: 'Read-only token (recommended)',
    fields: [{ name: 'readonlyToken', label: 'Read-only token', secret: true, placeholder: 'eyJ…' }],
    help: PARADEX_TOKEN_HELP,
  },
  {
    id: 'subkey',
    label: 'Subkey',
    fields: [
      { name: 'address', label: 'L2 account address', secret: false, placeholder: '0x…' },
      { name: 'privateKey', label: 'Subkey private key', secret: true, placeholder: '0x…' },
    ],
    help:
      'Your Paradex L2 (Starknet) account address and the private key of a subkey (Settings → Key Management → Subkeys → "+ Add New Key"). ' +
      'A subkey cannot withdraw or transfer, but it can trade; a read-only token is safer.',
  },
];

export const EXCHANGE_FORMS: ExchangeForm[] = [
  {
    exchange: 'hyperliquid',
    label: 'Hyperliquid',
    fields: [{ name: 'address', label: 'Wallet address', secret: false, placeholder: '0x…' }],
    help: 'Only your public address is needed — Hyperliquid serves fill history without a key. Use a sub-account or vault address to track it on its own. Hyperliquid keeps only your 10,000 most recent fills.',
    helpUrl: 'https://app.hyperliquid.xyz/portfolio',
  },
  {
    exchange: 'bybit',
    label: 'Bybit',
    fields: [
      { name: 'apiKey', label: 'API key', secret: false, placeholder: 'e.g. Xy12…' },
      { name: 'apiSecret', label: 'API secret', secret: true, placeholder: '' },
    ],
    help: 'In Bybit → API Management, create a system-generated key with "Read-Only" access (Unified Trading: Orders and Positions). Perpvol never needs withdraw or transfer permission. Bybit serves two years of fills.',
    helpUrl: 'https://www.bybit.com/app/user/api-management',
  },
  {
    exchange: 'woox',
    label: 'WOO X',
    fields: [
      { name: 'apiKey', label: 'API key', secret: false, placeholder: '' },
      { name: 'apiSecret', label: 'API secret', secret: true, placeholder: '' },
    ],
    help: 'In WOO X → Account → API Management, create a key with the "Read" permission only (no trading, no withdrawal).',
    helpUrl: 'https://x.woo.org/en/account/sub-account',
  },
  {
    exchange: 'paradex',
    label: 'Paradex',
    fields: PARADEX_VARIANTS[0]!.fields,
    help: PARADEX_VARIANTS[0]!.help,
    helpUrl: 'https://app.paradex.trade/',
    variants: PARADEX_VARIANTS,
  },
];

export function formFor(exchange: ExchangeIdValue): ExchangeForm {
  return EXCHANGE_FORMS.find((f) => f.exchange === exchange) ?? EXCHANGE_FORMS[0]!;
}

/** The fields and help of one variant of the exchange's credential (the default when none or unknown). */
export function credentialFormFor(exchange: ExchangeIdValue, variant?: string): { fields: CredentialField[]; help: string } {
  const form = formFor(exchange);
  const chosen = form.variants?.find((v) => v.id === variant) ?? form.variants?.[0];
  return chosen ? { fields: chosen.fields, help: chosen.help } : { fields: form.fields, help: form.help };
}

const CREDENTIAL_SCHEMAS: Record<ExchangeIdValue, (credentials: Record<string, string>) => z.ZodType<Record<string, string>>> = {
  bybit: () => KeyPairCredentialsSchema,
  woox: () => KeyPairCredentialsSchema,
  hyperliquid: () => HyperliquidCredentialsSchema,
  paradex: paradexCredentialsSchema,
};

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

/** Only the chosen credential's own fields, trimmed (a pasted key often carries a space or newline). */
function trimmedCredentials(exchange: ExchangeIdValue, entered: Record<string, string>, variant?: string): Record<string, string> {
  const credentials: Record<string, string> = {};
  for (const field of credentialFormFor(exchange, variant).fields) credentials[field.name] = (entered[field.name] ?? '').trim();
  return credentials;
}

export type CredentialsCheck = { ok: true; credentials: Record<string, string> } | { ok: false; errors: FieldErrors };

/** The exchange's credential fields, trimmed and checked; used by "add account" and "replace key". */
export function checkCredentials(exchange: ExchangeIdValue, entered: Record<string, string>, variant?: string): CredentialsCheck {
  const errors: FieldErrors = {};
  const credentials = trimmedCredentials(exchange, entered, variant);
  const check = CREDENTIAL_SCHEMAS[exchange](credentials).safeParse(credentials);
  if (check.success) return { ok: true, credentials: check.data };
  for (const issue of check.error.issues) {
    const field = String(issue.path[0] ?? 'credentials');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

export function checkDraft(draft: AddAccountDraft): DraftCheck {
  const credentialCheck = checkCredentials(draft.exchange, draft.credentials, draft.variant);
  const errors: FieldErrors = credentialCheck.ok ? {} : { ...credentialCheck.errors };
  const credentials = credentialCheck.ok ? credentialCheck.credentials : trimmedCredentials(draft.exchange, draft.credentials, draft.variant);
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

/** Exchanges whose accounts hold a key that can be replaced (Hyperliquid is read by address only). */
export function hasReplaceableKey(exchange: ExchangeIdValue): boolean {
  return formFor(exchange).fields.some((field) => field.secret);
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

/** The variant an existing account uses (to preselect it in "Replace key"). */
export function variantOf(account: { exchange: ExchangeIdValue; credentialKind?: string | undefined }): string | undefined {
  if (account.exchange !== 'paradex') return undefined;
  return account.credentialKind === 'readonly_token' || account.credentialKind === undefined ? 'readonly_token' : 'subkey';
}
