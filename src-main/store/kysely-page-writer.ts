import { sql, type Kysely, type Transaction } from 'kysely';
import { formatDecimal } from '../core/decimal.ts';
import { mergeHistoryGaps } from '../core/history-gap.ts';
import type { Database } from './schema.ts';
import type { PageCommit, PageCommitResult } from './store.ts';
import { toStoredFill } from './fill-row.ts';
import { moveRereadFills, moveSymbols, withoutLegacyDuplicates } from './kysely-fill-moves.ts';
import { RollupDeltas, pageFillsToInsert, type DayDeltaRow } from './rollup-deltas.ts';
import { syncStateValues, type ImportCommit, type PageWriter } from './page-writer.ts';
import { readHistoryGaps, writeHistoryGaps } from './sync-state-repository.ts';

/** Rows per multi-row insert: 16 columns × 1,000 stays far under Postgres's 65,535 parameters. */
const FILL_ROWS_PER_INSERT = 1_000;
const ROLLUP_ROWS_PER_UPSERT = 1_000;

const addExcluded = (table: 'daily_symbol_volume' | 'daily_account_volume' | 'daily_total_volume') => ({
  volume_micros: sql<number>`${sql.ref(`${table}.volume_micros`)} + excluded.volume_micros`,
  maker_micros: sql<number>`${sql.ref(`${table}.maker_micros`)} + excluded.maker_micros`,
  taker_micros: sql<number>`${sql.ref(`${table}.taker_micros`)} + excluded.taker_micros`,
  fees_micros: sql<number>`${sql.ref(`${table}.fees_micros`)} + excluded.fees_micros`,
  maker_fees_micros: sql<number>`${sql.ref(`${table}.maker_fees_micros`)} + excluded.maker_fees_micros`,
  taker_fees_micros: sql<number>`${sql.ref(`${table}.taker_fees_micros`)} + excluded.taker_fees_micros`,
  trades: sql<number>`${sql.ref(`${table}.trades`)} + excluded.trades`,
});

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Trx = Transaction<Database>;

/** Busts first: each newly recorded one takes its stored fill out of the rollups; returns how many. */
async function applyBusts(trx: Trx, accountId: string, tradeIds: readonly string[], deltas: RollupDeltas, now: number): Promise<number> {
  let busted = 0;
  for (const tradeId of new Set(tradeIds)) {
    const recorded = await trx
      .insertInto('busted_trades')
      .values({ account_id: accountId, trade_id: tradeId, recorded_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'trade_id']).doNothing())
      .returning('trade_id')
      .executeTakeFirst();
    if (!recorded) continue; // seen before: already applied
    const row = await trx
      .updateTable('fills')
      .set({ busted_at: now })
      .where('account_id', '=', accountId)
      .where('trade_id', '=', tradeId)
      .where('busted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) continue;
    deltas.add(toStoredFill(row), -1);
    busted += 1;
  }
  return busted;
}

async function upsertRollups(trx: Trx, deltas: RollupDeltas, accountId: string, dropEmpty: boolean): Promise<void> {
  for (const chunk of chunks(deltas.symbolRows(), ROLLUP_ROWS_PER_UPSERT)) {
    await trx
      .insertInto('daily_symbol_volume')
      .values(chunk)
      .onConflict((oc) => oc.columns(['day', 'account_id', 'kind', 'symbol', 'underlying']).doUpdateSet(addExcluded('daily_symbol_volume')))
      .execute();
  }
  const dayRows = deltas.dayRows();
  for (const chunk of chunks(dayRows, ROLLUP_ROWS_PER_UPSERT)) {
    await trx
      .insertInto('daily_account_volume')
      .values(chunk)
      .onConflict((oc) => oc.columns(['day', 'account_id', 'kind']).doUpdateSet(addExcluded('daily_account_volume')))
      .execute();
  }
  // a page belongs to one account, so its per-day deltas are also the all-accounts deltas;
  // rows go in (day, kind) order, so concurrent pages of other accounts lock them in the same order
  for (const chunk of chunks(dayRows, ROLLUP_ROWS_PER_UPSERT)) {
    await trx
      .insertInto('daily_total_volume')
      .values(chunk.map(({ account_id: _a, exchange: _e, ...sums }) => sums))
      .onConflict((oc) => oc.columns(['day', 'kind']).doUpdateSet(addExcluded('daily_total_volume')))
      .execute();
  }
  if (dropEmpty) await dropEmptyRows(trx, dayRows, accountId);
}

