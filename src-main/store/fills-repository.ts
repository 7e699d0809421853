import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { ExchangeId } from '../core/exchange.ts';
import type { FillsFilter, FillsRepository } from './store.ts';
import type { Database, FillsTable } from './schema.ts';
import type { PageWriter } from './page-writer.ts';
import { decodeFillCursor, encodeFillCursor, type FillPosition } from './fill-cursor.ts';
import { toStoredFill } from './fill-row.ts';

/** Rows per round trip while streaming (CSV export): big enough to be quick, small enough to not hold much memory. */
export const FILL_STREAM_CHUNK = 2_000;

type FillsQuery = SelectQueryBuilder<Database, 'fills', Selectable<FillsTable>>;

/** fromMs and toMs are both inclusive; busted fills are never listed (they do not count). */
function filtered(db: Kysely<Database>, filter: Omit<FillsFilter, 'limit' | 'cursor'>): FillsQuery {
  let query = db.selectFrom('fills').selectAll().where('busted_at', 'is', null);
  if (filter.kinds !== undefined) query = query.where('kind', 'in', [...filter.kinds]);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  if (filter.fromMs !== undefined) query = query.where('ts', '>=', filter.fromMs);
  if (filter.toMs !== undefined) query = query.where('ts', '<=', filter.toMs);
  return query;
}

function after(query: FillsQuery, position: FillPosition, direction: 'older' | 'newer'): FillsQuery {
  const op = direction === 'older' ? '<' : '>';
  return query.where((eb) => eb.or([eb('ts', op, position.ts), eb.and([eb('ts', '=', position.ts), eb('id', op, position.id)])]));
}

export function createFillsRepository(db: Kysely<Database>, writePage: PageWriter): FillsRepository {
  return {
    commitPage: (commit) => writePage(commit),
    importFills: (accountId, fills, extras) => writePage({ ...extras, accountId, fills, state: null }),
    importFillPages: (accountId, pages) => writePage.importPages(accountId, pages),

    async list(filter: FillsFilter) {
      let query = filtered(db, filter);
      if (filter.cursor !== undefined) query = after(query, decodeFillCursor(filter.cursor), 'older');
      const rows = await query.orderBy('ts', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
      const page = rows.slice(0, filter.limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > filter.limit && last ? encodeFillCursor({ ts: last.ts, id: last.id }) : null;
      return { fills: page.map(toStoredFill), nextCursor };
    },

    async *stream(filter: Omit<FillsFilter, 'limit' | 'cursor'>) {
      let position: FillPosition | null = null;
      for (;;) {
        let query = filtered(db, filter);
        if (position) query = after(query, position, 'newer');
        const rows = await query.orderBy('ts', 'asc').orderBy('id', 'asc').limit(FILL_STREAM_CHUNK).execute();
        for (const row of rows) yield toStoredFill(row);
        const last = rows[rows.length - 1];
        if (!last || rows.length < FILL_STREAM_CHUNK) return;
        position = { ts: last.ts, id: last.id };
      }
    },

    async count(accountId?: string) {
      let query = db.selectFrom('fills').select((eb) => eb.fn.countAll<number>().as('n')).where('busted_at', 'is', null);
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async unclassifiedCounts(accountId?: string) {
      let query = db
        .selectFrom('unclassified_executions')
        .select((eb) => [
          'account_id',
          'exchange',
          'raw_type',
          eb.fn.countAll<number>().as('n'),
          eb.fn.min<number>('ts').as('first_ts'),
          eb.fn.max<number>('ts').as('last_ts'),
        ]);
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      const rows = await query.groupBy(['account_id', 'exchange', 'raw_type']).orderBy('account_id').orderBy('raw_type').execute();
      return rows.map((row) => ({
        accountId: row.account_id,
        exchange: row.exchange as ExchangeId,
        rawType: row.raw_type,
        count: Number(row.n),
        firstTs: Number(row.first_ts),
        lastTs: Number(row.last_ts),
      }));
    },
  };
}
