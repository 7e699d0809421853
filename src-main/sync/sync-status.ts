import type { SyncStatus } from '../../src-shared/schemas.ts';
import type { AccountRecord, SyncStateRecord } from '../store/store.ts';

/** What a running pass knows beyond the committed state (lives in memory only). */
export interface LiveProgress {
  progress: number;
  pagesFetched: number;
  fillsStored: number;
  coveredFrom: number | null;
  coveredTo: number | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** An account's SyncStatus (docs/api.md, GET /api/v1/sync) from its record, its committed sync state and a live pass. */
export function toSyncStatus(account: AccountRecord, state: SyncStateRecord | null, live: LiveProgress | null): SyncStatus {
  if (live) {
    return {
      accountId: account.id,
      state: 'running',
      progress: clamp01(live.progress),
      fillsStored: live.fillsStored,
      pagesFetched: live.pagesFetched,
      syncedFrom: iso(live.coveredFrom),
      syncedTo: iso(live.coveredTo),
      error: null,
    };
  }
  const failed = account.status === 'error' && account.lastError !== null;
  const finished = account.lastSyncAt !== null || (state?.backfillDone ?? false);
  return {
    accountId: account.id,
    state: failed ? 'error' : finished ? 'done' : 'idle',
    progress: finished && !failed ? 1 : clamp01(state?.progress ?? 0),
    fillsStored: state?.fillsStored ?? 0,
    pagesFetched: state?.pagesFetched ?? 0,
    syncedFrom: iso(state?.coveredFrom ?? null),
    syncedTo: iso(state?.coveredTo ?? null),
    error: failed ? account.lastError : null,
  };
}

export function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

export const minOrNull = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);
export const maxOrNull = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);
