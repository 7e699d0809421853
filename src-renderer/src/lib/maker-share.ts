/** Maker volume's share of all volume. */
import type { DayVolume } from '../../../src-shared/schemas.ts';

/** Maker volume's share of all volume over the given days; null when there was no volume. */
export function makerShare(days: DayVolume[]): number | null {
  const total = days.reduce((sum, d) => sum + d.volumeUsd, 0);
  if (total <= 0) return null;
  return days.reduce((sum, d) => sum + d.makerVolumeUsd, 0) / total;
}
