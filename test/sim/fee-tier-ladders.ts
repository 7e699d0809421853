/**
 * The simulators' own fee-tier ladders, our reading of each exchange's fee page (cited in the
 * connectors' constants), kept apart from the tables Perpvol ships so a test can tell whose numbers
 * an answer carries. Tests may hand a simulator a smaller ladder, so seeded histories of a few
 * thousand fills land between two tiers. Rates are decimal strings, as the exchanges print them.
 */
import { usdMicros } from './truth/decimal.ts';

export interface SimTier {
  /** The exchange's own spelling ("VIP-1", "Tier 1", "Pro 1"…). */
  name: string;
  /** USD over the window that qualifies. */
  volumeUsd: string;
  taker: string;
  maker: string;
}

/** The highest tier `volumeMicros` reaches (ladders are lowest first). */
export function simTierFor(ladder: readonly SimTier[], volumeMicros: bigint): { tier: SimTier; index: number } {
  let index = 0;
  ladder.forEach((tier, i) => {
    if (volumeMicros >= usdMicros(tier.volumeUsd)) index = i;
  });
  return { tier: ladder[index]!, index };
}

/** https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees — perps, 14-day volume. */
export const HYPERLIQUID_SIM_LADDER: SimTier[] = [
  { name: 'Tier 0', volumeUsd: '0', taker: '0.00045', maker: '0.00015' },
  { name: 'Tier 1', volumeUsd: '5000000', taker: '0.0004', maker: '0.00012' },
  { name: 'Tier 2', volumeUsd: '25000000', taker: '0.00035', maker: '0.00008' },
  { name: 'Tier 3', volumeUsd: '100000000', taker: '0.0003', maker: '0.00004' },
  { name: 'Tier 4', volumeUsd: '500000000', taker: '0.00028', maker: '0' },
  { name: 'Tier 5', volumeUsd: '2000000000', taker: '0.00026', maker: '0' },
  { name: 'Tier 6', volumeUsd: '7000000000', taker: '0.00024', maker: '0' },
];

/** Bybit's contract ladder by 30-day derivatives volume, with the `vipLevel` names of its API enum. */
export const BYBIT_SIM_LADDER: SimTier[] = [
  { name: 'No VIP', volumeUsd: '0', taker: '0.00055', maker: '0.0002' },
  { name: 'VIP-1', volumeUsd: '10000000', taker: '0.0004', maker: '0.00018' },
  { name: 'VIP-2', volumeUsd: '25000000', taker: '0.000375', maker: '0.00016' },
  { name: 'VIP-3', volumeUsd: '50000000', taker: '0.00035', maker: '0.00014' },
  { name: 'VIP-4', volumeUsd: '100000000', taker: '0.00032', maker: '0.00012' },
  { name: 'VIP-5', volumeUsd: '250000000', taker: '0.00032', maker: '0.0001' },
  { name: 'VIP-Supreme', volumeUsd: '500000000', taker: '0.0003', maker: '0' },
];

/** WOO X futures rates in basis points by 30-day volume (its tradingFee answer carries bps). */
export const WOOX_SIM_LADDER: SimTier[] = [
  { name: 'base', volumeUsd: '0', taker: '5', maker: '2' },
  { name: 'volume 1', volumeUsd: '10000000', taker: '4.5', maker: '1.8' },
  { name: 'volume 2', volumeUsd: '50000000', taker: '4', maker: '1.5' },
];

/** Paradex Pro (API orders) by 14-day volume; taker varies, maker is flat. */
export const PARADEX_PRO_SIM_LADDER: SimTier[] = [
  { name: 'Pro 0', volumeUsd: '0', taker: '0.00045', maker: '0.00003' },
  { name: 'Pro 1', volumeUsd: '1000000', taker: '0.00042', maker: '0.00003' },
  { name: 'Pro 2', volumeUsd: '5000000', taker: '0.00039', maker: '0.00003' },
  { name: 'Pro 3', volumeUsd: '10000000', taker: '0.00037', maker: '0.00003' },
  { name: 'Pro 4', volumeUsd: '25000000', taker: '0.00035', maker: '0.00003' },
];

/** Paradex Retail (UI orders): free, tiers kept for other perks. */
export const PARADEX_RETAIL_SIM_LADDER: SimTier[] = [
  { name: 'VIP 0', volumeUsd: '0', taker: '0', maker: '0' },
  { name: 'VIP 1', volumeUsd: '100000', taker: '0', maker: '0' },
  { name: 'VIP 2', volumeUsd: '500000', taker: '0', maker: '0' },
];
