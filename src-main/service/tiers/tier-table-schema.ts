/**
 * The shape of a fee-tier table: Perpvol ships one per exchange, and a user may override any of
 * them with `tier-tables.json` in the data folder (same shape, any subset of exchanges). Checked
 * strictly, because a wrong table gives a trader wrong advice with a straight face: rates are
 * fractions (0.00045, not 0.045 %), thresholds rise with the tiers, names are unique.
 */
import { z } from 'zod';
import { DaySchema } from '../../../src-shared/schemas.ts';
import { exchanges } from '../../connectors/registry.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import { MAX_TARGET_USD } from '../../../src-shared/tier-schemas.ts';

/** A rate above 1 % of notional is a percent written as a fraction by mistake, never a real fee. */
const MAX_RATE = 0.01;

const rate = z
  .number()
  .min(-MAX_RATE, 'a rebate is a small negative fraction, e.g. -0.00001 for -0.001 %')
  .max(MAX_RATE, 'rates are fractions of notional: write 0.00045 for 0.045 % (4.5 bps)')
  .nullable();

export const TierRowSchema = z.object({
  name: z.string().trim().min(1, 'give the tier a name, e.g. "VIP 1"'),
  /** Volume over the window that qualifies, USD; 0 for the entry tier. */
  volumeUsd: z.number().min(0, 'a threshold cannot be negative').max(MAX_TARGET_USD, 'thresholds above $9,000,000,000 are beyond what Perpvol counts exactly'),
  makerRate: rate,
  takerRate: rate,
});

export const TierTableSchema = z
  .object({
    /** The day the table was checked against its source, YYYY-MM-DD. */
    asOf: DaySchema,
    /** Where the numbers come from (the exchange's fee page), shown beside them. */
    source: z.string().trim().min(1),
    /** Anything a reader should know about the table (what it leaves out). */
    note: z.string().optional(),
    tiers: z.array(TierRowSchema).min(1, 'list at least the entry tier'),
  })
  .superRefine((table, ctx) => {
    const seen = new Set<string>();
    table.tiers.forEach((tier, index) => {
      const key = tier.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['tiers', index, 'name'], message: `"${tier.name}" is listed twice` });
      seen.add(key);
      const previous = table.tiers[index - 1];
      if (previous && tier.volumeUsd <= previous.volumeUsd) {
        ctx.addIssue({ code: 'custom', path: ['tiers', index, 'volumeUsd'], message: `must be above the previous tier's ${previous.volumeUsd} (list tiers from lowest to highest)` });
      }
    });
  });

/** Keyed by the exchanges the app reads (its registry): a table for any other is a mistake to point out. */
export const TierTablesSchema = z.partialRecord(z.enum(exchanges.ids() as [ExchangeId, ...ExchangeId[]]), TierTableSchema);

export type TierRow = z.infer<typeof TierRowSchema>;
export type TierTable = z.infer<typeof TierTableSchema>;
export type TierTables = z.infer<typeof TierTablesSchema>;
