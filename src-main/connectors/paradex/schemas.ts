/**
 * The parts of Paradex answers Perpvol reads, validated at the edge. Field names and enums from the
 * API spec (https://docs.paradex.trade/api/prod/account/list-fills, …/system/get-system-config,
 * …/account/get-info; the same spec generates paradex-py `api/generated/responses.py`). Unknown
 * extra fields pass through untouched so additions on Paradex's side break nothing.
 */
import { z } from 'zod';
import { isDecimalString } from '../../core/usd.ts';

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
  fill_type: z.string().nullish(),
  created_at: z.number().int().nonnegative(),
});
export type ParadexFillRow = z.infer<typeof fillRowSchema>;

export const fillsPageSchema = z.looseObject({
  next: z.string().nullish(),
  results: z.array(fillRowSchema),
});

/** GET /v1/markets (public) → results of responses.MarketResp; only what classifies a market is read. */
export const marketsSchema = z.looseObject({
  results: z
    .array(
      z.looseObject({
        symbol: z.string().min(1),
        asset_kind: z.string().nullish(),
        base_currency: z.string().nullish(),
      }),
    )
    .nullish(),
});

/** GET /v1/tradebusts → {next, results: [responses.TradebustResult]}. */
export const tradebustsPageSchema = z.looseObject({
  next: z.string().nullish(),
  results: z
    .array(
      z.looseObject({
        busted_fill_id: z.string().min(1),
        created_at: z.number().int().nonnegative().nullish(),
      }),
    )
    .nullish(),
});

/** GET /v1/account/info → responses.GetAccountsInfoResponse. */
export const accountInfoSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      account: z.string().nullish(),
      public_key: z.string().nullish(),
      kind: z.string().nullish(),
      parent_account: z.string().nullish(),
      /** Profile kind ("retail", "pro") → the account's tier ("VIP 1") and its volume over the tier window (responses.VolumeTierKindInfo). */
      volume_tiers: z.record(z.string(), z.looseObject({ tier: z.string().nullish(), volume: decimal.nullish() })).nullish(),
      /** The rates the account pays now. */
      fees: z.looseObject({ maker_rate: decimal.nullish(), taker_rate: decimal.nullish() }).nullish(),
    }),
  ),
});

/**
 * GET /v1/system/volume-tiers (public) → results of responses.VolumeTierResp
 * (https://docs.paradex.trade/api/prod/system/get-volume-tiers). Every field is read leniently: a
 * row without what a use needs is skipped by that use (fee-tiers.ts), not the whole table.
 */
export const volumeTiersSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      kind: z.string().nullish(),
      tier_name: z.string().nullish(),
      min_volume: decimal.nullish(),
      /** The window the tier is judged on, e.g. "14d". */
      min_volume_duration: z.string().nullish(),
      sort_order: z.number().nullish(),
      /** Keys are not documented ("map from string to string"); read leniently (fee-tiers.ts). */
      fee_rates: z.record(z.string(), z.string()).nullish(),
    }),
  ),
});
