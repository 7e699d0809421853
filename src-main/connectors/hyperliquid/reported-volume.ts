/**
 * Hyperliquid's own volume figures, shown beside Perpvol's sums: userFees.dailyUserVlm for recent
 * days (userCross = taker, userAdd = maker) and the portfolio's all-time volume, which still
 * counts fills older than the 10,000 the fills endpoints serve.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 */
import { usdToBigMicros } from '../../core/usd.ts';
import type { ReportedVolume } from '../kit/connector.ts';
import type { HyperliquidInfoClient } from './client.ts';
import { INFO_WEIGHT } from './limits.ts';
import { PortfolioSchema, UserFeesSchema, type Portfolio, type UserFees } from './schemas.ts';

export async function fetchReportedVolume(
  client: HyperliquidInfoClient,
  address: string,
  signal: AbortSignal,
  now: number,
): Promise<ReportedVolume> {
  const [fees, portfolio] = await Promise.all([
    client.info({ type: 'userFees', user: address }, UserFeesSchema, INFO_WEIGHT, signal),
    client.info({ type: 'portfolio', user: address }, PortfolioSchema, INFO_WEIGHT, signal),
  ]);
  return { daily: dailyUserVolume(fees), dailyLabel: DAILY_USER_VOLUME_LABEL, allTimeMicros: allTimeVolume(portfolio), asOf: now };
}

/**
 * What `dailyUserVlm` counts (docs/counting.md, "Reconciliation"): the volume
 * Hyperliquid's fee tiers are judged on — spot as well as perps, and for a master account its
 * sub-accounts' volume too. Beside our perp-only sum of this one address it differs whenever the
 * user trades spot or has sub-accounts, which is expected, not missing fills.
 */
export const DAILY_USER_VOLUME_LABEL = 'Hyperliquid fee-tier volume (includes spot and sub-accounts)';

/** userFees.dailyUserVlm as UTC days of taker (userCross) + maker (userAdd) volume, in exact micro-dollars. */
export function dailyUserVolume(fees: UserFees): { day: string; volumeMicros: bigint; makerMicros: bigint; takerMicros: bigint }[] {
  return fees.dailyUserVlm.map((entry) => {
    const takerMicros = usdToBigMicros(entry.userCross);
    const makerMicros = usdToBigMicros(entry.userAdd);
    return { day: isoDay(entry.date), volumeMicros: takerMicros + makerMicros, makerMicros, takerMicros };
  });
}

/** Perpvol counts perps only, so the perp-only all-time window is the comparable one when offered. */
function allTimeVolume(portfolio: Portfolio): bigint | null {
  const windows = new Map(portfolio);
  const window = windows.get('perpAllTime') ?? windows.get('allTime');
  return window ? usdToBigMicros(window.vlm) : null;
}

/** "2025-5-3" or "2025-05-03" → "2025-05-03". */
function isoDay(date: string): string {
  const [year, month, day] = date.split('-');
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}
