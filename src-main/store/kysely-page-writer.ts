import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { PageCommit, PageCommitResult } from './store.ts';
import { RollupDeltas, pageFillsToInsert } from './rollup-deltas.ts';
import { syncStateValues, type ImportCommit, type PageWriter } from './page-writer.ts';

/** Rows per multi-row insert: 14 columns × 1,000 stays far under Postgres's 65,535 parameters. */
const FILL_ROWS_PER_INSERT = 1_000;
const ROLLUP_ROWS_PER_UPSERT = 1_000;

const addExcluded = (table: 'daily_symbol_volume' | 'daily_account_volume' | 'daily_total_volume') => ({
  volume_micros: sql<number>`${sql.ref(`${table}.volume_micros`)} + excluded.volume_micros`,
  maker_micros: sql<number>`${sql.ref(`${table}.maker_micros`)} + excluded.maker_micros`,
  taker_micros: sql<number>`${sql.ref(`${table}.taker_micros`)} + excluded.taker_micros`,
  fees_micros: sql<number>`${sql.ref(`${table}.fees_micros`)} + excluded.fees_micros`,
  trades: sql<number>`${sql.ref(`${table}.trades`)} + excluded.trades`,
});

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The portable page writer (Postgres uses it): multi-row INSERT … ON CONFLICT DO NOTHING RETURNING
 * tells which fills were new; only those become rollup deltas; everything in one transaction.
 */
export function createKyselyPageWriter(db: Kysely<Database>): PageWriter {
  const write = (commit: PageCommit | ImportCommit) => db.transaction().execute((trx) => writePageIn(trx, commit));
  const importPages: PageWriter['importPages'] = (accountId, pages) =>
    db.transaction().execute(async (trx) => {
      let inserted = 0;
      const days = new Set<string>();
      for await (const fills of pages) {
        const page = await writePageIn(trx, { accountId, fills, state: null, countStored: false });
        inserted += page.inserted;
        for (const day of page.days) days.add(day);
      }
      return { inserted, days: [...days].sort(), fillsStored: await countFills(trx, accountId) };
    });
  return Object.assign(write, { importPages });
}

async function countFills(trx: Transaction<Database>, accountId: string): Promise<number> {
  const counted = await trx
    .selectFrom('fills')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(counted.n);
}

/** One page (or one import page) inside the caller's transaction. */
async function writePageIn(trx: Transaction<Database>, commit: PageCommit | ImportCommit): Promise<PageCommitResult> {
  const { accountId } = commit;
  const fills = pageFillsToInsert(commit.fills);
  const newTradeIds = new Set<string>();
  for (const chunk of chunks(fills, FILL_ROWS_PER_INSERT)) {
    const rows = await trx
      .insertInto('fills')
      .values(
        chunk.map((f) => ({
          account_id: accountId,
          exchange: f.exchange,
          trade_id: f.tradeId,
          order_id: f.orderId,
          symbol: f.symbol,
          side: f.side,
          price: f.price,
          qty: f.qty,
          notional_micros: f.notionalMicros,
          fee: f.fee,
          fee_currency: f.feeCurrency,
          fee_micros: f.feeMicros,
          liquidity: f.liquidity,
          ts: f.ts,
        })),
      )
      .onConflict((oc) => oc.columns(['account_id', 'trade_id']).doNothing())
      .returning('trade_id')
      .execute();
    for (const row of rows) newTradeIds.add(row.trade_id);
  }

  const deltas = new RollupDeltas(accountId);
  for (const fill of fills) if (newTradeIds.has(fill.tradeId)) deltas.add(fill);
  for (const chunk of chunks(deltas.symbolRows(), ROLLUP_ROWS_PER_UPSERT)) {
    await trx
      .insertInto('daily_symbol_volume')
      .values(chunk)
      .onConflict((oc) => oc.columns(['day', 'account_id', 'symbol']).doUpdateSet(addExcluded('daily_symbol_volume')))
      .execute();
  }
  for (const chunk of chunks(deltas.dayRows(), ROLLUP_ROWS_PER_UPSERT)) {
    await trx
      .insertInto('daily_account_volume')
      .values(chunk)
      .onConflict((oc) => oc.columns(['day', 'account_id']).doUpdateSet(addExcluded('daily_account_volume')))
      .execute();
  }
  // a page belongs to one account, so its per-day deltas are also the all-accounts deltas;
  // rows go in day order, so concurrent pages of other accounts lock them in the same order
  for (const chunk of chunks(deltas.dayRows(), ROLLUP_ROWS_PER_UPSERT)) {
    await trx
      .insertInto('daily_total_volume')
      .values(chunk.map(({ account_id: _a, exchange: _e, ...sums }) => sums))
      .onConflict((oc) => oc.column('day').doUpdateSet(addExcluded('daily_total_volume')))
      .execute();
  }

  if (commit.state === null) {
    // An import: only the stored-fills counter of an existing sync state grows; its cursor stays.
    await trx
      .updateTable('sync_state')
      .set({ fills_stored: sql<number>`${sql.ref('fills_stored')} + ${newTradeIds.size}` })
      .where('account_id', '=', accountId)
      .execute();
    const fillsStored = commit.countStored === false ? 0 : await countFills(trx, accountId);
    return { inserted: newTradeIds.size, days: deltas.days(), fillsStored };
  }
  const values = syncStateValues(commit, newTradeIds.size);
  const { account_id: _key, fills_stored: _added, ...replaced } = values;
  const state = await trx
    .insertInto('sync_state')
    .values(values)
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({
        ...replaced,
        fills_stored: sql<number>`${sql.ref('sync_state.fills_stored')} + excluded.fills_stored`,
      }),
    )
    .returning('fills_stored')
    .executeTakeFirstOrThrow();
  return { inserted: newTradeIds.size, days: deltas.days(), fillsStored: state.fills_stored };
}
