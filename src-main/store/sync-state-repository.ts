import type { Kysely, Selectable } from 'kysely';
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
    updatedAt: row.updated_at,
  };
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
  };
}
