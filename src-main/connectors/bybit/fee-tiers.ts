/**
 * The account's fee tier as Bybit reports it: the VIP level from GET /v5/user/query-api
 * (`vipLevel`) and the contract rates it pays from GET /v5/account/fee-rate. Bybit publishes no
 * volume ladder through its API, so the ladder (what the next level needs) comes from Perpvol's
 * tier table. Level names are brought to the fee page's spelling ("VIP-1" → "VIP 1",
 * "No VIP" → "VIP 0", "VIP-Supreme" → "Supreme VIP", "PRO-2" → "Pro 2").
 */
import { PerpvolError } from '../../core/errors.ts';
import type { FeeTierFacts } from '../kit/connector.ts';
import type { BybitClient } from './client.ts';
import { FEE_RATE_PATH, FEE_RATE_REFERENCE, QUERY_API_PATH } from './constants.ts';
import { ApiKeyInfoSchema, FeeRateResultSchema, parseOrMalformed } from './schemas.ts';

export function bybitTierName(vipLevel: string): string {
  const level = vipLevel.trim();
  if (/^no\s*vip$/i.test(level)) return 'VIP 0';
  if (/^vip[-\s]?supreme$/i.test(level) || /^supreme[-\s]?vip$/i.test(level)) return 'Supreme VIP';
  const numbered = /^(vip|pro)[-\s]?(\d+)$/i.exec(level);
  if (numbered) return `${numbered[1]!.toLowerCase() === 'vip' ? 'VIP' : 'Pro'} ${numbered[2]}`;
  return level;
}

export async function fetchBybitFeeTiers(client: BybitClient, signal: AbortSignal): Promise<FeeTierFacts> {
  const key = parseOrMalformed(ApiKeyInfoSchema, await client.get(QUERY_API_PATH, [], signal), 'API key information', `GET ${QUERY_API_PATH}`);
  const rates = parseOrMalformed(FeeRateResultSchema, await feeRate(client, signal), 'fee rates', `GET ${FEE_RATE_PATH}`);
  const rate = rates.list.find((row) => row.symbol === FEE_RATE_REFERENCE.symbol) ?? rates.list[0];
  return {
    tierName: key.vipLevel ? bybitTierName(key.vipLevel) : null,
    takerRate: rate ? Number(rate.takerFeeRate) : null,
    makerRate: rate ? Number(rate.makerFeeRate) : null,
    ladder: null,
    reportedVolumeMicros: null,
    windowDays: null,
  };
}

async function feeRate(client: BybitClient, signal: AbortSignal): Promise<unknown> {
  try {
    return await client.get(FEE_RATE_PATH, [['category', FEE_RATE_REFERENCE.category], ['symbol', FEE_RATE_REFERENCE.symbol]], signal);
  } catch (error) {
    // The generic message speaks of trade history; here it is the fee rate that was refused.
    if (error instanceof PerpvolError && error.code === 'permission_denied') {
      throw new PerpvolError(
        'credentials_rejected',
        'permission_denied',
        'Bybit would not tell this API key its fee rate (permission denied). Perpvol shows your tier from its tier table instead; ' +
          'a read-only key with Contract and Wallet read access lets Bybit report your own level and rates.',
        false,
        { cause: error },
      );
    }
    throw error;
  }
}
