/**
 * How an exchange's own figure for what Perpvol counts compares with ours, declared once per
 * descriptor; every field: docs/adding-an-exchange.md, "Self-check".
 */
import type { InstrumentKind } from '../../core/instrument.ts';

export interface SelfCheckFigure {
  figure: 'daily' | 'all_time' | 'window';
  /**
   * 'equal': a shortfall of ours is unexplained too (unless the account's history is limited or has
   * gaps: the notes already say so); 'covers_ours': the figure also counts what Perpvol does not.
   */
  expect: 'equal' | 'covers_ours';
}

export interface SelfCheck {
  figures: readonly SelfCheckFigure[];
  kinds: readonly InstrumentKind[];
  toleranceMicros: bigint;
  /** Days before the reported day the exchange's window may end on. Default [0]. */
  windowEnds?: readonly number[];
  /** The latest days the exchange may still be adding up: not checked, never counted against it. Default 1. */
  settlingDays?: number;
}

/**
 * Whether ours beside theirs is more than the rule explains. `ours.settled` is ours over the days the
 * exchange has certainly added up (its figure may lag the last fills), `ours.all` ours over all of
 * the figure's days: the figure must hold at least the first, and under 'equal' reach the second.
 */
export function unexplained(
  rule: SelfCheckFigure,
  toleranceMicros: bigint,
  theirsMicros: bigint,
  ours: { settled: bigint; all: bigint },
  historyIncomplete: boolean,
): boolean {
  if (ours.settled - theirsMicros >= toleranceMicros) return true;
  if (rule.expect === 'covers_ours' || historyIncomplete) return false;
  return theirsMicros - ours.all >= toleranceMicros;
}
