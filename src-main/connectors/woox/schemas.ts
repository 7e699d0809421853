/**
 * Shapes of WOO X answers, validated at the edge. WOO X is loose about types across versions and
 * endpoints: its docs print prices as strings and fees as numbers, live answers have carried
 * numbers for prices and "seconds.millis" strings for times (see CCXT's recorded responses). So
 * decimals accept either and are kept as the exact text; ids are integers that can exceed 2^53
 * (the docs' own example trade id is 1954766344355779056), which is why raw answers pass through
 * `quoteLargeIntegers` before JSON.parse.
 */
import { z } from 'zod';
import { isDecimalString } from '../../core/usd.ts';

/** Rewrites bare integer values of id-like keys (REST answers and stream reports) as strings so no digit is lost to float parsing. */
export function quoteLargeIntegers(text: string): string {
  return text.replace(/"(id|tradeId|orderId|fromId|userId)"(\s*):(\s*)(-?\d+)(?=\s*[,}\]])/g, '"$1"$2:$3"$4"');
}

const decimal = z
  .union([z.string(), z.number()])
  .transform((value) => (typeof value === 'number' ? String(value) : value.trim()))
  .refine(isDecimalString, { message: 'not a decimal number' });

const integerId = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform((value) => String(value));

/** ms integers as documented, or "1752055173.630" seconds strings as some answers carry. */
const epochMs = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = String(value).trim();
  const seconds = /^(\d{9,10})\.(\d{1,3})$/.exec(text);
  if (seconds) return Number(seconds[1]) * 1000 + Number(seconds[2]!.padEnd(3, '0'));
  if (/^\d{12,13}$/.test(text)) return Number(text);
  ctx.addIssue({ code: 'custom', message: `not a timestamp: ${text}` });
  return z.NEVER;
});

const flag = z.union([z.boolean(), z.number(), z.string()]).transform((value) => value === true || value === 1 || value === '1' || value === 'true');

export const transactionRowSchema = z.object({
  id: integerId,
  symbol: z.string().min(1),
  orderId: integerId.nullish(),
  executedPrice: decimal,
  executedQuantity: decimal,
  isMaker: flag,
  /** "BUY"/"SELL" (one-way mode); "OPEN LONG", "OPEN SHORT", "CLOSE LONG", "CLOSE SHORT" (hedge mode). */
  side: z.string().min(1),
  fee: decimal,
  feeAsset: z.string(),
  executedTimestamp: epochMs,
});
export type TransactionRow = z.infer<typeof transactionRowSchema>;

/** A v3 answer's success envelope around its `data`. */
const success = <Data extends z.ZodRawShape>(data: Data) => z.object({ success: z.literal(true), data: z.object(data) });

/** `meta` of paged v3 answers; every field optional (some answers leave meta out entirely). */
const pageMetaSchema = z.object({ total: z.number(), recordsPerPage: z.number(), currentPage: z.number() }).partial();

export const transactionHistorySchema = success({ rows: z.array(transactionRowSchema), meta: pageMetaSchema.optional() }).extend({
  timestamp: z.number().optional(),
});

export const accountInfoSchema = success({
  applicationId: z.string(),
  account: z.string().nullish(),
  alias: z.string().nullish(),
  accountType: z.string().nullish(),
});

export const credentialsSchema = success({
  rows: z.array(
    z.object({
      accountName: z.string().nullish(),
      userId: integerId.nullish(),
      apiKey: z.string(),
      permissions: z.array(z.string()),
      allowedIPs: z.array(z.string()).nullish(),
    }),
  ),
  meta: pageMetaSchema.optional(),
});
export type ListedKey = z.infer<typeof credentialsSchema>['data']['rows'][number];

/** `{"success":false,"code":-1002,"message":"…"}`; codes have also been seen as strings ("-1011"). */
export const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  code: z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]),
  message: z.string().optional().default(''),
});

/** `GET /v3/trade/tradingFee`: the account's rates on one symbol, in basis points. */
export const tradingFeeSchema = success({ symbol: z.string().optional(), takerFee: decimal, makerFee: decimal });
