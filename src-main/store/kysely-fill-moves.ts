/**
 * The Kysely page writer's handling of fills whose identity or class changed after they were
 * stored (the SQLite writer does the same with prepared statements): an execution stored under an
 * earlier id scheme is not stored again, and fills move to the kind and asset the exchange now gives
 * them, their rollup amounts with them (rollup-deltas.ts moveFill).
 */
import type { Transaction } from 'kysely';
import type { Fill } from '../core/fill.ts';
import type { SymbolClass } from '../core/instrument.ts';
import { toStoredFill } from './fill-row.ts';
import { classChanged, moveFill, type RollupDeltas } from './rollup-deltas.ts';
import type { Database } from './schema.ts';

type Trx = Transaction<Database>;

/** Rows per query, as the writer's inserts: far under Postgres's 65,535 parameters. */
const ROWS_PER_QUERY = 1_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What makes a stored fill the same execution as one with a new id: its old id, time, market, side, price and size. */
const sameExecution = (tradeId: string, f: { ts: number; symbol: string; side: string; price: string; qty: string }): string =>
  [tradeId, f.ts, f.symbol, f.side, f.price, f.qty].join('\u0000');

/**
 * Fills whose earlier id (legacyTradeId) is stored with the same time, market, side, price and size
 * ARE stored: they are left out of the insert, so an id scheme that changed never counts one
 * execution twice.
 */
export async function withoutLegacyDuplicates(trx: Trx, accountId: string, fills: Fill[]): Promise<Fill[]> {
  const legacy = fills.filter((f) => f.legacyTradeId !== undefined);
  if (legacy.length === 0) return fills;
  const stored = new Set<string>();
  for (const chunk of chunks(legacy, ROWS_PER_QUERY)) {
    const rows = await trx
      .selectFrom('fills')
      .select(['trade_id', 'ts', 'symbol', 'side', 'price', 'qty'])
      .where('account_id', '=', accountId)
      .where('trade_id', 'in', chunk.map((f) => f.legacyTradeId!))
      .execute();
    for (const row of rows) stored.add(sameExecution(row.trade_id, { ...row, ts: Number(row.ts) }));
  }
  return fills.filter((f) => f.legacyTradeId === undefined || !stored.has(sameExecution(f.legacyTradeId, f)));
}

/** Stored (counted) fills the page re-read under another kind or asset move there; returns how many. */
export async function moveRereadFills(trx: Trx, accountId: string, rereads: Fill[], deltas: RollupDeltas): Promise<number> {
  let moved = 0;
  for (const chunk of chunks(rereads, ROWS_PER_QUERY)) {
    const wanted = new Map(chunk.map((f) => [f.tradeId, f]));
    const rows = await trx
      .selectFrom('fills')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('trade_id', 'in', [...wanted.keys()])
      .where('busted_at', 'is', null)
      .execute();
    for (const row of rows) {
      const to = wanted.get(row.trade_id)!;
      if (!classChanged(row, to)) continue;
      moveFill(deltas, toStoredFill(row), to);
      await trx.updateTable('fills').set({ kind: to.kind, underlying: to.underlying }).where('id', '=', row.id).execute();
      moved += 1;
    }
  }
  return moved;
}

/** Every stored (counted) fill of each market the exchange now classifies otherwise moves there; returns how many. */
export async function moveSymbols(trx: Trx, accountId: string, classes: readonly SymbolClass[], deltas: RollupDeltas): Promise<number> {
  let moved = 0;
  for (const to of classes) {
    const rows = await trx
      .selectFrom('fills')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('symbol', '=', to.symbol)
      .where('busted_at', 'is', null)
      .where((eb) => eb.or([eb('kind', '!=', to.kind), eb('underlying', '!=', to.underlying)]))
      .execute();
    for (const row of rows) moveFill(deltas, toStoredFill(row), to);
    if (rows.length > 0) {
      await trx
        .updateTable('fills')
        .set({ kind: to.kind, underlying: to.underlying })
        .where('id', 'in', rows.map((row) => row.id))
        .execute();
    }
    moved += rows.length;
  }
  return moved;
}
