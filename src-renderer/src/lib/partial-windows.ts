/**
 * Which of the overview's windows are still partial because an account's first sync (its backfill)
 * has not reached all of them: a Bybit backfill walks forward from two years ago, so its 30-day
 * figure reads $0 until the walk arrives, and a trader must see "partial", not a real $0. A window
 * is whole for an account once its first sync finished, or once the span that sync has covered so
 * far (SyncStatus syncedFrom…syncedTo) contains the window.
 */
import type { Account, ExchangeIdValue, SyncStatus } from '../../../src-shared/schemas.ts';
import { historyIncomplete } from './sync-state.ts';

const DAY_MS = 86_400_000;
/** A backfill whose covered span ends this close to now has reached the present. */
const PRESENT_TOLERANCE_MS = 15 * 60_000;

export type WindowKey = 'today' | 'd7' | 'd14' | 'd30' | 'allTime';
export const WINDOW_DAYS: Record<WindowKey, number | null> = { today: 1, d7: 7, d14: 14, d30: 30, allTime: null };

export interface AccountCoverage {
  accountId: string;
  label: string;
  exchange: ExchangeIdValue;
  /** The first sync finished: everything the exchange serves is in. */
  complete: boolean;
  /** What the unfinished first sync has covered so far (ms), null when nothing yet. */
  from: number | null;
  to: number | null;
}

export function coverageOf(account: Account, status: SyncStatus | undefined): AccountCoverage {
  const parse = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
  return {
    accountId: account.id,
    label: account.label,
    exchange: account.exchange,
    complete: !historyIncomplete(account),
    from: parse(status?.syncedFrom),
    to: parse(status?.syncedTo),
  };
}

export interface WindowPartiality {
  partial: boolean;
  /** "Bybit main: 10 of 30 days synced so far", or null when whole. */
  note: string | null;
}

const WHOLE: WindowPartiality = { partial: false, note: null };

/** Whole days of the window [start, now] the coverage reaches. */
function coveredDays(coverage: AccountCoverage, start: number, now: number): number {
  if (coverage.from === null || coverage.to === null) return 0;
  const covered = Math.min(coverage.to, now) - Math.max(coverage.from, start);
  return covered <= 0 ? 0 : Math.floor(covered / DAY_MS);
}

function reaches(coverage: AccountCoverage, start: number, now: number): boolean {
  return coverage.from !== null && coverage.to !== null && coverage.from <= start && coverage.to >= now - PRESENT_TOLERANCE_MS;
}

/** Whether the window of `key` is still partial over these accounts (all of them, or one exchange's), and why. */
export function windowPartiality(coverages: readonly AccountCoverage[], key: WindowKey, now: number): WindowPartiality {
  const days = WINDOW_DAYS[key];
  const pending = coverages.filter((c) => !c.complete);
  if (pending.length === 0) return WHOLE;
  if (days === null) {
    return { partial: true, note: pending.length === 1 ? `${pending[0]!.label} is still backfilling` : `${pending.length} accounts are still backfilling` };
  }
  const start = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const short = pending.filter((c) => !reaches(c, start, now));
  if (short.length === 0) return WHOLE;
  if (short.length > 1) return { partial: true, note: `${short.length} accounts are still backfilling` };
  const only = short[0]!;
  const have = Math.min(days, coveredDays(only, start, now));
  return { partial: true, note: days === 1 ? `${only.label} has not reached today yet` : `${only.label}: ${have} of ${days} days synced so far` };
}