/** After a bust took a day's last fill out, its all-zero rows go, so no empty series shows. */
async function dropEmptyRows(trx: Trx, dayRows: DayDeltaRow[], accountId: string): Promise<void> {
  for (const { day, kind } of dayRows) {
    for (const table of ['daily_symbol_volume', 'daily_account_volume'] as const) {
      await trx.deleteFrom(table).where('day', '=', day).where('account_id', '=', accountId).where('kind', '=', kind).where('trades', '<=', 0).execute();
    }
    await trx.deleteFrom('daily_total_volume').where('day', '=', day).where('kind', '=', kind).where('trades', '<=', 0).execute();
  }
}

/** Unpriced fee sums are added as Postgres numeric: exact at any scale, kept as text. */
async function upsertUnpriced(trx: Trx, deltas: RollupDeltas): Promise<void> {
  for (const r of deltas.unpricedRows()) {
    const row = { ...r, amount: formatDecimal(r.amount) };
    await trx
      .insertInto('daily_unpriced_fees')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['day', 'account_id', 'kind', 'fee_currency']).doUpdateSet({
          amount: sql<string>`cast(cast(${sql.ref('daily_unpriced_fees.amount')} as numeric) + cast(excluded.amount as numeric) as text)`,
          fills: sql<number>`${sql.ref('daily_unpriced_fees.fills')} + excluded.fills`,
        }),
      )
      .execute();
    if (r.fills < 0) {
      await trx
        .deleteFrom('daily_unpriced_fees')
        .where('day', '=', r.day)
        .where('account_id', '=', r.account_id)
        .where('kind', '=', r.kind)
        .where('fee_currency', '=', r.fee_currency)
        .where('fills', '<=', 0)
        .execute();
    }
  }
}

async function recordUnclassified(trx: Trx, accountId: string, commit: PageCommit | ImportCommit, now: number): Promise<number> {
  let recorded = 0;
  for (const u of commit.unclassified ?? []) {
    const stored = await trx.selectFrom('fills').select('id').where('account_id', '=', accountId).where('trade_id', '=', u.executionId).executeTakeFirst();
    if (stored) continue;
    const row = await trx
      .insertInto('unclassified_executions')
      .values({ account_id: accountId, execution_id: u.executionId, exchange: u.exchange, raw_type: u.rawType, symbol: u.symbol, ts: u.ts, recorded_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'execution_id']).doNothing())
      .returning('execution_id')
      .executeTakeFirst();
    if (row) recorded += 1;
  }
  return recorded;
}

/** The account's stored history gaps with the page's new ones added (JSON), or null when there are none. */
async function mergedHistoryGaps(trx: Trx, commit: PageCommit): Promise<string | null> {
  const row = await trx.selectFrom('sync_state').select('history_gaps').where('account_id', '=', commit.accountId).executeTakeFirst();
  const stored = readHistoryGaps(row?.history_gaps ?? null);
  return writeHistoryGaps(mergeHistoryGaps(stored, commit.historyGaps ?? []));
}

/**
 * The portable page writer (Postgres uses it): multi-row INSERT … ON CONFLICT DO NOTHING RETURNING
 * tells which fills were new; only those become rollup deltas; busts subtract; everything in one
 * transaction.
 */
