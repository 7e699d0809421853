/**
 * Maker volume's share, over fills whose side is known (docs/costs.md): a Hyperliquid CSV import
 * has no maker/taker column, and counting its volume as "not maker" would understate the share.
 */
import type { DayVolume } from '../../../src-shared/schemas.ts';

/** maker ÷ (maker + taker); null when no volume had a known side. */
export function shareOfKnownSide(makerUsd: number, takerUsd: number): number | null {
  const known = makerUsd + takerUsd;
  return known > 0 ? makerUsd / known : null;
}

/** Maker share over the given days (fills with a known side only); null when none had one. */
export function makerShare(days: DayVolume[]): number | null {
  return shareOfKnownSide(
    days.reduce((sum, d) => sum + d.makerVolumeUsd, 0),
    days.reduce((sum, d) => sum + d.takerVolumeUsd, 0),
  );
}
