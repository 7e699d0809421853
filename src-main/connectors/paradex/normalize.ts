/**
 * One Paradex fill row → a Perpvol Fill, or null when it is not perp trading volume.
 *
 * Perps are the `…-PERP` markets, quoted in USD and settled in USDC
 * (https://docs.paradex.trade/api/prod/account/list-fills: `market` "BTC-USD-PERP", `fee_currency`
 * "USDC"); options, perpetual options and spot markets are skipped, and so are fill types that are
 * not trades (TRANSFER, SETTLE_MARKET). Notional = |price × size| in USDC, counted at par. `fee` is
 * what the user paid, valued by the one fee rule: a fee in $DIME (or any token without a price)
 * stays unpriced, never $0 and never a refused page. A maker rebate arrives negative and stays so.
 */
import { feeValueMicros } from '../../core/fee-value.ts';
import type { Fill } from '../../core/fill.ts';
import { classifyBySymbol } from '../../core/instrument.ts';
import { baseCoinOfSymbol, canonicalUnderlying } from '../../core/underlying.ts';
import { notionalMicros } from '../../core/usd.ts';
import { TRADE_FILL_TYPES } from './constants.ts';
import type { ParadexFillRow } from './schemas.ts';

export function normalizeParadexFill(row: ParadexFillRow): Fill | null {
  const market = classifyBySymbol('paradex', row.market);
  if ((market !== 'perpetual' && market !== 'dated_future') || !TRADE_FILL_TYPES.has(row.fill_type ?? 'FILL')) return null;
  const feeCurrency = row.fee_currency || 'USDC';
  const baseCoin = baseCoinOfSymbol(row.market);
  return {
    exchange: 'paradex',
    tradeId: row.id,
    orderId: row.order_id || null,
    symbol: row.market,
    kind: market,
    underlying: canonicalUnderlying(row.market, baseCoin),
    side: row.side === 'BUY' ? 'buy' : 'sell',
    price: row.price,
    qty: row.size,
    notionalMicros: notionalMicros(row.price, row.size),
    fee: row.fee,
    feeCurrency,
    feeMicros: feeValueMicros(row.fee, feeCurrency, { price: row.price, baseCoin }),
    liquidity: row.liquidity === 'MAKER' ? 'maker' : row.liquidity === 'TAKER' ? 'taker' : null,
    ts: row.created_at,
  };
}
