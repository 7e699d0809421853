/**
 * A stretch of an account's history the exchange no longer serves although fills happened in it,
 * found after the stretch's both sides were synced: Hyperliquid serves only the 10,000 most recent
 * fills, so more than 10,000 fills between two syncs push the older ones out of reach. The account
 * says so until an import of the exchange's own CSV export covers the stretch.
 */
export interface HistoryGap {
  /** The newest fill stored before the gap (ms): fills after it may be missing. */
  from: number;
  /** The oldest fill the exchange still served after the gap (ms): fills before it may be missing. */
  to: number;
}

/** `gaps` with `found` added, each stretch once, oldest first. */
export function mergeHistoryGaps(gaps: readonly HistoryGap[], found: readonly HistoryGap[]): HistoryGap[] {
  const byKey = new Map<string, HistoryGap>();
  for (const gap of [...gaps, ...found]) byKey.set(`${gap.from}:${gap.to}`, { from: gap.from, to: gap.to });
  return [...byKey.values()].sort((a, b) => a.from - b.from || a.to - b.to);
}

/**
 * The gaps an import of a file whose rows span [from, to] (ms) does not fill. Exports write whole
 * seconds, so a file covers a gap when its first second is at or before the gap's first and its
 * last second at or after the gap's last.
 */
export function gapsLeftAfterImport(gaps: readonly HistoryGap[], from: number, to: number): HistoryGap[] {
  const second = (ms: number): number => Math.floor(ms / 1000);
  return gaps.filter((gap) => !(second(from) <= second(gap.from) && second(gap.to) <= second(to)));
}
