/**
 * Hyperliquid's own volume figures, shown beside Perpvol's sums: userFees.dailyUserVlm for recent
 * days (userCross = taker, userAdd = maker) and the portfolio's all-time volume, which still
 * counts fills older than the 10,000 the fills endpoints serve.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 */
import { usdToMicros } from '../../core/usd.ts';
import type { ReportedVolume } from '../connector.ts';
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
  return { daily: dailyUserVolume(fees), allTimeMicros: allTimeVolume(portfolio), asOf: now };
}

/** userFees.dailyUserVlm as UTC days of taker (userCross) + maker (userAdd) volume, in micro-dollars. */
export function dailyUserVolume(fees: UserFees): { day: string; volumeMicros: number; makerMicros: number; takerMicros: number }[] {
  return fees.dailyUserVlm.map((entry) => {
    const takerMicros = usdToMicros(entry.userCross);
    const makerMicros = usdToMicros(entry.userAdd);
    return { day: isoDay(entry.date), volumeMicros: takerMicros + makerMicros, makerMicros, takerMicros };
  });
}

/** Perpvol counts perps only, so the perp-only all-time window is the comparable one when offered. */
function allTimeVolume(portfolio: Portfolio): number | null {
  const windows = new Map(portfolio);
  const window = windows.get('perpAllTime') ?? windows.get('allTime');
  return window ? usdToMicros(window.vlm) : null;
}

/** "2025-5-3" or "2025-05-03" → "2025-05-03". */
function isoDay(date: string): string {
  const [year, month, day] = date.split('-');
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}
