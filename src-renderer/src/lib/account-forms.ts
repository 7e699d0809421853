/**
 * What "add account" asks for on each exchange, with help text a new user can follow, and the
 * validation that puts each problem next to its field before anything is sent.
 */
import {
  AddAccountInputSchema,
  HyperliquidCredentialsSchema,
  KeyPairCredentialsSchema,
  ParadexCredentialsSchema,
  type AddAccountInput,
  type ExchangeIdValue,
} from '../../../src-shared/schemas.ts';

export interface CredentialField {
  name: string;
  label: string;
  /** Secrets are typed into password inputs and never shown again. */
  secret: boolean;
  placeholder: string;
}

export interface ExchangeForm {
  exchange: ExchangeIdValue;
  label: string;
  fields: CredentialField[];
  help: string;
  /** Where to create the key or find the address. */
  helpUrl: string;
}

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
    fields: [
      { name: 'address', label: 'L2 account address', secret: false, placeholder: '0x…' },
      { name: 'privateKey', label: 'L2 or subkey private key', secret: true, placeholder: '0x…' },
    ],
    help: 'Use your Paradex L2 (Starknet) account address and a subkey\'s private key (Paradex → Settings → API / Subkeys). A subkey can read your history but cannot withdraw.',
    helpUrl: 'https://app.paradex.trade/',
  },
];

export function formFor(exchange: ExchangeIdValue): ExchangeForm {
  return EXCHANGE_FORMS.find((f) => f.exchange === exchange) ?? EXCHANGE_FORMS[0]!;
}

const CREDENTIAL_SCHEMAS = {
  bybit: KeyPairCredentialsSchema,
  woox: KeyPairCredentialsSchema,
  hyperliquid: HyperliquidCredentialsSchema,
  paradex: ParadexCredentialsSchema,
} as const;

export interface AddAccountDraft {
  exchange: ExchangeIdValue;
  label: string;
  credentials: Record<string, string>;
  baseUrl: string;
  allowWithdrawalPermission: boolean;
}

/** Field name → message; credential fields use their own names ('apiKey'), others 'label', 'baseUrl'. */
export type FieldErrors = Record<string, string>;

export type DraftCheck = { ok: true; input: AddAccountInput } | { ok: false; errors: FieldErrors };

/** Only the exchange's own fields, trimmed (a pasted key often carries a space or newline). */
function trimmedCredentials(exchange: ExchangeIdValue, entered: Record<string, string>): Record<string, string> {
  const credentials: Record<string, string> = {};
  for (const field of formFor(exchange).fields) credentials[field.name] = (entered[field.name] ?? '').trim();
  return credentials;
}

export type CredentialsCheck = { ok: true; credentials: Record<string, string> } | { ok: false; errors: FieldErrors };

/** The exchange's credential fields, trimmed and checked; used by "add account" and "replace key". */
export function checkCredentials(exchange: ExchangeIdValue, entered: Record<string, string>): CredentialsCheck {
  const errors: FieldErrors = {};
  const credentials = trimmedCredentials(exchange, entered);
  const check = CREDENTIAL_SCHEMAS[exchange].safeParse(credentials);
  if (check.success) return { ok: true, credentials };
  for (const issue of check.error.issues) {
    const field = String(issue.path[0] ?? 'credentials');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

export function checkDraft(draft: AddAccountDraft): DraftCheck {
  const credentialCheck = checkCredentials(draft.exchange, draft.credentials);
  const errors: FieldErrors = credentialCheck.ok ? {} : { ...credentialCheck.errors };
  const credentials = trimmedCredentials(draft.exchange, draft.credentials);
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
