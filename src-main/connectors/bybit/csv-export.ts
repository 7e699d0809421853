/**
 * Bybit's derivatives "Trade History" CSV export (Orders → Derivatives / Unified Trading → Trade
 * History → Export), for fills older than the two years the API serves. Columns as Bybit's
 * USDT-perp template names them: Contracts, Order No., Direction, Order Type, Filled Qty,
 * Filled Price, Order Price, Filled Type, Trading Fee Rate, Fees Paid, "Trasaction ID" (sic: the
 * execution id) and "Transaction Time(UTC+10)" (the zone of the export in the header, times like
 * "14:35 2024-11-16"). Headers are matched loosely (case, spacing, punctuation, the API's own names
 * execId/execPrice/execQty/execFee/execType/execTime), since the export's wording has varied.
 *
 * The execution id is the API's `execId`, so the trade id is the same as a synced fill's and the
 * store keeps one copy whichever comes first. Amounts follow the connector (bybit/normalize.ts):
 * linear contracts count price × qty in their settle coin at par; inverse contracts (BTCUSD, …)
 * are USD contracts, so the qty IS the USD notional; fees go through the one fee rule
 * (core/fee-value.ts). Dated futures (BTC-26DEC25, BTCUSDT-26DEC25, BTCUSDZ25) are imported as
 * such, apart from perps. Only the execution types the connector counts are imported (trades, ADL,
 * takeovers, block trades, spread legs); funding, settlement and position moves are left out.
 */
import { z } from 'zod';
import { feeValueMicros } from '../../core/fee-value.ts';
import type { Side } from '../../core/fill.ts';
import { classifyBybitSymbol } from './symbols.ts';
import { baseCoinOfSymbol, canonicalUnderlying } from '../../core/underlying.ts';
import { isDecimalString, productMicros, usdToMicros } from '../../core/usd.ts';
import { EXEC_TYPE_DECISIONS } from './constants.ts';
import { linearSettleCoin } from './normalize.ts';
import { findColumn, headerKey, type CsvTable } from '../kit/csv/csv-table.ts';
import { parseCsvTime, parseUtcOffset } from '../kit/csv/csv-time.ts';
import { invalidRow, missingColumns } from '../kit/csv/import-errors.ts';
import { readRows, withoutThousands, type ParsedImport, type RowReader } from '../kit/csv/parsed-import.ts';

const FORMAT_NAME = "Bybit's derivatives Trade History export";

const COLUMNS = {
  symbol: ['contracts', 'contract', 'symbol'],
  side: ['direction', 'side'],
  qty: ['filledqty', 'filledquantity', 'execqty', 'qty'],
  price: ['filledprice', 'execprice', 'price'],
  fee: ['feespaid', 'tradingfee', 'execfee', 'fees', 'fee'],
  execId: ['trasactionid', 'transactionid', 'execid', 'tradeid', 'executionid'],
} as const;
const OPTIONAL = {
  execType: ['filledtype', 'exectype', 'tradetype', 'type'],
  orderId: ['orderno', 'orderid'],
  feeCurrency: ['feecurrency', 'feecoin', 'feeasset'],
} as const;
/** Time headers begin with one of these; what follows may be the zone, e.g. "(UTC+10)". */
const TIME_PREFIXES = ['transactiontime', 'tradetime', 'filledtime', 'exectime', 'timestamp', 'time'];

export function looksLikeBybit(headers: readonly string[]): boolean {
  return findColumn(headers, COLUMNS.execId) >= 0 && findColumn(headers, COLUMNS.price) >= 0 && findColumn(headers, COLUMNS.symbol) >= 0;
}

const SIDES: Record<string, Side> = { buy: 'buy', sell: 'sell', openlong: 'buy', closeshort: 'buy', openshort: 'sell', closelong: 'sell' };

/** "0.1993 USDT" (older exports put the coin after the amount) → amount and coin. */
const AMOUNT_WITH_COIN = /^(\S+)\s+([A-Za-z0-9.]+)$/;
const decimal = z.string().refine(isDecimalString, 'expected a decimal number');
const RowSchema = z.object({
  symbol: z.string().min(1, 'the contract is empty'),
  side: z.string().refine((s) => headerKey(s) in SIDES, 'expected Buy or Sell'),
  qty: decimal,
  price: decimal,
  fee: decimal,
  execId: z.string().min(1, 'the transaction id is empty'),
});

type Category = 'linear' | 'inverse' | null;

/** Bybit's contract families by name: linear USDT/USDC perps and futures, inverse USD contracts; options are not perps. */
function categoryOf(symbol: string): Category {
  if (classifyBybitSymbol(symbol) === 'not_volume') return null; // options: BTC-27DEC24-60000-C
  if (symbol.endsWith('USDT') || symbol.endsWith('PERP') || symbol.endsWith('USDC') || symbol.includes('-')) return 'linear';
  if (/USD[A-Z]?\d{0,2}$/.test(symbol)) return 'inverse';
  return null;
}

