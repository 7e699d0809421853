/**
 * Bybit's derivatives "Trade History" CSV export, for fills older than the two years the API
 * serves (docs/import.md). Headers are matched loosely (case, spacing, punctuation, the API's own
 * names execId/execPrice/…), since the export's wording has varied; "Trasaction ID" (sic) is the
 * execution id, the API's `execId`, so an imported fill and a synced one are stored once. Amounts
 * follow the connector (bybit/normalize.ts): linear contracts count price × qty in their settle
 * coin at par, inverse ones (BTCUSD, …) are USD contracts whose qty IS the notional.
 */
import { z } from 'zod';
import { feeValueMicros } from '../../core/fee-value.ts';
import type { Side } from '../../core/fill.ts';
import { classifyBybitSymbol, EXEC_TYPE_DECISIONS, linearSettleCoin } from './normalize.ts';
import { baseCoinOfSymbol, canonicalUnderlying } from '../../core/underlying.ts';
import { productMicros, usdToMicros } from '../../core/usd.ts';
import type { RowReader } from '../kit/csv-format.ts';
import { decimalCell, findColumn, findColumns, headerKey } from '../kit/csv/csv-table.ts';
import { parseCsvTime, parseUtcOffset } from '../kit/csv/csv-time.ts';

const FORMAT_NAME = "Bybit's derivatives Trade History export";

const COLUMNS = {
  symbol: ['contracts', 'contract', 'symbol'],
  side: ['direction', 'side'],
  qty: ['filledqty', 'filledquantity', 'execqty', 'qty'],
  price: ['filledprice', 'execprice', 'price'],
  fee: ['feespaid', 'tradingfee', 'execfee', 'fees', 'fee'],
  execId: ['trasactionid', 'transactionid', 'execid', 'tradeid', 'executionid'],
  // what follows the name may be the zone, e.g. "Transaction Time(UTC+10)"
  time: /^(transactiontime|tradetime|filledtime|exectime|timestamp|time)/,
  execType: ['filledtype', 'exectype', 'tradetype', 'type'],
  orderId: ['orderno', 'orderid'],
  feeCurrency: ['feecurrency', 'feecoin', 'feeasset'],
};

export function looksLikeBybit(headers: readonly string[]): boolean {
  return [COLUMNS.execId, COLUMNS.price, COLUMNS.symbol].every((keys) => findColumn(headers, keys) >= 0);
}

const SIDES: Record<string, Side> = { buy: 'buy', sell: 'sell', openlong: 'buy', closeshort: 'buy', openshort: 'sell', closelong: 'sell' };

/** "0.1993 USDT" (older exports put the coin after the amount) → amount and coin. */
const AMOUNT_WITH_COIN = /^(\S+)\s+([A-Za-z0-9.]+)$/;
const RowSchema = z.object({
  symbol: z.string().min(1, 'the contract is empty'),
  side: z.string().refine((s) => headerKey(s) in SIDES, 'expected Buy or Sell'),
  qty: decimalCell,
  price: decimalCell,
  fee: decimalCell,
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

/** Checks the header (missing columns name themselves) and reads the file's rows one at a time. */
export function bybitRowReader(headers: string[], options: { offsetMinutes: number | null }): RowReader {
  const columns = findColumns(headers, FORMAT_NAME, COLUMNS, { optional: ['execType', 'orderId', 'feeCurrency'], called: { time: 'Transaction Time' } });
  const zone = /\((UTC|GMT)\s*([+-]\d{1,2}(?::?\d{2})?)?\)/i.exec(headers[columns.at.time] ?? '');
  // The header's own zone wins over the user's guess: it is what Bybit wrote the times in.
  const reading = { offsetMinutes: zone ? parseUtcOffset(zone[2] ?? '0') : (options.offsetMinutes ?? 0), dateOrder: null };

  return (row) => {
    const c = columns.cells(row);
    // the connector's decision per execution type (normalize.ts); a type it does not count is skipped, and said so
    if (c.execType !== '' && EXEC_TYPE_DECISIONS[c.execType.replace(/\s+/g, '')] !== 'volume') return 'skipped';
    const feeSplit = AMOUNT_WITH_COIN.exec(c.fee);
    const raw = { symbol: c.symbol, side: c.side, qty: c.qty.split(' ')[0], price: c.price.split(' ')[0], fee: feeSplit ? feeSplit[1] : c.fee, execId: c.execId };
    const r = columns.check(RowSchema, raw, row.line);
    const ts = parseCsvTime(c.time, reading);
    if (ts === null) throw columns.invalid(row.line, 'time', `${JSON.stringify(c.time)} is not a time Perpvol can read`);
    const category = categoryOf(r.symbol);
    if (category === null) return 'skipped';
    const stated = c.feeCurrency || feeSplit?.[2] || '';
    const baseCoin = baseCoinOfSymbol(r.symbol);
    const feeCurrency = stated || (category === 'linear' ? linearSettleCoin(r.symbol) : baseCoin);
    return {
      exchange: 'bybit',
      tradeId: r.execId,
      orderId: c.orderId === '' || c.orderId === '--' ? null : c.orderId,
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
