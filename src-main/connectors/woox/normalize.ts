/**
 * One WOO X transaction row as a Perpvol Fill, or why it is not one. WOO X symbols are
 * `<TYPE>_<BASE>_<QUOTE>` (https://docs.woox.io/ "Symbol"): `PERP_` rows are perpetual-futures
 * volume, `SPOT_` rows (spot and spot margin) are not. Perps are linear, quoted and settled in USDT
 * or USDC, so the USD notional is price × quantity at par. A `PERP_` symbol quoted in anything else,
 * or a type of symbol Perpvol does not know, is kept aside (unclassified, with a warning) — never
 * counted as dollars, and never a reason to refuse the page and stop the sync.
 */
import { PerpvolError } from '../../core/errors.ts';
import { isUsdStable } from '../../core/fee-value.ts';
import type { Side } from '../../core/fill.ts';
import { memoizedClassifier, type MarketClass } from '../../core/instrument.ts';
import { canonicalUnderlying } from '../../core/underlying.ts';
import { keptAside, tradeFill, type NormalizedRow } from '../kit/normalized-row.ts';
import type { TransactionRow } from './schemas.ts';

function parseWooxSymbol(symbol: string): { type: string; base: string; quote: string } | null {
  const [type, base, quote, ...rest] = symbol.split('_');
  return type && base && quote && rest.length === 0 ? { type, base, quote } : null;
}

export const classifyWooxSymbol = memoizedClassifier((symbol: string): MarketClass => {
  const type = parseWooxSymbol(symbol)?.type;
  if (type === 'PERP') return 'perpetual';
  return type === 'SPOT' ? 'not_volume' : 'unknown';
});

/** One-way mode says BUY/SELL; hedge mode says which position the fill opened or closed. */
const SIDES: Record<string, Side> = {
  BUY: 'buy',
  SELL: 'sell',
  'OPEN LONG': 'buy',
  'CLOSE SHORT': 'buy',
  'OPEN SHORT': 'sell',
  'CLOSE LONG': 'sell',
};

export function normalizeTransaction(row: TransactionRow): NormalizedRow {
  const market = parseWooxSymbol(row.symbol);
  const aside = keptAside({ exchange: 'woox', executionId: row.id, symbol: row.symbol, ts: row.executedTimestamp });
  const type = classifyWooxSymbol(row.symbol);
  if (type === 'not_volume') return { ignored: `spot ${row.symbol}` };
  if (!market || type !== 'perpetual') return aside(market ? `${market.type}_ market` : 'symbol of unknown shape');
  if (!isUsdStable(market.quote)) return aside(`PERP_ quoted in ${market.quote}`);
  const side = SIDES[row.side.toUpperCase().replace(/_/g, ' ')];
  if (!side) {
    throw new PerpvolError(
      'exchange_unavailable',
      'malformed_response',
      `WOO X sent a trade Perpvol does not understand (side "${row.side}" of trade ${row.id}). Nothing was stored from this page; ` +
        'update Perpvol, and report this if it persists.',
      true,
    );
  }
  // Perp fees are charged in the settlement coin, the quote; a row that leaves the asset out means it.
  const feeCurrency = row.feeAsset === '' ? market.quote : row.feeAsset;
  return tradeFill({
    exchange: 'woox',
    tradeId: row.id,
    orderId: row.orderId ?? null,
    symbol: row.symbol,
    kind: 'perpetual',
    underlying: canonicalUnderlying(row.symbol, market.base),
    side,
    price: row.executedPrice,
    qty: row.executedQuantity,
    fee: row.fee,
    feeCurrency,
    baseCoin: market.base,
    liquidity: row.isMaker ? 'maker' : 'taker',
    ts: row.executedTimestamp,
  });
}
