/**
 * The fee-tier ladders Perpvol ships, used where an exchange's API does not publish its own (or
 * cannot be reached): each exchange descriptor's `feeTier.table`, copied from the exchange's fee
 * page on `asOf`. The dashboard shows that date and link beside every figure taken from here, and
 * `tier-tables.json` in the data folder replaces any of them (docs/fee-tiers.md, "The tier tables
 * and your own"). Rates are fractions of notional, perpetuals, before personal discounts (staking,
 * referrals); where the exchange's API reports your own rates, those win.
 */
import { exchanges } from '../../connectors/registry.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import type { TierTable } from './tier-table-schema.ts';

export const SHIPPED_TIER_TABLES: Readonly<Record<ExchangeId, TierTable>> = Object.fromEntries(
  exchanges.all().flatMap((descriptor) => (descriptor.feeTier.table ? [[descriptor.info.id, descriptor.feeTier.table]] : [])),
) as Record<ExchangeId, TierTable>;
