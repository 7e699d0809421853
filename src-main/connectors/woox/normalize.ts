/**
 * One WOO X transaction row as a Perpvol Fill. WOO X symbols are `<TYPE>_<BASE>_<QUOTE>`
 * (https://docs.woox.io/ "Symbol"): only `PERP_` rows are perpetual-futures volume; `SPOT_` rows
 * (spot and spot margin) are dropped. Perps are linear, quoted and settled in USDT or USDC, so the
 * USD notional is price × quantity at par.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { Fill, Side } from '../../core/fill.ts';
import { feeMicros, isUsdStable, notionalMicros, productMicros } from '../../core/usd.ts';
import type { TransactionRow } from './schemas.ts';

export interface WooxSymbol {
  type: string;
  base: string;
  quote: string;
}

export function parseWooxSymbol(symbol: string): WooxSymbol | null {
  const parts = symbol.split('_');
  if (parts.length !== 3 || parts.some((part) => part === '')) return null;
  return { type: parts[0]!, base: parts[1]!, quote: parts[2]! };
}

/** One-way mode says BUY/SELL; hedge mode says which position the fill opened or closed. */
const SIDES: Record<string, Side> = {
  BUY: 'buy',
  SELL: 'sell',
  'OPEN LONG': 'buy',
  'CLOSE SHORT': 'buy',
  'OPEN SHORT': 'sell',
  'CLOSE LONG': 'sell',
};

/** The row as a Fill, or null when it is not a perpetual-futures execution. */
export function normalizeTransaction(row: TransactionRow): Fill | null {
  const market = parseWooxSymbol(row.symbol);
  if (!market || market.type !== 'PERP') return null;
  const side = SIDES[row.side.toUpperCase().replace(/_/g, ' ')];
  if (!side) throw unexpected(`side "${row.side}" of trade ${row.id}`);
  if (!isUsdStable(market.quote)) throw unexpected(`quote currency ${market.quote} of ${row.symbol}`);
  return {
    exchange: 'woox',
    tradeId: row.id,
    orderId: row.orderId ?? null,
    symbol: row.symbol,
    side,
    price: row.executedPrice,
    qty: row.executedQuantity,
    notionalMicros: notionalMicros(row.executedPrice, row.executedQuantity),
    fee: row.fee,
    feeCurrency: row.feeAsset,
    feeMicros: feeInMicros(row, market),
    liquidity: row.isMaker ? 'maker' : 'taker',
    ts: row.executedTimestamp,
  };
}

/**
 * Perp fees are charged in the settlement coin (USDT/USDC, at par); negative fees are maker
 * rebates and stay negative. A fee in the base asset is valued at the fill's price. A fee in any
 * other asset (none is documented for perps) has no price here and counts as 0 USD, while the
 * row keeps the exchange's fee and asset verbatim.
 */
function feeInMicros(row: TransactionRow, market: WooxSymbol): number {
  if (row.feeAsset === '' || isUsdStable(row.feeAsset)) return feeMicros(row.fee, row.feeAsset);
  if (row.feeAsset.toUpperCase() === market.base.toUpperCase()) return productMicros(row.fee, row.executedPrice);
  return 0;
}

function unexpected(what: string): PerpvolError {
  return new PerpvolError(
    'exchange_unavailable',
    'malformed_response',
    `WOO X sent a trade Perpvol does not understand (${what}). Nothing was stored from this page; update Perpvol, and report this if it persists.`,
    true,
  );
}
