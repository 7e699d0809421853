import type { Kysely, Selectable } from 'kysely';
import { gapsLeftAfterImport, type HistoryGap } from '../core/history-gap.ts';
import type { SyncCursor } from '../core/sync-cursor.ts';
import type { SyncStateRecord, SyncStateRepository } from './store.ts';
import type { Database, SyncStateTable } from './schema.ts';

export function toSyncStateRecord(row: Selectable<SyncStateTable>): SyncStateRecord {
  return {
    accountId: row.account_id,
    cursor: row.cursor === null ? null : (JSON.parse(row.cursor) as SyncCursor),
    backfillDone: row.backfill_done === 1,
    pagesFetched: row.pages_fetched,
    fillsStored: row.fills_stored,
    progress: row.progress,
    coveredFrom: row.covered_from,
    coveredTo: row.covered_to,
    historyLimitedBefore: row.history_limited_before,
    historyGaps: readHistoryGaps(row.history_gaps),
    updatedAt: row.updated_at,
  };
}

/** The stored JSON list of gaps; anything unreadable counts as none (it only ever holds what we wrote). */
export function readHistoryGaps(text: string | null): HistoryGap[] {
  if (text === null) return [];
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((gap: unknown) => {
      const { from, to } = (gap ?? {}) as { from?: unknown; to?: unknown };
      return Number.isSafeInteger(from) && Number.isSafeInteger(to) ? [{ from: from as number, to: to as number }] : [];
    });
  } catch {
    return [];
  }
}

export function writeHistoryGaps(gaps: readonly HistoryGap[]): string | null {
  return gaps.length === 0 ? null : JSON.stringify(gaps.map(({ from, to }) => ({ from, to })));
}

export function createSyncStateRepository(db: Kysely<Database>): SyncStateRepository {
  return {
    async get(accountId: string) {
      const row = await db.selectFrom('sync_state').selectAll().where('account_id', '=', accountId).executeTakeFirst();
      return row ? toSyncStateRecord(row) : null;
    },

    async list() {
      const rows = await db.selectFrom('sync_state').selectAll().orderBy('account_id').execute();
      return rows.map(toSyncStateRecord);
    },

    async reset(accountId: string) {
      // Counters stay: the fills stay too, and re-fetched duplicates are not counted again.
      await db
        .updateTable('sync_state')
        .set({ cursor: null, backfill_done: 0, progress: 0 })
        .where('account_id', '=', accountId)
        .execute();
    },

    async resolveHistoryGaps(accountId, from, to) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('sync_state').select('history_gaps').where('account_id', '=', accountId).executeTakeFirst();
        if (!row) return [];
        const before = readHistoryGaps(row.history_gaps);
        const left = gapsLeftAfterImport(before, from, to);
        if (left.length !== before.length) {
          await trx.updateTable('sync_state').set({ history_gaps: writeHistoryGaps(left) }).where('account_id', '=', accountId).execute();
        }
        return left;
      });
    },
  };
}
