/**
 * The rates a WOO X account pays, from `GET /v3/trade/tradingFee` on a perpetual (WOO X's futures
 * rates are per account tier, not per symbol). Its API names no tier and publishes no ladder, so
 * the tier name and the next step come from Perpvol's tier table.
 */
import type { FeeTierFacts } from '../kit/connector.ts';
import type { WooxClient } from './client.ts';
import { TRADING_FEE_PATH } from './constants.ts';
import { tradingFeeSchema } from './schemas.ts';

/**
 * "4.5" basis points → 0.00045 (the docs' example answers "10" for 0.10 %). Shifting the exponent of
 * the decimal text gives the double nearest the exact value (4.5 / 10000 would give 0.00045000000000000004).
 */
export function basisPointsToRate(text: string): number {
  return Number(`${text.trim()}e-4`);
}

export async function fetchWooxFeeTiers(client: WooxClient, signal: AbortSignal): Promise<FeeTierFacts> {
  const answer = await client.get(TRADING_FEE_PATH, [['symbol', 'PERP_BTC_USDT']], tradingFeeSchema, signal);
  return {
    tierName: null,
    takerRate: basisPointsToRate(answer.data.takerFee),
    makerRate: basisPointsToRate(answer.data.makerFee),
    ladder: null,
    reportedVolumeMicros: null,
    windowDays: null,
  };
}
