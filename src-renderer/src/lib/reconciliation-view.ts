/**
 * How our count compares with the exchange's own report, in words a trader acts on: a badge for
 * the account card, and the notice that history is missing (with what to do about it). Pure, so
 * the wording and thresholds are tested without a browser.
 */
import type { AccountReconciliation, ApiAccountNote } from '../../../src-shared/schemas.ts';
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';
import { whereToExport } from './csv-import.ts';
import { formatDateTime, formatDay, formatUsdExact } from './format.ts';

/** Below a cent a difference is rounding, not missing fills (the service counts days the same way). */
const CENT = 0.01;

export type BadgeTone = 'ok' | 'warn';

export interface ReconciliationBadge {
  tone: BadgeTone;
  text: string;
  /** A longer sentence for the tooltip and screen readers. */
  detail: string;
}

/** Whether the exchange reported anything to compare with (only some exchanges do). */
export function hasReport(r: AccountReconciliation): boolean {
  return r.reportedAsOf !== null || r.days.length > 0 || r.reportedAllTimeUsd !== null || r.reportedWindows.length > 0;
}

/** The first window figure (e.g. Paradex's 14-day fee-tier volume) that differs from ours by a cent or more. */
export function differingWindow(r: AccountReconciliation): AccountReconciliation['reportedWindows'][number] | null {
  return r.reportedWindows.find((window) => differs(window.differenceUsd)) ?? null;
}

/** All-time difference (ours − exchange's), or null when the exchange reports no all-time total. */
export function allTimeDifference(r: AccountReconciliation): number | null {
  return r.reportedAllTimeUsd === null ? null : r.oursAllTimeUsd - r.reportedAllTimeUsd;
}

export function differs(differenceUsd: number): boolean {
  return Math.abs(differenceUsd) >= CENT - 1e-9;
}

/** The card's badge, naming the exchange ("WOO X"); null when the exchange reports nothing to compare with. */
export function reconciliationBadge(r: AccountReconciliation, exchange: string): ReconciliationBadge | null {
  if (!hasReport(r)) return null;
  if (r.mismatchedDays > 0) {
    const days = r.mismatchedDays === 1 ? '1 day' : `${r.mismatchedDays} days`;
    // Hyperliquid's daily figures are fee-tier volume: spot and sub-accounts count there, not in ours.
    const what = r.reportedDailyLabel ? ` Its daily figures are ${r.reportedDailyLabel}; ours are this account's perpetuals, so spot trades and sub-accounts make them differ.` : '';
    return { tone: 'warn', text: `Differs on ${days}`, detail: `Our daily volume differs from ${exchange}'s own report on ${days} of the ${r.days.length} days it reports.${what}` };
  }
  const difference = allTimeDifference(r);
  if (difference !== null && differs(difference)) {
    return {
      tone: 'warn',
      text: `All-time differs by ${formatUsdExact(Math.abs(difference))}`,
      detail: `The days ${exchange} reports match, but its all-time total is ${formatUsdExact(r.reportedAllTimeUsd!)} and ours ${formatUsdExact(r.oursAllTimeUsd)}.`,
    };
  }
  const window = differingWindow(r);
  if (window) {
    return {
      tone: 'warn',
      text: `${window.days}-day figure differs by ${formatUsdExact(Math.abs(window.differenceUsd))}`,
      detail:
        `${window.label}: ${formatUsdExact(window.reportedUsd)}. ${window.oursLabel}: ${formatUsdExact(window.oursUsd)}. ` +
        'Spot trades and sub-accounts count in the exchange\'s figure only; otherwise fills are missing.',
    };
  }
  const parts = [r.days.length > 0 ? 'every day it reports' : null, difference === null ? null : 'all time', r.reportedWindows.length > 0 ? 'its fee-tier window' : null]
    .filter((part): part is string => part !== null);
  const what = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
  return { tone: 'ok', text: 'Matches exchange ✓', detail: `Our volume equals ${exchange}'s own report${what ? ` on ${what}` : ''}.` };
}

/**
 * Whether fills are known to be missing (not merely possibly, before a horizon): the exchange's
 * count limit was hit, or its own all-time total is above ours.
 */
