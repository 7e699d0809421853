/**
 * An account's sync state in a word or two and a tone, for the overview's and the accounts page's
 * state cells: "Backfilling 49%", "Live", "Polling every 30 s", "Up to date", "Error". Where the
 * server keeps the account live (Account.live, from the streams), that state is shown; otherwise
 * the scheduled syncs' state. Pure, so the rules are tested without a browser.
 */
import type { Account, SyncStatus } from '../../../src-shared/schemas.ts';
import { formatDateTime, formatRelative, userLocale, withReadableDates } from './format.ts';

export type SyncTone = 'ok' | 'busy' | 'warn' | 'error' | 'idle';

export interface SyncStateView {
  label: string;
  tone: SyncTone;
  /** A sentence for the tooltip and screen readers, or null. */
  detail: string | null;
  /** Still downloading the account's history for the first time (numbers are partial). */
  backfilling: boolean;
}

/** The first sync has not finished: the account's history is not all in yet. */
export function historyIncomplete(account: Pick<Account, 'lastSyncAt'>): boolean {
  return account.lastSyncAt === null;
}

const percent = (fraction: number): string => `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;

export function syncStateOf(account: Account, status: SyncStatus | undefined, now: number, locale = userLocale()): SyncStateView {
  const backfilling = historyIncomplete(account);
  const error = status?.state === 'error' ? status.error : account.status === 'error' ? account.lastError : null;
  if (error) {
    const detail = withReadableDates(error.message, locale);
    return { label: backfilling ? 'Error (backfill stopped)' : 'Error', tone: 'error', detail, backfilling };
  }
  if (status?.state === 'running' && backfilling) {
    return { label: `Backfilling ${percent(status.progress)}`, tone: 'busy', detail: 'Downloading this account’s history for the first time; recent windows fill in as it goes.', backfilling };
  }
  const live = account.live;
  if (live && !backfilling) {
    const since = ` since ${formatDateTime(live.since, locale, { seconds: false })}`;
    if (live.state === 'live') return { label: 'Live', tone: 'ok', detail: `Connected to the exchange’s stream${since}: fills show within seconds.`, backfilling };
    if (live.state === 'polling') {
      const every = live.pollSeconds === null ? '' : ` every ${live.pollSeconds < 120 ? `${live.pollSeconds} s` : `${Math.round(live.pollSeconds / 60)} min`}`;
      return { label: `Polling${every}`, tone: 'ok', detail: `${live.detail ? `${withReadableDates(live.detail, locale)}. ` : ''}Asking the exchange${every}${since}.`, backfilling };
    }
    return { label: 'Paused', tone: 'warn', detail: live.detail ? withReadableDates(live.detail, locale) : `Nothing is fetched for this account${since}.`, backfilling };
  }
  if (status?.state === 'running') return { label: 'Syncing…', tone: 'busy', detail: null, backfilling };
  if (backfilling) {
    const progress = status?.progress ?? 0;
    return progress > 0
      ? { label: `Backfill paused at ${percent(progress)}`, tone: 'warn', detail: 'The first sync stopped part-way (the server was stopped); it continues at the next sync.', backfilling }
      : { label: 'Waiting for first sync', tone: 'idle', detail: null, backfilling };
  }
  return { label: 'Up to date', tone: 'ok', detail: `Last synced ${formatRelative(account.lastSyncAt!, now, locale)} (${formatDateTime(account.lastSyncAt!, locale)}).`, backfilling };
}
