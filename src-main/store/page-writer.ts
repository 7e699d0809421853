import type { Fill } from '../core/fill.ts';
import type { PageCommit, PageCommitResult, PageExtras } from './store.ts';

/** Fills imported from a CSV export: written like a page, but with no sync state to write. */
export interface ImportCommit extends PageExtras {
  accountId: string;
  fills: Fill[];
  state: null;
  /** false: leave PageCommitResult.fillsStored at 0 (one page of many; the import counts once at the end). */
  countStored?: false;
}

/**
 * Writes one page of fills, its rollup deltas and the sync state in ONE transaction. Each dialect
 * has its own (SQLite drives better-sqlite3 directly on this hot path); both pass the same suite.
 * An ImportCommit (state null) writes fills and rollups only and bumps the stored-fills counter of
 * an existing sync state, never its cursor.
 */
export interface PageWriter {
  (commit: PageCommit | ImportCommit): Promise<PageCommitResult>;
  /**
   * A whole CSV import in ONE transaction: the pages are pulled from `pages` inside it and each is
   * written like an ImportCommit; if `pages` throws (a bad row, a refused file) or the write fails,
   * nothing of the import stays. It holds the connection until the last page, so SQLite runs it
   * on a connection of its own (the import worker's), never on the one that serves requests.
   */
  importPages(accountId: string, pages: AsyncIterable<Fill[]>): Promise<PageCommitResult>;
}

/** Column order of the sync_state upsert shared by both writers; `historyGaps` is the merged JSON list. */
export function syncStateValues(commit: PageCommit, counted: number, historyGaps: string | null) {
  const { state } = commit;
  return {
    account_id: commit.accountId,
    cursor: state.cursor === null ? null : JSON.stringify(state.cursor),
    backfill_done: state.backfillDone ? 1 : 0,
    pages_fetched: state.pagesFetched,
    // the upsert ADDS this to the stored count (new counted fills minus fills busted by this page)
    fills_stored: counted,
    progress: state.progress,
    covered_from: state.coveredFrom,
    covered_to: state.coveredTo,
    history_limited_before: state.historyLimitedBefore,
    history_gaps: historyGaps,
    updated_at: state.updatedAt,
  };
}