function timeColumn(headers: readonly string[]): { index: number; offsetMinutes: number | null } {
  const keys = headers.map(headerKey);
  const index = keys.findIndex((key) => TIME_PREFIXES.some((prefix) => key.startsWith(prefix)));
  if (index < 0) return { index, offsetMinutes: null };
  const zone = /\((UTC|GMT)\s*([+-]\d{1,2}(?::?\d{2})?)?\)/i.exec(headers[index] ?? '');
  return { index, offsetMinutes: zone ? parseUtcOffset(zone[2] ?? '0') : null };
}

export function parseBybitCsv(table: CsvTable, options: { offsetMinutes: number | null }): ParsedImport {
  const { fills, skipped } = readRows(table.rows, bybitRowReader(table.headers, options));
  return { format: 'bybit', exchange: 'bybit', fills, skipped, tradeIds: 'exchange' };
}

/** Checks the header (missing columns name themselves) and reads the file's rows one at a time. */
export function bybitRowReader(headers: string[], options: { offsetMinutes: number | null }): RowReader {
  const at = Object.fromEntries(Object.entries(COLUMNS).map(([name, keys]) => [name, findColumn(headers, keys)])) as Record<keyof typeof COLUMNS, number>;
  const time = timeColumn(headers);
  const missing = [...Object.entries(at).filter(([, i]) => i < 0).map(([name]) => name), ...(time.index < 0 ? ['Transaction Time'] : [])];
  if (missing.length > 0) throw missingColumns(FORMAT_NAME, missing);
  const opt = Object.fromEntries(Object.entries(OPTIONAL).map(([name, keys]) => [name, findColumn(headers, keys)])) as Record<keyof typeof OPTIONAL, number>;
  // The header's own zone wins over the user's guess: it is what Bybit wrote the times in.
  const reading = { offsetMinutes: time.offsetMinutes ?? options.offsetMinutes ?? 0, dateOrder: null };
  const cell = (cells: string[], index: number) => (index >= 0 ? (cells[index] ?? '') : '');

  return ({ line, cells }) => {
    const execType = cell(cells, opt.execType);
    // the connector's decision per execution type (constants.ts); a type it does not count is skipped, and said so
    if (execType !== '' && EXEC_TYPE_DECISIONS[execType.replace(/\s+/g, '')] !== 'volume') return 'skipped';
    const feeText = cell(cells, at.fee);
    const feeSplit = AMOUNT_WITH_COIN.exec(feeText);
    const raw = {
      symbol: cell(cells, at.symbol), side: cell(cells, at.side), qty: withoutThousands(cell(cells, at.qty).split(' ')[0]),
      price: withoutThousands(cell(cells, at.price).split(' ')[0]), fee: withoutThousands(feeSplit ? feeSplit[1] : feeText), execId: cell(cells, at.execId),
    };
    const parsed = RowSchema.safeParse(raw);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'symbol') as keyof typeof COLUMNS;
      throw invalidRow(line, headers[at[field]] ?? field, `${parsed.error.issues[0]?.message ?? 'invalid'} (found ${JSON.stringify(raw[field])})`);
    }
    const r = parsed.data;
    const ts = parseCsvTime(cell(cells, time.index), reading);
    if (ts === null) throw invalidRow(line, headers[time.index]!, `${JSON.stringify(cell(cells, time.index))} is not a time Perpvol can read`);
    const category = categoryOf(r.symbol);
    if (category === null) return 'skipped';
    const stated = cell(cells, opt.feeCurrency) || feeSplit?.[2] || '';
    const baseCoin = baseCoinOfSymbol(r.symbol);
    const feeCurrency = stated || (category === 'linear' ? linearSettleCoin(r.symbol) : baseCoin);
    const orderId = cell(cells, opt.orderId);
    return {
      exchange: 'bybit',
      tradeId: r.execId,
      orderId: orderId === '' || orderId === '--' ? null : orderId,
      symbol: r.symbol,
      kind: classifyBybitSymbol(r.symbol) === 'dated_future' ? 'dated_future' : 'perpetual',
      underlying: canonicalUnderlying(r.symbol),
      side: SIDES[headerKey(r.side)]!,
      price: r.price,
      qty: r.qty,
      notionalMicros: Math.abs(category === 'linear' ? productMicros(r.price, r.qty) : usdToMicros(r.qty)),
      fee: r.fee,
      feeCurrency,
      feeMicros: feeValueMicros(r.fee, feeCurrency, { price: r.price, baseCoin }),
      liquidity: null,
      ts,
    };
  };
}
