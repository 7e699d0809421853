/**
 * The account's fee tier as Hyperliquid reports it, from one `userFees` request
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#query-a-users-fees):
 * `userCrossRate`/`userAddRate` are the rates this user pays (taker/maker, after staking and
 * referral discounts), `feeSchedule` holds the base rates and the VIP tiers by 14-day volume
 * cutoff, and `dailyUserVlm` the exchange's own per-day volume, of which the last 14 days are the
 * volume its tier is judged on. Hyperliquid does not name the tier: Perpvol places the volume on
 * the ladder ("Tier 0" … "Tier 6", the names of the fee page).
 */
import { addDays, utcDay } from '../../core/days.ts';
import { usdToMicros } from '../../core/usd.ts';
import type { FeeTierFacts, FeeTierStep } from '../kit/connector.ts';
import type { HyperliquidInfoClient } from './client.ts';
import { FEE_TIER_WINDOW_DAYS, INFO_WEIGHT } from './limits.ts';
import { dailyUserVolume } from './reported-volume.ts';
import { UserFeesSchema, type UserFees } from './schemas.ts';

export async function fetchHyperliquidFeeTiers(client: HyperliquidInfoClient, address: string, signal: AbortSignal, now: number): Promise<FeeTierFacts> {
  const fees = await client.info({ type: 'userFees', user: address }, UserFeesSchema, INFO_WEIGHT, signal);
  return {
    tierName: null,
    takerRate: fees.userCrossRate === undefined ? null : Number(fees.userCrossRate),
    makerRate: fees.userAddRate === undefined ? null : Number(fees.userAddRate),
    ladder: ladderOf(fees),
    reportedVolumeMicros: windowVolume(fees, now),
    windowDays: null,
  };
}

function ladderOf(fees: UserFees): FeeTierStep[] | null {
  const schedule = fees.feeSchedule;
  if (!schedule) return null;
  return [
    { name: 'Tier 0', volumeMicros: 0, takerRate: Number(schedule.cross), makerRate: Number(schedule.add) },
    ...schedule.tiers.vip.map((tier, index) => ({
      name: `Tier ${index + 1}`,
      volumeMicros: usdToMicros(tier.ntlCutoff),
      takerRate: Number(tier.cross),
      makerRate: Number(tier.add),
    })),
  ];
}

/** Σ taker + maker volume of the days in the 14-day window ending today, as the exchange counts them. */
function windowVolume(fees: UserFees, now: number): bigint | null {
  if (fees.dailyUserVlm.length === 0) return null;
  const today = utcDay(now);
  const first = addDays(today, -(FEE_TIER_WINDOW_DAYS - 1));
  let sum = 0n;
  for (const { day, volumeMicros } of dailyUserVolume(fees)) if (day >= first && day <= today) sum += volumeMicros;
  return sum;
}
