/**
 * The parts of Paradex answers Perpvol reads, validated at the edge. Field names and enums from the
 * API spec (https://docs.paradex.trade/api/prod/account/list-fills, …/system/get-system-config,
 * …/account/get-info; the same spec generates paradex-py `api/generated/responses.py`). Unknown
 * extra fields pass through untouched so additions on Paradex's side break nothing.
 */
import { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
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
      /** Effective tier and traded volume per order classification ("retail", "pro"). */
      volume_tiers: z.record(z.string(), z.looseObject({ tier: z.string().nullish(), volume: decimal.nullish() })).nullish(),
      fees: z.looseObject({ maker_rate: decimal.nullish(), taker_rate: decimal.nullish() }).nullish(),
    }),
  ),
});

/** GET /v1/system/volume-tiers (public), https://docs.paradex.trade/api/prod/system/get-volume-tiers */
export const volumeTiersSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      kind: z.string(),
      tier_name: z.string(),
      min_volume: decimal,
      min_volume_duration: z.string().nullish(),
      sort_order: z.number().nullish(),
      /** Keys are not documented ("map from string to string"); read leniently (fee-tiers.ts). */
      fee_rates: z.record(z.string(), z.string()).nullish(),
    }),
  ),
});

/** `{"error": "CODE", "message": "…", "data"?: …}` — https://docs.paradex.trade/api/prod/account/list-fills (Errors). */
export const errorEnvelopeSchema = z.looseObject({
  error: z.string(),
  message: z.string().nullish(),
});

/** Parses `value` or explains that Paradex sent something Perpvol cannot read. */
export function parseAnswer<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
  throw new PerpvolError(
    'exchange_unavailable',
    'malformed_response',
    `${PARADEX_LABEL} sent ${what} Perpvol cannot read (${where}). Nothing was stored from it; ` +
      'the sync will try again, and if this persists Paradex may have changed its API — please report it.',
    true,
  );
}
