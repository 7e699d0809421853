/** The `POST /info` answers Perpvol reads: https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint */
import { z } from 'zod';
import { isDecimalString } from '../../core/usd.ts';

const decimal = z.string().refine(isDecimalString, 'expected a decimal number as a string');

/** One row of userFills / userFillsByTime. Fields Perpvol does not use are allowed to vary. */
export const HlFillSchema = z.object({
  coin: z.string().min(1),
  px: decimal,
  sz: decimal,
  side: z.enum(['B', 'A']),
  time: z.number().int().nonnegative(),
  oid: z.number().int().nonnegative(),
  tid: z.number().int().nonnegative(),
  /** true = the fill took liquidity (taker). */
  crossed: z.boolean(),
  /** Negative = rebate. Includes the builder fee when there is one. */
  fee: decimal,
  feeToken: z.string().min(1),
  builderFee: decimal.nullish(),
  dir: z.string().optional(),
  hash: z.string().optional(),
  closedPnl: decimal.optional(),
  startPosition: decimal.optional(),
});
export type HlFill = z.infer<typeof HlFillSchema>;

export const HlFillsSchema = z.array(HlFillSchema);

/** userFees: recent per-day volume (userCross = taker, userAdd = maker) and fee rates. */
export const UserFeesSchema = z.looseObject({
  dailyUserVlm: z.array(
    z.looseObject({
      date: z.string().regex(/^\d{4}-\d{1,2}-\d{1,2}$/),
      userCross: decimal,
      userAdd: decimal,
      exchange: decimal.optional(),
    }),
  ),
  userCrossRate: decimal.optional(),
  userAddRate: decimal.optional(),
  /**
   * The exchange-wide perp fee schedule: base rates (cross = taker, add = maker) and the VIP tiers
   * by 14-day volume cutoff (ntlCutoff). Optional: the volume figures above do not depend on it.
   */
  feeSchedule: z
    .looseObject({
      cross: decimal,
      add: decimal,
      tiers: z.looseObject({ vip: z.array(z.looseObject({ ntlCutoff: decimal, cross: decimal, add: decimal })) }),
    })
    .optional(),
});
export type UserFees = z.infer<typeof UserFeesSchema>;

/** portfolio: [[window, {accountValueHistory, pnlHistory, vlm}], …] for day…allTime and perpDay…perpAllTime. */
export const PortfolioSchema = z.array(z.tuple([z.string(), z.looseObject({ vlm: decimal })]));

/** clearinghouseState: only the account value is read (for the credential check). */
export const ClearinghouseStateSchema = z.looseObject({
  marginSummary: z.looseObject({ accountValue: decimal }),
});
