/**
 * What a correct sync of a simulated Bybit account adds up to, from its own rows and the truth
 * arithmetic of ../truth (never Perpvol's): served linear and inverse executions of the types that
 * trade the account's position, per UTC day and instrument kind (what instruments-info says the
 * contract is, not its name), and the executions of types a client must keep aside.
 */
import type { SimKind, SimTruthDay } from '../simulator.ts';
import { notionalOf, productMicros, usdMicros } from '../truth/decimal.ts';
import { TruthLedger } from '../truth/ledger.ts';
import { HISTORY_MS } from './executions.ts';
import type { BybitExecRow } from './history.ts';

/**
 * The simulator's reading of https://bybit-exchange.github.io/docs/v5/enum#exectype: executions that
 * trade the account's position count; Funding, Settle, Delivery (bookkeeping) and MovePosition (a
 * transfer between master and sub-accounts, "no trading fee") do not; any other type (UNKNOWN, one
 * the docs do not list) must be kept aside, neither counted nor dropped.
 */
export const TRADE_TYPES = new Set(['Trade', 'AdlTrade', 'BustTrade', 'BlockTrade', 'FutureSpread']);
const NOT_TRADES = new Set(['Funding', 'Settle', 'Delivery', 'MovePosition', 'CorporateAction']);

/** Whether a row is one the API serves for linear/inverse at `now` (two years back). */
function served(row: BybitExecRow, now: number): boolean {
  const ts = Number(row.execTime);
  return (row.category === 'linear' || row.category === 'inverse') && ts >= now - HISTORY_MS && ts <= now;
}

/** Served executions of types a client must keep aside (neither a trade nor documented bookkeeping), by type. */
export function unclassifiedOf(rows: readonly BybitExecRow[], now: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (!served(row, now) || TRADE_TYPES.has(row.execType) || NOT_TRADES.has(row.execType)) continue;
    counts.set(row.execType, (counts.get(row.execType) ?? 0) + 1);
  }
  return counts;
}

/** Fee currencies this simulator charges that are dollars (Bybit's settle coins). */
const DOLLAR_FEES = new Set(['USDT', 'USDC']);

/** What a correct sync of `rows` adds up to: served linear and inverse trades of the given kinds, day by day. */
export function truthOf(rows: readonly BybitExecRow[], now: number, kinds?: readonly SimKind[]): Map<string, SimTruthDay> {
  return truthLedgerOf(rows, now).perDay(kinds);
}

export function truthLedgerOf(rows: readonly BybitExecRow[], now: number): TruthLedger {
  const ledger = new TruthLedger();
  for (const row of rows) {
    const ts = Number(row.execTime);
    if (row.contractType === null || !TRADE_TYPES.has(row.execType) || !served(row, now)) continue;
    // Independent of the connector's path: linear from price × qty, inverse from contracts; the
    // kind from what instruments-info says, not from the symbol's spelling.
    const notional = row.category === 'linear' ? notionalOf(row.execPrice, row.execQty) : notionalOf('1', row.execQty);
    const inBaseCoin = row.category === 'inverse' && row.feeCurrency === row.symbol.replace(/USD.*$/, '');
    const fee = DOLLAR_FEES.has(row.feeCurrency)
      ? { usdMicros: usdMicros(row.execFee) }
      : inBaseCoin
        ? { usdMicros: productMicros(row.execFee, row.execPrice) }
        : { token: row.feeCurrency, amount: row.execFee };
    const kind: SimKind = row.contractType.endsWith('Futures') ? 'dated_future' : 'perpetual';
    ledger.add({ ts, kind, notionalMicros: notional, maker: row.isMaker, fee, ...(row.baseCoin ? { underlying: row.baseCoin } : {}) });
  }
  return ledger;
}
