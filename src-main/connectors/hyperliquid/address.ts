/**
 * A Hyperliquid account is an EVM-style address: a main account, sub-account or vault. Reading it
 * needs no key, so the address is the whole credential, and checking it is checking that
 * Hyperliquid answers for it: nothing secret is held and nothing can move funds.
 */
import { badInput } from '../../core/errors.ts';
import { usdToMicros } from '../../core/usd.ts';
import type { CredentialCheck } from '../kit/connector.ts';
import { LIGHT_INFO_WEIGHT, type HyperliquidInfoClient } from './client.ts';
import { ClearinghouseStateSchema } from './schemas.ts';

/** The address in lowercase (Hyperliquid's canonical form), or a bad_input error saying what is wrong. */
export function parseAddress(credentials: Record<string, string>): string {
  const address = credentials['address']?.trim() ?? '';
  if (address === '') throw badInput('invalid_address', 'A Hyperliquid account needs its address (0x followed by 40 hex digits).');
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) {
    const shown = address.length > 60 ? `${address.slice(0, 60)}…` : address;
    throw badInput(
      'invalid_address',
      `"${shown}" is not a Hyperliquid address: it must be 0x followed by 40 hex digits (42 characters). ` +
        'Copy the address of the main account, sub-account or vault from app.hyperliquid.xyz.',
    );
  }
  return address.toLowerCase();
}

export async function checkHyperliquidAddress(client: HyperliquidInfoClient, address: string, signal: AbortSignal): Promise<CredentialCheck> {
  // clearinghouseState is among the cheapest info requests and answers for any address.
  const state = await client.info({ type: 'clearinghouseState', user: address }, ClearinghouseStateSchema, LIGHT_INFO_WEIGHT, signal);
  const empty = usdToMicros(state.marginSummary.accountValue) === 0;
  return {
    identity: address,
    canWithdrawOrTransfer: false,
    permissions: { access: 'public read-only (address only, no key)' },
    warnings: empty ? ['This address holds nothing in its Hyperliquid perp account right now. If you trade from a sub-account or a vault, add that address too.'] : [],
  };
}
