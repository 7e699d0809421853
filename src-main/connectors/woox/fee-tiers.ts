/**
 * The rates a WOO X account pays, from `GET /v3/trade/tradingFee` on a perpetual. WOO X's API
 * names no tier and publishes no ladder (its fees follow the "My WOO" holding tier and 30-day
 * volume), so the tier name and the next step come from Perpvol's tier table.
 */
import type { FeeTierFacts } from '../kit/connector.ts';
import type { WooxClient } from './client.ts';
import { BASIS_POINTS_PER_UNIT, TRADING_FEE_PATH, TRADING_FEE_REFERENCE_SYMBOL } from './constants.ts';
import { tradingFeeSchema } from './schemas.ts';

/**
 * "4.5" basis points → 0.00045. Shifting the exponent of the decimal text gives the double nearest
 * the exact value (4.5 / 10000 in floating point would not: 0.00045000000000000004).
 */
export function basisPointsToRate(text: string): number {
  const exponent = Math.log10(BASIS_POINTS_PER_UNIT);
  return Number(`${text.trim()}e-${exponent}`);
}

export async function fetchWooxFeeTiers(client: WooxClient, signal: AbortSignal): Promise<FeeTierFacts> {
  const answer = await client.get(TRADING_FEE_PATH, [['symbol', TRADING_FEE_REFERENCE_SYMBOL]], tradingFeeSchema, signal);
  return {
    tierName: null,
    takerRate: basisPointsToRate(answer.data.takerFee),
    makerRate: basisPointsToRate(answer.data.makerFee),
    ladder: null,
    reportedVolumeMicros: null,
    windowDays: null,
  };
}
