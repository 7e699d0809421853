/**
 * How far back an exchange's API serves an account's fills, and what a person can do about the
 * rest: the one fact behind the add-account form's notice (ExchangeInfo.history), the account's
 * history-limit note and its history-gap note (src-main/sync/). Each descriptor states it once.
 */
import type { HistoryLimit } from '../../../src-shared/account-notes.ts';
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';

export interface HistoryRule {
  /** Its N most recent fills, or its last N years; null: the whole history. */
  limit: Exclude<HistoryLimit, { kind: 'unknown' }> | null;
  /**
   * Where the exchange's own trade-history export is, in its menus, named in the history-gap note
   * as the file that fills a gap; null: the note names none. (Whether Perpvol reads the export at
   * all is the descriptor's `csv`.)
   */
  exportPath: string | null;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** The form's notice for a rule: "only serves your 10,000 most recent fills". */
export function historyInfo(rule: HistoryRule): ExchangeInfo['history'] {
  const limit = rule.limit;
  if (limit === null) return { limit: null, notice: null };
  if (limit.kind === 'recent_fills') return { limit: 'count', notice: `only serves your ${limit.fills.toLocaleString('en-US')} most recent fills` };
  const years = limit.years === 1 ? 'year' : `${NUMBER_WORDS[limit.years] ?? limit.years} years`;
  return { limit: 'time', notice: `only serves the last ${years} of fills` };
}

/**
 * Why fills drop out of reach between two syncs, as the history-gap note says it: only a count cap
 * pushes synced-around fills out (a time horizon moves past fills already stored).
 */
export function gapCause(rule: HistoryRule | null): HistoryLimit {
  return rule?.limit?.kind === 'recent_fills' ? rule.limit : { kind: 'unknown' };
}
