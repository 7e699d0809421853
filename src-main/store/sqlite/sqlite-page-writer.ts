import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { addDecimals, formatDecimal, parseDecimal } from '../../core/decimal.ts';
import { mergeHistoryGaps } from '../../core/history-gap.ts';
import type { PageCommit, PageCommitResult } from '../store.ts';
import type { Database, FillsTable } from '../schema.ts';
import { toStoredFill } from '../fill-row.ts';
import { RollupDeltas, classChanged, moveFill, pageFillsToInsert } from '../rollup-deltas.ts';
import { syncStateValues, type ImportCommit, type PageWriter } from '../page-writer.ts';
import { readHistoryGaps, writeHistoryGaps } from '../sync-state-repository.ts';

/**
 * The SQLite hot path: prepared statements on the better-sqlite3 handle inside one synchronous
 * IMMEDIATE transaction. Compiling a Kysely query per fill cost more than the insert itself; a
 * prepared single-row insert costs about what a raw loop does (see BENCHMARKS.md). The fill insert
 * reports `changes` 0 for a duplicate, which is how only new fills reach the rollups. Busts and
 * unclassified executions are rare: the per-fill checks for them run only when the account has any.
 */
const INSERT_FILL = `insert into fills
  (account_id, exchange, trade_id, order_id, symbol, kind, underlying, side, price, qty, notional_micros, fee, fee_currency, fee_micros, liquidity, ts)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (account_id, trade_id) do nothing`;

const ROLLUP_SUMS = `volume_micros = {t}.volume_micros + excluded.volume_micros,
  maker_micros = {t}.maker_micros + excluded.maker_micros,
  taker_micros = {t}.taker_micros + excluded.taker_micros,
  fees_micros = {t}.fees_micros + excluded.fees_micros,
  maker_fees_micros = {t}.maker_fees_micros + excluded.maker_fees_micros,
  taker_fees_micros = {t}.taker_fees_micros + excluded.taker_fees_micros,
  trades = {t}.trades + excluded.trades`;

const UPSERT_SYMBOL_DAY = `insert into daily_symbol_volume
  (day, account_id, exchange, kind, symbol, underlying, volume_micros, maker_micros, taker_micros, fees_micros, maker_fees_micros, taker_fees_micros, trades)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (day, account_id, kind, symbol, underlying) do update set ${ROLLUP_SUMS.replaceAll('{t}', 'daily_symbol_volume')}`;

const UPSERT_ACCOUNT_DAY = `insert into daily_account_volume
  (day, account_id, exchange, kind, volume_micros, maker_micros, taker_micros, fees_micros, maker_fees_micros, taker_fees_micros, trades)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (day, account_id, kind) do update set ${ROLLUP_SUMS.replaceAll('{t}', 'daily_account_volume')}`;

const UPSERT_TOTAL_DAY = `insert into daily_total_volume
  (day, kind, volume_micros, maker_micros, taker_micros, fees_micros, maker_fees_micros, taker_fees_micros, trades)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (day, kind) do update set ${ROLLUP_SUMS.replaceAll('{t}', 'daily_total_volume')}`;

/** After a bust took a day's last fill out, its rows would be all zeros: they go, so no empty series shows. */
const DROP_EMPTY = [
  'delete from daily_symbol_volume where day = ? and account_id = ? and kind = ? and trades <= 0',
  'delete from daily_account_volume where day = ? and account_id = ? and kind = ? and trades <= 0',
];
const DROP_EMPTY_TOTAL = 'delete from daily_total_volume where day = ? and kind = ? and trades <= 0';

const SELECT_UNPRICED = 'select amount, fills from daily_unpriced_fees where day = ? and account_id = ? and kind = ? and fee_currency = ?';
const UPSERT_UNPRICED = `insert into daily_unpriced_fees (day, account_id, exchange, kind, fee_currency, amount, fills)
  values (?, ?, ?, ?, ?, ?, ?)
  on conflict (day, account_id, kind, fee_currency) do update set amount = excluded.amount, fills = excluded.fills`;
