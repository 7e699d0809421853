/**
 * The self-check: where an exchange reports its own figure for what Perpvol counts (Hyperliquid's
 * daily and all-time volume, Paradex's 14-day fee-tier volume: the connector's `reportedVolume`),
 * its descriptor declares once how that figure compares with ours. The sync engine runs it after
 * every completed pass and records a typed note (`reported_volume_exceeded`) when the two differ
 * beyond what the exchange's own definition explains; the reconciliation view and the history-gap
 * note sum ours with the same kinds and tolerance. docs/adding-an-exchange.md, "Self-check".
 */
import type { InstrumentKind } from '../../core/instrument.ts';

/** Which of the exchange's reported figures a rule compares (ReportedVolume's `daily`, `allTimeMicros`, `windows`). */
export type ReportedFigure = 'daily' | 'all_time' | 'window';

export interface SelfCheckFigure {
  figure: ReportedFigure;
  /**
   * 'equal': the figure counts exactly what ours counts, so a shortfall of ours is unexplained too —
   * unless the account's history is limited or has gaps (the notes already say so).
   * 'covers_ours': the figure also counts what Perpvol does not (spot, sub-accounts, the fills
   * after our pass): ours below it is expected, ours above it is what no definition explains.
   */
  expect: 'equal' | 'covers_ours';
}

export interface SelfCheck {
  figures: readonly SelfCheckFigure[];
  /** The kinds of our fills the exchange's figures are compared with (what its figure counts of what we store). */
  kinds: readonly InstrumentKind[];
  /** A difference of this many micro-dollars or more is fills, not rounding (one cent: 10_000). */
  toleranceMicros: bigint;
  /**
   * For window figures: which UTC day the exchange's window may end on, in days before the day it
   * reported (0: today included, 1: completed days only) where its documentation does not say.
   * Ours over any of them explaining the figure is enough. Default [0].
   */
  windowEnds?: readonly number[];
  /**
   * The last this many days up to the report (its day included) the exchange may still be adding
   * up: daily figures of them are not checked, and our fills of them never count against a window
   * or all-time figure. Default 1 (the report's own day).
   */
  settlingDays?: number;
}

/**
 * Whether ours beside theirs is more than the rule explains. `oursSettled` is ours over the days the
 * exchange has certainly added up (its figure may lag the last fills), `oursAll` ours over all of
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
