/**
 * What the volume cost (GET /api/v1/costs, shared CostRow contract; every figure's formula in
 * docs/costs.md), declared once with zod like the rest of the contract. Money is USD (exact sums of
 * micro-dollars), rates are fractions of notional (0.00045 = 4.5 bps), dates are UTC days.
 */
import { z } from 'zod';
import { DaySchema, ExchangeIdSchema, InstrumentKindSchema, KindsSchema, UnpricedFeeSchema } from './schemas.ts';

export const CostGroupBySchema = z.enum(['exchange', 'account', 'day']);

export const CostsQuerySchema = z.object({
  /** First UTC day, inclusive; default: 29 days before `to` (the last 30 UTC days). */
  from: DaySchema.optional(),
  /** Last UTC day, inclusive; default: today (UTC). */
  to: DaySchema.optional(),
  groupBy: CostGroupBySchema.optional(),
  kinds: KindsSchema.optional(),
});

const Rate = z.number().nullable();

export const CostTierSchema = z.object({
  name: z.string(),
  makerRate: Rate,
  takerRate: Rate,
  /** 'exchange': the rates your exchange reports for you; 'perpvol': the tier table's ladder. */
  source: z.enum(['exchange', 'perpvol']),
});

export const NextTierCostSchema = z.object({
  name: z.string(),
  makerRate: Rate,
  takerRate: Rate,
  /** tierCost − what the same maker and taker volume would have cost at this tier's rates; null when a rate is unknown. */
  savingsUsd: z.number().nullable(),
  /** The volume this tier needs over the exchange's tier window. */
  thresholdUsd: z.number(),
  /** Volume still needed over the window to reach it (at your current window volume). */
  neededVolumeUsd: z.number(),
  /** That volume priced at your own fees per $1M over the range; null without volume in the range. */
  chaseCostUsd: z.number().nullable(),
});

export const CostRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  exchange: ExchangeIdSchema.nullable(),
  accountId: z.string().nullable(),
  date: DaySchema.nullable(),
  volumeUsd: z.number(),
  makerVolumeUsd: z.number(),
  takerVolumeUsd: z.number(),
  /** Volume of fills whose side is unknown (e.g. Hyperliquid's CSV export): volume − maker − taker. */
  unknownSideVolumeUsd: z.number(),
  /** Net of rebates (a rebate is a negative fee); fees in tokens without a USD price are in `unpricedFees`. */
  feesUsd: z.number(),
  makerFeesUsd: z.number(),
  takerFeesUsd: z.number(),
  /** Fees of fills without a side: feesUsd − makerFeesUsd − takerFeesUsd. */
  unknownSideFeesUsd: z.number(),
  feesPerMillionUsd: z.number().nullable(),
  makerRate: Rate,
  takerRate: Rate,
  /** Maker volume ÷ (maker + taker volume): over fills with a known side only. */
  makerShare: z.number().nullable(),
  trades: z.number().int(),
  unpricedFees: z.array(UnpricedFeeSchema),
  tier: CostTierSchema.nullable(),
  /** makerVolume × tier maker rate + takerVolume × tier taker rate; null without a tier or a rate. */
  tierCostUsd: z.number().nullable(),
  /** feesUsd − tierCostUsd: positive = you paid more than your tier's rates. */
  vsTierUsd: z.number().nullable(),
  /** Set when |vsTierUsd| is beyond rounding: the likely causes, in words. */
  tierGap: z.object({ causes: z.array(z.string()) }).nullable(),
  /** Why there is no tier to compare with (no known ladder), in words; null otherwise. */
  tierNote: z.string().nullable(),
  nextTiers: z.array(NextTierCostSchema),
});

export const CostChartSeriesSchema = z.object({
  exchange: ExchangeIdSchema,
  label: z.string(),
  /** Dense: every day of the range, zero-filled; fees per $1M of a bucket = Σ fees ÷ Σ volume × 1,000,000. */
  days: z.array(z.object({ date: DaySchema, volumeUsd: z.number(), feesUsd: z.number(), feesPerMillionUsd: z.number().nullable() })),
});

export const CheapestExchangeSchema = z.object({
  exchange: ExchangeIdSchema,
  label: z.string(),
  /** What your mix would cost per $1M here: makerShare × maker rate + (1 − makerShare) × taker rate, × 1,000,000. */
  feesPerMillionUsd: z.number(),
  makerRate: z.number(),
  takerRate: z.number(),
  /** 'paid': your effective rates there over the window; 'tier': your tier's rates (no fills of that side there). */
  ratesFrom: z.enum(['paid', 'tier']),
});

export const CheapestSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  /** Your maker share over the window, all exchanges together (fills with a known side). */
  makerShare: z.number(),
  /** Every exchange with known rates, cheapest first. */
  exchanges: z.array(CheapestExchangeSchema),
});

export const CostsSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  groupBy: CostGroupBySchema,
  kinds: z.array(InstrumentKindSchema),
  rows: z.array(CostRowSchema),
  total: CostRowSchema,
  /** Fees per $1M by exchange, day by day over the range. */
  chart: z.array(CostChartSeriesSchema),
  /** The cheapest exchange for your own maker/taker mix over the last 30 UTC days; null without volume there. */
  cheapest: CheapestSchema.nullable(),
});

export type CostsQuery = z.infer<typeof CostsQuerySchema>;
export type CostRow = z.infer<typeof CostRowSchema>;
export type Costs = z.infer<typeof CostsSchema>;
export type CostGroupBy = z.infer<typeof CostGroupBySchema>;
export type NextTierCost = z.infer<typeof NextTierCostSchema>;
export type Cheapest = z.infer<typeof CheapestSchema>;
