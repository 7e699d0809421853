/**
 * Checking a Hyperliquid "credential": the address is well formed and Hyperliquid answers for it.
 * Reading is public, so nothing secret is held and nothing can move funds.
 */
import { usdToMicros } from '../../core/usd.ts';
import type { CredentialCheck } from '../kit/connector.ts';
import type { HyperliquidInfoClient } from './client.ts';
import { LIGHT_INFO_WEIGHT } from './limits.ts';
import { ClearinghouseStateSchema } from './schemas.ts';

export async function checkHyperliquidAddress(
  client: HyperliquidInfoClient,
  address: string,
  signal: AbortSignal,
): Promise<CredentialCheck> {
  // clearinghouseState is among the cheapest info requests (weight 2) and answers for any address.
  const state = await client.info({ type: 'clearinghouseState', user: address }, ClearinghouseStateSchema, LIGHT_INFO_WEIGHT, signal);
  const warnings: string[] = [];
  if (usdToMicros(state.marginSummary.accountValue) === 0) {
    warnings.push(
      'This address holds nothing in its Hyperliquid perp account right now. If you trade from a sub-account or a vault, add that address too.',
    );
  }
  return {
    identity: address,
    canWithdrawOrTransfer: false,
    permissions: { access: 'public read-only (address only, no key)' },
    warnings,
  };
}