const DELETE_UNPRICED = 'delete from daily_unpriced_fees where day = ? and account_id = ? and kind = ? and fee_currency = ?';

const INSERT_BUST = 'insert into busted_trades (account_id, trade_id, recorded_at) values (?, ?, ?) on conflict (account_id, trade_id) do nothing';
const HAS_BUSTS = 'select 1 from busted_trades where account_id = ? limit 1';
const IS_BUSTED = 'select 1 from busted_trades where account_id = ? and trade_id = ?';
const COUNTED_FILL = 'select * from fills where account_id = ? and trade_id = ? and busted_at is null';
const MARK_BUSTED = 'update fills set busted_at = ? where id = ?';

const HAS_UNCLASSIFIED = 'select 1 from unclassified_executions where account_id = ? limit 1';
const FORGET_UNCLASSIFIED = 'delete from unclassified_executions where account_id = ? and execution_id = ?';
const FILL_EXISTS = 'select 1 from fills where account_id = ? and trade_id = ?';
const INSERT_UNCLASSIFIED = `insert into unclassified_executions (account_id, execution_id, exchange, raw_type, symbol, ts, recorded_at)
  values (?, ?, ?, ?, ?, ?, ?) on conflict (account_id, execution_id) do nothing`;

/** A fill stored under an earlier id scheme (Fill.legacyTradeId) with the same time, market, side, price and size is the same execution. */
const LEGACY_STORED = 'select 1 from fills where account_id = ? and trade_id = ? and ts = ? and symbol = ? and side = ? and price = ? and qty = ?';
/** The stored (counted) row of a re-read fill, to move it when the exchange now classifies it otherwise. */
const STORED_FILL = 'select * from fills where account_id = ? and trade_id = ? and busted_at is null';
const SYMBOL_TO_MOVE = 'select * from fills where account_id = ? and symbol = ? and busted_at is null and (kind <> ? or underlying <> ?)';
const MOVE_FILL = 'update fills set kind = ?, underlying = ? where id = ?';
const STORED_GAPS = 'select history_gaps from sync_state where account_id = ?';

export const UPSERT_SYNC_STATE = `insert into sync_state
  (account_id, cursor, backfill_done, pages_fetched, fills_stored, progress, covered_from, covered_to, history_limited_before, history_gaps, updated_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (account_id) do update set
    cursor = excluded.cursor, backfill_done = excluded.backfill_done, pages_fetched = excluded.pages_fetched,
    fills_stored = sync_state.fills_stored + excluded.fills_stored, progress = excluded.progress,
    covered_from = excluded.covered_from, covered_to = excluded.covered_to,
    history_limited_before = excluded.history_limited_before, history_gaps = excluded.history_gaps,
    updated_at = excluded.updated_at
  returning fills_stored`;

/** An import only moves the counter of an existing sync state; it never creates one or moves its cursor. */
const BUMP_FILLS_STORED = 'update sync_state set fills_stored = fills_stored + ? where account_id = ?';
const COUNT_ACCOUNT_FILLS = 'select count(*) as n from fills where account_id = ? and busted_at is null';

