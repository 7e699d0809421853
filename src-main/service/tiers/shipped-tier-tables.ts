/**
 * The fee-tier ladders Perpvol ships, used where an exchange's API does not publish its own (or
 * cannot be reached). Each is copied from the exchange's fee page on `asOf`; the dashboard shows
 * that date and link beside every figure taken from here, and `tier-tables.json` in the data folder
 * replaces any of them (docs/fee-tiers.md, "The tier tables and your own"). Rates are fractions of notional, perpetuals, before
 * personal discounts (staking, referrals); where the exchange's API reports your own rates, those win.
 */
import type { TierTables } from './tier-table-schema.ts';

export const SHIPPED_TIER_TABLES = {
  hyperliquid: {
    asOf: '2026-12-01',
    // "Perps fee tiers … 14d weighted volume … Tier 0 … >$5M … >$7B" (Taker / Maker per tier).
    source: 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees',
    note: 'Base rates before HYPE-staking and referral discounts; your own rates come from userFees.',
    tiers: [
      { name: 'Tier 0', volumeUsd: 0, takerRate: 0.00045, makerRate: 0.00015 },
      { name: 'Tier 1', volumeUsd: 5_000_000, takerRate: 0.0004, makerRate: 0.00012 },
      { name: 'Tier 2', volumeUsd: 25_000_000, takerRate: 0.00035, makerRate: 0.00008 },
      { name: 'Tier 3', volumeUsd: 100_000_000, takerRate: 0.0003, makerRate: 0.00004 },
      { name: 'Tier 4', volumeUsd: 500_000_000, takerRate: 0.00028, makerRate: 0 },
      { name: 'Tier 5', volumeUsd: 2_000_000_000, takerRate: 0.00026, makerRate: 0 },
      { name: 'Tier 6', volumeUsd: 7_000_000_000, takerRate: 0.00024, makerRate: 0 },
    ],
  },
  paradex: {
    asOf: '2026-12-01',
    // "Pro … Taker fees … based on your 14D volume … Pro 0 — 0.045% … Pro 4 ≥ 25M 0.035%";
    // "Flat 0.003% (0.3 bps) fee on all Perps and Spot maker orders". Retail orders pay 0 %.
    source: 'https://docs.paradex.trade/trading/trading-fees',
    note: 'The Pro ladder (API orders). Retail (UI) orders trade at 0 % and have no tiers to chase.',
    tiers: [
      { name: 'Pro 0', volumeUsd: 0, takerRate: 0.00045, makerRate: 0.00003 },
      { name: 'Pro 1', volumeUsd: 1_000_000, takerRate: 0.00042, makerRate: 0.00003 },
      { name: 'Pro 2', volumeUsd: 5_000_000, takerRate: 0.00039, makerRate: 0.00003 },
      { name: 'Pro 3', volumeUsd: 10_000_000, takerRate: 0.00037, makerRate: 0.00003 },
      { name: 'Pro 4', volumeUsd: 25_000_000, takerRate: 0.00035, makerRate: 0.00003 },
    ],
  },
  bybit: {
    asOf: '2026-12-01',
    // "Perpetual & Futures Contracts Trading" rates per VIP level; "The VIP level is determined based
    // on either your asset balance or your trading volume over the past 30 days".
    source: 'https://www.bybit.com/en/help-center/article/Trading-Fee-Structure',
    note:
      'Rates from Bybit\'s fee page; the 30-day derivatives-volume thresholds are the ones Bybit has published for its VIP ' +
      'program and may have changed — Bybit\'s API reports your actual level and rates, which win.',
    tiers: [
      { name: 'VIP 0', volumeUsd: 0, takerRate: 0.00055, makerRate: 0.0002 },
      { name: 'VIP 1', volumeUsd: 10_000_000, takerRate: 0.0004, makerRate: 0.00018 },
      { name: 'VIP 2', volumeUsd: 25_000_000, takerRate: 0.000375, makerRate: 0.00016 },
      { name: 'VIP 3', volumeUsd: 50_000_000, takerRate: 0.00035, makerRate: 0.00014 },
      { name: 'VIP 4', volumeUsd: 100_000_000, takerRate: 0.00032, makerRate: 0.00012 },
      { name: 'VIP 5', volumeUsd: 250_000_000, takerRate: 0.00032, makerRate: 0.0001 },
      { name: 'Supreme VIP', volumeUsd: 500_000_000, takerRate: 0.0003, makerRate: 0 },
    ],
  },
  woox: {
    asOf: '2026-12-01',
    // WOO X's fees depend on the "My WOO" holding tier (≥ 1,800 … ≥ 1,000,000 WOO) together with
    // 30-day volume; it publishes no volume ladder Perpvol could confirm, so only the base rates.
    source: 'https://support.woox.io/hc/en-us/articles/44469977475481--My-WOO',
    note:
      'Base futures rates only: WOO X combines your WOO holdings with 30-day volume and its ladder could not be confirmed. ' +
      'Your actual rates come from WOO X\'s API; add the ladder of your holding tier to tier-tables.json to see the next tier.',
    tiers: [{ name: 'Base', volumeUsd: 0, takerRate: 0.0005, makerRate: 0.0002 }],
  },
} as const satisfies Required<TierTables>;