export function createKyselyPageWriter(db: Kysely<Database>): PageWriter {
  const write = (commit: PageCommit | ImportCommit) => db.transaction().execute((trx) => writePageIn(trx, commit));
  const importPages: PageWriter['importPages'] = (accountId, pages) =>
    db.transaction().execute(async (trx) => {
      const total = { inserted: 0, busted: 0, unclassified: 0, reclassified: 0 };
      const days = new Set<string>();
      for await (const fills of pages) {
        const page = await writePageIn(trx, { accountId, fills, state: null, countStored: false });
        total.inserted += page.inserted;
        total.busted += page.busted;
        total.unclassified += page.unclassified;
        for (const day of page.days) days.add(day);
      }
      return { ...total, days: [...days].sort(), fillsStored: await countFills(trx, accountId) };
    });
  return Object.assign(write, { importPages });
}

/** Counted (not busted) fills of the account, after this transaction's writes. */
async function countFills(trx: Trx, accountId: string): Promise<number> {
  const counted = await trx
    .selectFrom('fills')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('busted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(counted.n);
}

/** One page (or one page of an import) inside the caller's transaction. */
async function writePageIn(trx: Trx, commit: PageCommit | ImportCommit): Promise<PageCommitResult> {
  const { accountId } = commit;
  const now = Date.now();
  const deltas = new RollupDeltas(accountId);
  const busted = await applyBusts(trx, accountId, commit.bustedTradeIds ?? [], deltas, now);

  const fills = await withoutLegacyDuplicates(trx, accountId, pageFillsToInsert(commit.fills));
  const newFills = new Map<string, number>();
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
          kind: f.kind,
          underlying: f.underlying,
          side: f.side,
          price: f.price,
          qty: f.qty,
          notional_micros: f.notionalMicros,
          fee: f.fee,
          fee_currency: f.feeCurrency,
          fee_micros: f.feeMicros,
          liquidity: f.liquidity,
          ts: f.ts,
          busted_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['account_id', 'trade_id']).doNothing())
      .returning(['id', 'trade_id'])
      .execute();
    for (const row of rows) newFills.set(row.trade_id, row.id);
  }
  if (newFills.size > 0) {
    // a Perpvol that now classifies an execution moves it out of the unclassified bucket
    await trx.deleteFrom('unclassified_executions').where('account_id', '=', accountId).where('execution_id', 'in', [...newFills.keys()]).execute();
    // a fill whose bust arrived first never counts
    const bustedOnArrival = await trx
      .selectFrom('busted_trades')
      .select('trade_id')
      .where('account_id', '=', accountId)
      .where('trade_id', 'in', [...newFills.keys()])
      .execute();
    for (const { trade_id } of bustedOnArrival) {
      await trx.updateTable('fills').set({ busted_at: now }).where('id', '=', newFills.get(trade_id)!).execute();
      newFills.delete(trade_id);
    }
  }
  for (const fill of fills) if (newFills.has(fill.tradeId)) deltas.add(fill);
  let reclassified = 0;
  if (commit.state !== null) {
    // A sync page speaks for the exchange's current classification; an import (by name) never overrides it.
    reclassified += await moveRereadFills(trx, accountId, fills.filter((f) => !newFills.has(f.tradeId)), deltas);
    reclassified += await moveSymbols(trx, accountId, commit.reclassified ?? [], deltas);
  }
  const unclassified = await recordUnclassified(trx, accountId, commit, now);
  await upsertRollups(trx, deltas, accountId, busted > 0 || reclassified > 0);
  await upsertUnpriced(trx, deltas);

  const inserted = newFills.size;
  const counted = inserted - busted;
  const result = { inserted, busted, unclassified, reclassified, days: deltas.days() };
  if (commit.state === null) {
    // An import: only the stored-fills counter of an existing sync state moves; its cursor stays.
    await trx
      .updateTable('sync_state')
      .set({ fills_stored: sql<number>`${sql.ref('fills_stored')} + ${counted}` })
      .where('account_id', '=', accountId)
      .execute();
    return { ...result, fillsStored: commit.countStored === false ? 0 : await countFills(trx, accountId) };
  }
  const values = syncStateValues(commit, counted, await mergedHistoryGaps(trx, commit));
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
  return { ...result, fillsStored: state.fills_stored };
}
