/**
 * The parts of Paradex answers Perpvol reads, validated at the edge. Field names and enums from the
 * API spec (https://docs.paradex.trade/api/prod/account/list-fills, …/system/get-system-config,
 * …/account/get-info; the same spec generates paradex-py `api/generated/responses.py`). Unknown
 * extra fields pass through untouched so additions on Paradex's side break nothing.
 */
import { z } from 'zod';
import { malformedAnswer } from '../http/exchange-errors.ts';
import { isDecimalString } from '../../core/usd.ts';
import { PARADEX_LABEL } from './constants.ts';

const decimal = z.string().refine(isDecimalString, 'a decimal number as a string');

export const systemConfigSchema = z.looseObject({
  starknet_chain_id: z.string().min(1),
});

export const authResponseSchema = z.looseObject({
  jwt_token: z.string().min(1),
});

export const fillRowSchema = z.looseObject({
  id: z.string().min(1),
  market: z.string().min(1),
  side: z.enum(['BUY', 'SELL']),
  liquidity: z.enum(['MAKER', 'TAKER']).nullish(),
  price: decimal,
  size: decimal,
  fee: decimal,
  fee_currency: z.string(),
  order_id: z.string().nullish(),
  client_id: z.string().nullish(),
  fill_type: z.string().nullish(),
  created_at: z.number().int().nonnegative(),
});
export type ParadexFillRow = z.infer<typeof fillRowSchema>;

export const fillsPageSchema = z.looseObject({
  next: z.string().nullish(),
  prev: z.string().nullish(),
  results: z.array(fillRowSchema),
});
export type ParadexFillsPage = z.infer<typeof fillsPageSchema>;

export const accountInfoSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      account: z.string().nullish(),
      public_key: z.string().nullish(),
      kind: z.string().nullish(),
      parent_account: z.string().nullish(),
    }),
  ),
});

/** `{"error": "CODE", "message": "…", "data"?: …}` — https://docs.paradex.trade/api/prod/account/list-fills (Errors). */
export const errorEnvelopeSchema = z.looseObject({
  error: z.string(),
  message: z.string().nullish(),
});

/** Parses `value` or explains that Paradex sent something Perpvol cannot read; `where` names the request. */
export function parseAnswer<T>(schema: z.ZodType<T>, value: unknown, what: string, where = 'a request'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const detail = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
  // Retryable, as Paradex's answers have always been treated: a later sync asks again.
  throw malformedAnswer(PARADEX_LABEL, where, `${what} Perpvol cannot read (${detail})`, true);
}