export function createSqlitePageWriter(handle: BetterSqlite3.Database, db: Kysely<Database>): PageWriter {
  const prepare = <R = unknown>(text: string) => handle.prepare<unknown[], R>(text);
  const insertFill = prepare(INSERT_FILL);
  const upsertSymbolDay = prepare(UPSERT_SYMBOL_DAY);
  const upsertAccountDay = prepare(UPSERT_ACCOUNT_DAY);
  const upsertTotalDay = prepare(UPSERT_TOTAL_DAY);
  const dropEmpty = DROP_EMPTY.map((text) => prepare(text));
  const dropEmptyTotal = prepare(DROP_EMPTY_TOTAL);
  const selectUnpriced = prepare<{ amount: string; fills: number }>(SELECT_UNPRICED);
  const upsertUnpriced = prepare(UPSERT_UNPRICED);
  const deleteUnpriced = prepare(DELETE_UNPRICED);
  const insertBust = prepare(INSERT_BUST);
  const hasBusts = prepare(HAS_BUSTS).pluck();
  const isBusted = prepare(IS_BUSTED).pluck();
  const countedFill = prepare<FillsTable & { id: number }>(COUNTED_FILL);
  const markBusted = prepare(MARK_BUSTED);
  const hasUnclassified = prepare(HAS_UNCLASSIFIED).pluck();
  const forgetUnclassified = prepare(FORGET_UNCLASSIFIED);
  const fillExists = prepare(FILL_EXISTS).pluck();
  const insertUnclassified = prepare(INSERT_UNCLASSIFIED);
  const upsertSyncState = prepare<{ fills_stored: number }>(UPSERT_SYNC_STATE);
  const bumpFillsStored = prepare(BUMP_FILLS_STORED);
  const countAccountFills = prepare<{ n: number }>(COUNT_ACCOUNT_FILLS);
  const legacyStored = prepare(LEGACY_STORED).pluck();
  const storedFill = prepare<FillsTable & { id: number }>(STORED_FILL);
  const symbolToMove = prepare<FillsTable & { id: number }>(SYMBOL_TO_MOVE);
  const moveRow = prepare(MOVE_FILL);
  const storedGaps = prepare<{ history_gaps: string | null }>(STORED_GAPS);

  const writePage = handle.transaction((commit: PageCommit | ImportCommit): PageCommitResult => {
    const { accountId } = commit;
    const now = Date.now();
    const deltas = new RollupDeltas(accountId);

    // Busts first: a stored fill leaves the rollups; a bust of a fill not stored yet is remembered.
    let busted = 0;
    for (const tradeId of new Set(commit.bustedTradeIds ?? [])) {
      if (insertBust.run(accountId, tradeId, now).changes !== 1) continue; // seen before: already applied
      const row = countedFill.get(accountId, tradeId);
      if (!row) continue;
      markBusted.run(now, row.id);
      deltas.add(toStoredFill(row), -1);
      busted += 1;
    }

    const accountHasBusts = hasBusts.get(accountId) !== undefined;
    const accountHasUnclassified = hasUnclassified.get(accountId) !== undefined;
    const syncPage = commit.state !== null;
    let inserted = 0;
    let reclassified = 0;
    for (const f of pageFillsToInsert(commit.fills)) {
      // stored before under the id an earlier Perpvol gave it: the same execution, never twice
      if (f.legacyTradeId !== undefined && legacyStored.get(accountId, f.legacyTradeId, f.ts, f.symbol, f.side, f.price, f.qty) !== undefined) continue;
      const { changes, lastInsertRowid } = insertFill.run(
        accountId, f.exchange, f.tradeId, f.orderId, f.symbol, f.kind, f.underlying, f.side, f.price, f.qty,
        f.notionalMicros, f.fee, f.feeCurrency, f.feeMicros, f.liquidity, f.ts,
      );
      if (changes !== 1) {
        // Re-read by a sync: the exchange's classification now wins over the one stored (an import never overrides it).
        if (!syncPage) continue;
        const row = storedFill.get(accountId, f.tradeId);
        if (row && classChanged(row, f)) {
          moveFill(deltas, toStoredFill(row), f);
          moveRow.run(f.kind, f.underlying, row.id);
          reclassified += 1;
        }
        continue;
      }
      // a Perpvol that now classifies an execution moves it out of the unclassified bucket
      if (accountHasUnclassified) forgetUnclassified.run(accountId, f.tradeId);
      if (accountHasBusts && isBusted.get(accountId, f.tradeId) !== undefined) {
        markBusted.run(now, lastInsertRowid);
        continue;
      }
      inserted += 1;
      deltas.add(f);
    }

    if (commit.state !== null) {
      for (const to of commit.reclassified ?? []) {
        for (const row of symbolToMove.all(accountId, to.symbol, to.kind, to.underlying)) {
          moveFill(deltas, toStoredFill(row), to);
          moveRow.run(to.kind, to.underlying, row.id);
          reclassified += 1;
        }
      }
    }

    let unclassified = 0;
    for (const u of commit.unclassified ?? []) {
      if (fillExists.get(accountId, u.executionId) !== undefined) continue;
      unclassified += insertUnclassified.run(accountId, u.executionId, u.exchange, u.rawType, u.symbol, u.ts, now).changes;
    }

    for (const r of deltas.symbolRows()) {
      upsertSymbolDay.run(r.day, r.account_id, r.exchange, r.kind, r.symbol, r.underlying, r.volume_micros, r.maker_micros, r.taker_micros, r.fees_micros, r.maker_fees_micros, r.taker_fees_micros, r.trades);
    }
    for (const r of deltas.dayRows()) {
      upsertAccountDay.run(r.day, r.account_id, r.exchange, r.kind, r.volume_micros, r.maker_micros, r.taker_micros, r.fees_micros, r.maker_fees_micros, r.taker_fees_micros, r.trades);
      // a page belongs to one account, so its per-day deltas are also the all-accounts deltas
      upsertTotalDay.run(r.day, r.kind, r.volume_micros, r.maker_micros, r.taker_micros, r.fees_micros, r.maker_fees_micros, r.taker_fees_micros, r.trades);
      if (busted > 0 || reclassified > 0) {
        for (const drop of dropEmpty) drop.run(r.day, accountId, r.kind);
        dropEmptyTotal.run(r.day, r.kind);
      }
    }
    for (const r of deltas.unpricedRows()) {
      const key = [r.day, r.account_id, r.kind, r.fee_currency];
      const before = selectUnpriced.get(...key);
      const amount = before ? addDecimals(parseDecimal(before.amount), r.amount) : r.amount;
      const fills = (before?.fills ?? 0) + r.fills;
      if (fills <= 0) deleteUnpriced.run(...key);
      else upsertUnpriced.run(r.day, r.account_id, r.exchange, r.kind, r.fee_currency, formatDecimal(amount), fills);
    }

    const counted = inserted - busted;
    const result = { inserted, busted, unclassified, reclassified, days: deltas.days() };
    if (commit.state === null) {
      bumpFillsStored.run(counted, accountId);
      return { ...result, fillsStored: commit.countStored === false ? 0 : (countAccountFills.get(accountId)?.n ?? inserted) };
    }
    const gaps = writeHistoryGaps(mergeHistoryGaps(readHistoryGaps(storedGaps.get(accountId)?.history_gaps ?? null), commit.historyGaps ?? []));
    const s = syncStateValues(commit, counted, gaps);
    const row = upsertSyncState.get(
      s.account_id, s.cursor, s.backfill_done, s.pages_fetched, s.fills_stored, s.progress,
      s.covered_from, s.covered_to, s.history_limited_before, s.history_gaps, s.updated_at,
    );
    return { ...result, fillsStored: row?.fills_stored ?? inserted };
  });

  // Hold Kysely's single connection while writing, so no Kysely transaction is open around us.
  const write = (commit: PageCommit | ImportCommit) => db.connection().execute(async () => writePage.immediate(commit));

  // One IMMEDIATE transaction around every page; each page's transaction function nests as a savepoint.
  const importPages: PageWriter['importPages'] = (accountId, pages) =>
    db.connection().execute(async () => {
      handle.exec('BEGIN IMMEDIATE');
      try {
        const total = { inserted: 0, busted: 0, unclassified: 0, reclassified: 0 };
        const days = new Set<string>();
        for await (const fills of pages) {
          const page = writePage({ accountId, fills, state: null, countStored: false });
          total.inserted += page.inserted;
          total.busted += page.busted;
          total.unclassified += page.unclassified;
          for (const day of page.days) days.add(day);
        }
        const fillsStored = countAccountFills.get(accountId)?.n ?? total.inserted;
        handle.exec('COMMIT');
        return { ...total, days: [...days].sort(), fillsStored };
      } catch (error) {
        if (handle.inTransaction) handle.exec('ROLLBACK');
        throw error;
      }
    });
  return Object.assign(write, { importPages });
}
