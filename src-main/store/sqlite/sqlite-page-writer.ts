import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { PageCommit, PageCommitResult } from '../store.ts';
import type { Database } from '../schema.ts';
import { RollupDeltas, pageFillsToInsert } from '../rollup-deltas.ts';
import { syncStateValues, type ImportCommit, type PageWriter } from '../page-writer.ts';

/**
 * The SQLite hot path: prepared statements on the better-sqlite3 handle inside one synchronous
 * IMMEDIATE transaction. Compiling a Kysely query per fill cost more than the insert itself; a
 * prepared single-row insert costs about what a raw loop does (see BENCHMARKS.md). The fill insert
 * reports `changes` 0 for a duplicate, which is how only new fills reach the rollups.
 */
const INSERT_FILL = `insert into fills
  (account_id, exchange, trade_id, order_id, symbol, side, price, qty, notional_micros, fee, fee_currency, fee_micros, liquidity, ts)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (account_id, trade_id) do nothing`;

const ROLLUP_SUMS = `volume_micros = {t}.volume_micros + excluded.volume_micros,
  maker_micros = {t}.maker_micros + excluded.maker_micros,
  taker_micros = {t}.taker_micros + excluded.taker_micros,
  fees_micros = {t}.fees_micros + excluded.fees_micros,
  trades = {t}.trades + excluded.trades`;

const UPSERT_SYMBOL_DAY = `insert into daily_symbol_volume
  (day, account_id, symbol, exchange, volume_micros, maker_micros, taker_micros, fees_micros, trades)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (day, account_id, symbol) do update set ${ROLLUP_SUMS.replaceAll('{t}', 'daily_symbol_volume')}`;

const UPSERT_ACCOUNT_DAY = `insert into daily_account_volume
  (day, account_id, exchange, volume_micros, maker_micros, taker_micros, fees_micros, trades)
  values (?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (day, account_id) do update set ${ROLLUP_SUMS.replaceAll('{t}', 'daily_account_volume')}`;

const UPSERT_TOTAL_DAY = `insert into daily_total_volume
  (day, volume_micros, maker_micros, taker_micros, fees_micros, trades)
  values (?, ?, ?, ?, ?, ?)
  on conflict (day) do update set ${ROLLUP_SUMS.replaceAll('{t}', 'daily_total_volume')}`;

export const UPSERT_SYNC_STATE = `insert into sync_state
  (account_id, cursor, backfill_done, pages_fetched, fills_stored, progress, covered_from, covered_to, history_limited_before, updated_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (account_id) do update set
    cursor = excluded.cursor, backfill_done = excluded.backfill_done, pages_fetched = excluded.pages_fetched,
    fills_stored = sync_state.fills_stored + excluded.fills_stored, progress = excluded.progress,
    covered_from = excluded.covered_from, covered_to = excluded.covered_to,
    history_limited_before = excluded.history_limited_before, updated_at = excluded.updated_at
  returning fills_stored`;

/** An import only grows the counter of an existing sync state; it never creates one or moves its cursor. */
const BUMP_FILLS_STORED = 'update sync_state set fills_stored = fills_stored + ? where account_id = ?';
const COUNT_ACCOUNT_FILLS = 'select count(*) as n from fills where account_id = ?';

export function createSqlitePageWriter(handle: BetterSqlite3.Database, db: Kysely<Database>): PageWriter {
  const insertFill = handle.prepare(INSERT_FILL);
  const upsertSymbolDay = handle.prepare(UPSERT_SYMBOL_DAY);
  const upsertAccountDay = handle.prepare(UPSERT_ACCOUNT_DAY);
  const upsertTotalDay = handle.prepare(UPSERT_TOTAL_DAY);
  const upsertSyncState = handle.prepare<unknown[], { fills_stored: number }>(UPSERT_SYNC_STATE);
  const bumpFillsStored = handle.prepare(BUMP_FILLS_STORED);
  const countAccountFills = handle.prepare<unknown[], { n: number }>(COUNT_ACCOUNT_FILLS);

  const writePage = handle.transaction((commit: PageCommit | ImportCommit): PageCommitResult => {
    const { accountId } = commit;
    const deltas = new RollupDeltas(accountId);
    let inserted = 0;
    for (const f of pageFillsToInsert(commit.fills)) {
      const { changes } = insertFill.run(
        accountId, f.exchange, f.tradeId, f.orderId, f.symbol, f.side, f.price, f.qty,
        f.notionalMicros, f.fee, f.feeCurrency, f.feeMicros, f.liquidity, f.ts,
      );
      if (changes === 1) {
        inserted += 1;
        deltas.add(f);
      }
    }
    for (const r of deltas.symbolRows()) {
      upsertSymbolDay.run(r.day, r.account_id, r.symbol, r.exchange, r.volume_micros, r.maker_micros, r.taker_micros, r.fees_micros, r.trades);
    }
    for (const r of deltas.dayRows()) {
      upsertAccountDay.run(r.day, r.account_id, r.exchange, r.volume_micros, r.maker_micros, r.taker_micros, r.fees_micros, r.trades);
      // a page belongs to one account, so its per-day deltas are also the all-accounts deltas
      upsertTotalDay.run(r.day, r.volume_micros, r.maker_micros, r.taker_micros, r.fees_micros, r.trades);
    }
    if (commit.state === null) {
      bumpFillsStored.run(inserted, accountId);
      const fillsStored = commit.countStored === false ? 0 : (countAccountFills.get(accountId)?.n ?? inserted);
      return { inserted, days: deltas.days(), fillsStored };
    }
    const s = syncStateValues(commit, inserted);
    const row = upsertSyncState.get(
      s.account_id, s.cursor, s.backfill_done, s.pages_fetched, s.fills_stored, s.progress,
      s.covered_from, s.covered_to, s.history_limited_before, s.updated_at,
    );
    return { inserted, days: deltas.days(), fillsStored: row?.fills_stored ?? inserted };
  });

  // Hold Kysely's single connection while writing, so no Kysely transaction is open around us.
  const write = (commit: PageCommit | ImportCommit) => db.connection().execute(async () => writePage.immediate(commit));

  // One IMMEDIATE transaction around every page; each page's transaction function nests as a savepoint.
  const importPages: PageWriter['importPages'] = (accountId, pages) =>
    db.connection().execute(async () => {
      handle.exec('BEGIN IMMEDIATE');
      try {
        let inserted = 0;
        const days = new Set<string>();
        for await (const fills of pages) {
          const page = writePage({ accountId, fills, state: null, countStored: false });
          inserted += page.inserted;
          for (const day of page.days) days.add(day);
        }
        const fillsStored = countAccountFills.get(accountId)?.n ?? inserted;
        handle.exec('COMMIT');
        return { inserted, days: [...days].sort(), fillsStored };
      } catch (error) {
        if (handle.inTransaction) handle.exec('ROLLBACK');
        throw error;
      }
    });
  return Object.assign(write, { importPages });
}
