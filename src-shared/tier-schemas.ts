/**
 * Fee-tier standing per exchange (GET /api/v1/tiers; docs/fee-tiers.md, docs/api.md) and the user's
 * per-exchange volume targets, declared once with zod like the rest of the contract. Rates are
 * fractions of notional (0.00045 = 4.5 bps); money is USD; dates are UTC days.
 */
import { z } from 'zod';
import { DaySchema, ErrorInfoSchema, ExchangeIdSchema, InstrumentKindSchema } from './schemas.ts';

/** A fee rate as a fraction of notional (negative = rebate); null when nobody says. */
const RateSchema = z.number().nullable();

export const TierWindowSchema = z.object({
  /** How many UTC days the exchange counts. */
  days: z.number().int().positive(),
  /** First and last day of the window that ends today (today included). */
  from: DaySchema,
  to: DaySchema,
});

export const CurrentTierSchema = z.object({
  name: z.string(),
  makerRate: RateSchema,
  takerRate: RateSchema,
  /** The volume this tier needs over the window (0 for the entry tier); null when the ladder does not list it. */
  volumeUsd: z.number().nullable(),
});

export const NextTierSchema = z.object({
  name: z.string(),
  /** Volume over the window that reaches this tier. */
  volumeUsd: z.number(),
  makerRate: RateSchema,
  takerRate: RateSchema,
});

export const RollOffDaySchema = z.object({
  /** The day on which `volumeUsd` is no longer in the window (it left at 00:00 UTC). */
  date: DaySchema,
  /** Volume of the day that leaves the window on `date`. */
  volumeUsd: z.number(),
  /** Volume a day, from today through `date`, that keeps the current tier all that time; null without a tier threshold. */
  keepPerDayUsd: z.number().nullable(),
  /** Volume a day, from today through `date`, that reaches the next tier by `date`; null without a next tier. */
  reachPerDayUsd: z.number().nullable(),
});

export const TierRiskSchema = z.object({
  tierName: z.string(),
  /** The first day the window no longer holds the tier if you do not trade. */
  date: DaySchema,
  /** How far below the tier's threshold the window falls on `date` without trades. */
  shortfallUsd: z.number(),
  /** Volume a day from today through `date` that keeps the tier. */
  perDayUsd: z.number(),
});

export const TierKeepSchema = z.object({
  tierName: z.string(),
  through: DaySchema,
  perDayUsd: z.number(),
});

export const TierTargetViewSchema = z.object({
  volumeUsd: z.number(),
  /** Volume still missing over the window (0 when reached). */
  neededUsd: z.number(),
  reached: z.boolean(),
});

export const TierViewSchema = z.object({
  window: TierWindowSchema,
  /** Our own exact sum over the window (see `counts` for what it covers). */
  volumeUsd: z.number(),
  /** The instrument kinds `volumeUsd` sums: what the exchange's ladder counts of what Perpvol stores. */
  kinds: z.array(InstrumentKindSchema),
  /** The perpetuals alone over the window, as the rest of the dashboard counts by default (= volumeUsd when `kinds` is perpetuals only). */
  perpetualVolumeUsd: z.number(),
  /** Whether Perpvol knows a ladder of more than one tier here (the exchange's, the shipped table or your file). */
  ladderKnown: z.boolean(),
  /** Where your own tier table goes (`tier-tables.json` in the data folder); null when the server has no such file path. */
  tierTableFile: z.string().nullable(),
  /** "exchange": the tier and rates come from the exchange's API; "perpvol": from the tier table. */
  source: z.enum(['exchange', 'perpvol']),
  tier: CurrentTierSchema.nullable(),
  nextTier: NextTierSchema.nullable(),
  /** Volume still needed over the window for the next tier; null at the top. */
  neededUsd: z.number().nullable(),
  /** What leaves the window on each of the coming days (as many days as the window is long). */
  rollOff: z.array(RollOffDaySchema),
  /** Date of the tier table used (shipped with Perpvol or your own file); null when the exchange gave everything. */
  tierTableAsOf: z.string().nullable(),
  /** Where that tier table comes from (URL of the exchange's fee page, or your file). */
  tierTableSource: z.string().nullable(),
  /** What the exchange counts toward its tiers, in words, and how that compares with `volumeUsd`. */
  counts: z.string(),
  /** The exchange's own figure for the window, when its API reports one. */
  reportedVolumeUsd: z.number().nullable(),
  /** "To keep <tier> through <date>, trade $X a day": the coming week. */
  keep: TierKeepSchema.nullable(),
  /** Set when, without trades, roll-off drops you below your current tier within 48 hours. */
  atRisk: TierRiskSchema.nullable(),
  /** Your target for this exchange's window, when you set one. */
  target: TierTargetViewSchema.nullable(),
  /** Why the exchange's own tier facts are missing (the answer then uses the tier table). */
  exchangeError: ErrorInfoSchema.nullable(),
  /** The exchange's page on fee tiers. */
  docsUrl: z.string(),
});

export const TiersSchema = z.object({
  asOf: z.string(),
  exchanges: z.partialRecord(ExchangeIdSchema, TierViewSchema),
  /** Your tier-table file could not be used (the shipped tables were); null when fine or absent. */
  tierTableError: ErrorInfoSchema.nullable(),
});

/** Largest target Perpvol takes: above every exchange's top tier, inside exact integer micro-dollars (2^53). */
export const MAX_TARGET_USD = 9_000_000_000;

export const SetTargetInputSchema = z.object({
  exchange: ExchangeIdSchema,
  /** USD over the exchange's tier window; null clears the target. */
  volumeUsd: z
    .number()
    .min(0.01, 'a target must be at least $0.01; send null to clear it')
    .max(MAX_TARGET_USD, 'a target must be at most $9,000,000,000')
    .nullable(),
});

export const TargetSchema = z.object({
  exchange: ExchangeIdSchema,
  volumeUsd: z.number().nullable(),
  updatedAt: z.string().nullable(),
});

export const TargetsSchema = z.object({ targets: z.array(TargetSchema) });

export type TierView = z.infer<typeof TierViewSchema>;
export type Tiers = z.infer<typeof TiersSchema>;
export type RollOffDay = z.infer<typeof RollOffDaySchema>;
export type TierRisk = z.infer<typeof TierRiskSchema>;
export type SetTargetInput = z.infer<typeof SetTargetInputSchema>;
export type Target = z.infer<typeof TargetSchema>;