export function historyCertainlyIncomplete(r: AccountReconciliation, exchange: ExchangeInfo | undefined): boolean {
  if (r.historyLimitedBefore === null) return false;
  const difference = allTimeDifference(r);
  if (difference !== null) return difference <= -CENT;
  // A count limit (Hyperliquid's 10,000 fills): the date is where the last one served fell, so older fills exist.
  return exchange?.history.limit === 'count';
}

export interface HistoryNotice {
  /** "Hyperliquid only serves your 10,000 most recent fills; fills before … are missing …" */
  text: string;
  /** What to do: export the exchange's CSV and import it. */
  guidance: string;
  /** Whether the notice can offer "Import CSV export…" (only Hyperliquid's and Bybit's exports are read). */
  importable: boolean;
}

/** Whether the exchange's own all-time total proves nothing is missing (e.g. after a CSV import). */
export function historyProvenComplete(r: AccountReconciliation): boolean {
  const difference = allTimeDifference(r);
  return difference !== null && difference > -CENT;
}

/**
 * The account's notes worth showing: the sync's history-limit note ("fills before … are missing")
 * stays on the account while the API's limit lasts, but once the exchange's own total proves the
 * history complete (after an import) it would only mislead.
 */
export function notesWorthShowing(notes: readonly ApiAccountNote[], r: AccountReconciliation | undefined): ApiAccountNote[] {
  if (!r || !historyProvenComplete(r)) return [...notes];
  return notes.filter((note) => note.code !== 'history_limited');
}

/**
 * "Hyperliquid no longer serves the fills between …": one sentence per stretch the exchange stopped
 * serving between two syncs, with its own figure for those days beside ours; null when there is none.
 */
export function historyGapsText(r: AccountReconciliation, exchange: string): string | null {
  if (r.historyGaps.length === 0) return null;
  return r.historyGaps
    .map((gap) => {
      const days = gap.fromDay === gap.toDay ? formatDay(gap.fromDay) : `${formatDay(gap.fromDay)} – ${formatDay(gap.toDay)}`;
      const figures = gap.reportedUsd === null
        ? ''
        : ` For ${days} ${exchange} reports ${formatUsdExact(gap.reportedUsd)}${r.reportedDailyLabel ? ` (${r.reportedDailyLabel})` : ''}, we count ${formatUsdExact(gap.oursUsd)}.`;
      return `${exchange} no longer serves your fills between ${formatDateTime(gap.from)} and ${formatDateTime(gap.to)}: more than 10,000 fills happened between two syncs.${figures}`;
    })
    .join(' ');
}

/** The notice shown while the exchange withholds fills (older ones, or a stretch between syncs); null when history is complete. */
export function historyNotice(r: AccountReconciliation, exchange: ExchangeInfo | undefined): HistoryNotice | null {
  const gaps = historyGapsText(r, exchange?.label ?? r.exchange);
  const limited = historyLimitNotice(r, exchange);
  if (!gaps) return limited;
  const where = whereToExport(exchange);
  return {
    text: limited ? `${limited.text} ${gaps}` : gaps,
    guidance: limited?.guidance ?? (where ? `To count them, import the exchange's own CSV export: ${where}, then import that file into Perpvol for this account. Fills already stored are recognised, so nothing is counted twice.` : ''),
    importable: where !== null,
  };
}

function historyLimitNotice(r: AccountReconciliation, info: ExchangeInfo | undefined): HistoryNotice | null {
  if (r.historyLimitedBefore === null || historyProvenComplete(r)) return null;
  const exchange = info?.label ?? r.exchange;
  const limit = info?.history.notice ?? 'does not serve older fills';
  const before = formatDay(r.historyLimitedBefore.slice(0, 10));
  const totals = r.reportedAllTimeUsd === null
    ? ''
    : ` — the exchange reports ${formatUsdExact(r.reportedAllTimeUsd)} all-time vs our ${formatUsdExact(r.oursAllTimeUsd)}`;
  const where = whereToExport(info);
  const missing = historyCertainlyIncomplete(r, info) ? `fills before ${before} are missing from these totals` : `if you traded on this account before ${before}, those fills are missing from these totals`;
  return {
    text: `${exchange} ${limit}; ${missing}${totals}.`,
    guidance: where
      ? `To count them, import the exchange's own CSV export: ${where}, then import that file into Perpvol for this account. Fills already stored are recognised, so nothing is counted twice.`
      : `Perpvol cannot import ${exchange}'s CSV export yet (its format could not be confirmed), so fills older than that cannot be counted.`,
    importable: where !== null,
  };
}
