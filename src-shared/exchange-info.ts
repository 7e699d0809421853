/**
 * What the app shows and asks about an exchange, as data: the public part of each exchange's
 * descriptor (src-main/connectors/<exchange>/descriptor.ts), served by GET /api/v1/exchanges (and
 * over IPC). The renderer builds its credential forms, history notices and import offers from it,
 * and the service checks credentials with the same rule (checkCredentialForm), so neither keeps a
 * table of exchanges of its own.
 */
import { z } from 'zod';
import { ExchangeIdSchema } from './schemas.ts';

export const CredentialFieldSchema = z.object({
  /** The credentials key, e.g. 'apiKey'. */
  name: z.string(),
  label: z.string(),
  /** Secrets are typed into password inputs, kept in the secret store and never shown again. */
  secret: z.boolean(),
  placeholder: z.string(),
  /** What the trimmed value must match (a JavaScript regular expression), and what to say when it does not. */
  pattern: z.string(),
  message: z.string(),
  /** A prefix dropped before the check, case-insensitively (e.g. "Bearer " copied with a token). */
  dropPrefix: z.string().optional(),
});
export type CredentialField = z.infer<typeof CredentialFieldSchema>;

/** One kind of credential an exchange takes, where it takes several (Paradex: read-only token or subkey). */
export const CredentialVariantSchema = z.object({
  id: z.string(),
  label: z.string(),
  fields: z.array(CredentialFieldSchema),
  help: z.string(),
  /** The account `credentialKind`s this variant stands for (to preselect it when replacing a key). */
  kinds: z.array(z.string()),
  /** What it is, in a sentence: "a read-only token", "an address and private key". */
  called: z.string(),
});
export type CredentialVariant = z.infer<typeof CredentialVariantSchema>;

/** A colour for light backgrounds and one for dark, the same hue (the renderer's series-colors.ts rules). */
export const ShadeSchema = z.object({ light: z.string().regex(/^#[0-9a-f]{6}$/i), dark: z.string().regex(/^#[0-9a-f]{6}$/i) });
export type ShadeInfo = z.infer<typeof ShadeSchema>;

export const ExchangeInfoSchema = z.object({
  id: ExchangeIdSchema,
  label: z.string(),
  /** Where to create the key or find the address. */
  helpUrl: z.string(),
  /** REST origins: mainnet (the default) and the exchange's testnet, if it has one. */
  origins: z.object({ main: z.string(), test: z.string().nullable() }),
  /** The kinds of credential to choose from, the recommended one first. */
  credentials: z.array(CredentialVariantSchema).min(1),
  /** What the exchange keeps: a count of fills (the date moves as you trade) or a time horizon; null = all. */
  history: z.object({ limit: z.enum(['count', 'time']).nullable(), notice: z.string().nullable() }),
  /**
   * The exchange's own CSV export Perpvol can import for history the API no longer serves: where to
   * download it, and where its times' zone comes from (whether to set an offset); null = none.
   */
  csvImport: z.object({ format: z.string(), guidance: z.string(), timeZoneHelp: z.string() }).nullable(),
  /** The fee-tier window, in days. */
  feeTierWindowDays: z.number().int().positive(),
  /**
   * How the dashboard draws it: the exchange's own colour (its series, swatches and sparklines) and
   * further shades of the same hue for its second, third… account (the first account takes its own).
   */
  colors: z.object({ own: ShadeSchema, accounts: z.array(ShadeSchema) }),
});
export type ExchangeInfo = z.infer<typeof ExchangeInfoSchema>;

export const ExchangesSchema = z.object({ exchanges: z.array(ExchangeInfoSchema) });

/** A mistake per field name ('apiKey'); 'credentials' when no field is to blame. */
export type CredentialProblems = Record<string, string>;
export type CredentialFormCheck =
  | { ok: true; credentials: Record<string, string>; variant: CredentialVariant }
  | { ok: false; problems: CredentialProblems; variant: CredentialVariant; missing: string[] };

/**
 * The variant meant: the one named, else the one whose own fields the credentials fill most
 * (a Paradex read-only token, or an address with a private key), else the recommended one.
 */
export function chooseVariant(variants: readonly CredentialVariant[], credentials: Record<string, string>, id?: string): CredentialVariant {
  const named = id === undefined ? undefined : variants.find((variant) => variant.id === id);
  if (named) return named;
  const given = (variant: CredentialVariant) => variant.fields.filter((field) => (credentials[field.name] ?? '') !== '').length;
  return variants.reduce((best, variant) => (given(variant) > given(best) ? variant : best), variants[0]!);
}

/**
 * The credentials of the chosen variant, trimmed (a pasted key often carries a space or newline),
 * each checked against its field's pattern; fields of another variant given as well are refused.
 */
export function checkCredentialForm(variants: readonly CredentialVariant[], entered: Record<string, string>, id?: string): CredentialFormCheck {
  const variant = chooseVariant(variants, entered, id);
  const problems: CredentialProblems = {};
  const missing: string[] = [];
  const credentials: Record<string, string> = {};
  for (const field of variant.fields) {
    let value = (entered[field.name] ?? '').trim();
    if (field.dropPrefix) value = value.replace(new RegExp(`^${field.dropPrefix}`, 'i'), '').trim();
    credentials[field.name] = value;
    if (entered[field.name] === undefined) missing.push(field.name);
    if (!new RegExp(field.pattern).test(value)) problems[field.name] = field.message;
  }
  if (id === undefined) {
    const own = new Set(variant.fields.map((field) => field.name));
    const others = variants.filter((other) => other !== variant).flatMap((other) => other.fields.filter((field) => !own.has(field.name)));
    const extra = others.find((field) => (entered[field.name] ?? '').trim() !== '');
    if (extra) problems[extra.name] = `give either ${variants.map((v) => v.called).join(' or ')}, not both`;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems, variant, missing };
  return { ok: true, credentials, variant };
}
