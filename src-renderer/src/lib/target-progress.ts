/**
 * Progress toward the user's rolling-volume target (fee tiers count the last 14 or 30 UTC days).
 * Besides "how far along", it says how much volume leaves the window at the next UTC midnight,
 * because a rolling total can fall overnight without a single trade.
 */
import type { DayVolume } from '../../../src-shared/schemas.ts';
import { addDays } from './dates.ts';

export type TargetWindow = 14 | 30;

export interface VolumeTarget {
  windowDays: TargetWindow;
  volumeUsd: number;
}

export interface TargetProgress {
  currentUsd: number;
  targetUsd: number;
  /** current / target, clamped to 0..1 for a progress bar. */
  fraction: number;
  reached: boolean;
  /** How much more volume reaches the target (0 when reached). */
  remainingUsd: number;
  /** Volume of the oldest day in the window, which drops out at the next UTC midnight. */
  leavingAtMidnightUsd: number;
  /** What the window total will be tomorrow with no new trades. */
  tomorrowWithoutTradesUsd: number;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/** `days`: daily rows covering at least the window that ends on `today` (extra days are ignored). */
export function computeTargetProgress(target: VolumeTarget, days: DayVolume[], today: string): TargetProgress {
  const first = addDays(today, -(target.windowDays - 1));
  const inWindow = days.filter((d) => d.date >= first && d.date <= today);
  const currentUsd = cents(inWindow.reduce((sum, d) => sum + d.volumeUsd, 0));
  const leavingAtMidnightUsd = cents(inWindow.find((d) => d.date === first)?.volumeUsd ?? 0);
  const targetUsd = Math.max(0, target.volumeUsd);
  const reached = targetUsd > 0 && currentUsd >= targetUsd;
  return {
    currentUsd,
    targetUsd,
    fraction: targetUsd > 0 ? Math.min(1, currentUsd / targetUsd) : 0,
    reached,
    remainingUsd: cents(Math.max(0, targetUsd - currentUsd)),
    leavingAtMidnightUsd,
    tomorrowWithoutTradesUsd: cents(currentUsd - leavingAtMidnightUsd),
  };
}

/** Maker volume's share of all volume over the given days; null when there was no volume. */
export function makerShare(days: DayVolume[]): number | null {
  const total = days.reduce((sum, d) => sum + d.volumeUsd, 0);
  if (total <= 0) return null;
  return days.reduce((sum, d) => sum + d.makerVolumeUsd, 0) / total;
}

export const TARGET_STORAGE_KEY = 'perpvol.volumeTarget';

/** Reads a saved target; anything unreadable means "no target yet". */
export function parseSavedTarget(text: string | null): VolumeTarget | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<VolumeTarget>;
    if ((value.windowDays === 14 || value.windowDays === 30) && typeof value.volumeUsd === 'number' && value.volumeUsd > 0) {
      return { windowDays: value.windowDays, volumeUsd: value.volumeUsd };
    }
  } catch {
    // fall through
  }
  return null;
}
