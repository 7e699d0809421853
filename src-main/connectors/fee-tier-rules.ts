/**
 * What each exchange counts toward its fee tiers: the window (the constant sits beside its doc
 * sentence in the exchange's folder), what volume is in it, and the page that says so. Static
 * facts, needed even when an exchange's API cannot be reached.
 */
import type { ExchangeId } from '../core/exchange.ts';
import type { InstrumentKind } from '../core/instrument.ts';
import * as bybit from './bybit/constants.ts';
import * as hyperliquid from './hyperliquid/limits.ts';
import * as paradex from './paradex/constants.ts';
import * as woox from './woox/constants.ts';

export interface FeeTierRule {
  windowDays: number;
  /**
   * The instrument kinds of our own fills summed over the window: what the exchange's ladder counts
   * of what Perpvol stores (never spot or options, which Perpvol does not store).
   */
  kinds: readonly InstrumentKind[];
  /** What the exchange counts and how Perpvol's own figure compares, for a person. */
  counts: string;
  docsUrl: string;
}

export const FEE_TIER_RULES: Record<ExchangeId, FeeTierRule> = {
  hyperliquid: {
    windowDays: hyperliquid.FEE_TIER_WINDOW_DAYS,
    kinds: ['perpetual'],
    counts:
      'Hyperliquid counts 14-day weighted volume — perps plus twice your spot volume, your sub-accounts included, vaults apart — ' +
      'assessed daily in UTC. Perpvol counts the perp fills of the addresses you added here.',
    docsUrl: hyperliquid.FEE_TIERS_URL,
  },
  bybit: {
    windowDays: bybit.FEE_TIER_WINDOW_DAYS,
    // The contract VIP ladder counts derivatives: dated futures as well as perpetuals.
    kinds: ['perpetual', 'dated_future'],
    counts:
      'Bybit counts 30-day derivatives volume (perpetuals and futures) of the main account with its sub-accounts, refreshed daily ' +
      'at 07:00 UTC; an asset balance can also grant a level. Perpvol counts the perpetual and dated-futures fills of the accounts ' +
      'you added here (the other exchanges: perpetuals only).',
    docsUrl: bybit.FEE_TIERS_URL,
  },
  woox: {
    windowDays: woox.FEE_TIER_WINDOW_DAYS,
    kinds: ['perpetual'],
    counts:
      'WOO X sets fees from your WOO holdings (My WOO tier) together with 30-day trading volume, updated daily at 00:00 UTC. ' +
      'Perpvol counts the perp fills of the accounts you added here.',
    docsUrl: woox.FEE_TIERS_URL,
  },
  paradex: {
    windowDays: paradex.FEE_TIER_WINDOW_DAYS,
    kinds: ['perpetual'],
    counts:
      'Paradex counts 14-day perp and spot volume of the main account with its sub-accounts; Pro (API) orders pay by tier, ' +
      'Retail orders trade free. Perpvol counts the perp fills of the accounts you added here.',
    docsUrl: paradex.FEE_TIERS_URL,
  },
};
