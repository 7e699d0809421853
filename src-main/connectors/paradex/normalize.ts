/**
 * One Paradex fill row → a Perpvol Fill, or null when it is not perp trading volume.
 *
 * Perps are the `…-PERP` markets, quoted in USD and settled in USDC
 * (https://docs.paradex.trade/api/prod/account/list-fills: `market` "BTC-USD-PERP", `fee_currency`
 * "USDC"); options, perpetual options and spot markets are skipped, and so are fill types that are
 * not trades (TRANSFER, SETTLE_MARKET). Notional = |price × size| in USDC, counted at par. `fee` is
 * what the user paid; a maker rebate arrives negative and stays negative.
 */
import type { Fill } from '../../core/fill.ts';
import { feeMicros, isUsdStable, notionalMicros } from '../../core/usd.ts';
import { PerpvolError } from '../../core/errors.ts';
import { PARADEX_LABEL, PERP_MARKET_SUFFIX, TRADE_FILL_TYPES } from './constants.ts';
import type { ParadexFillRow } from './schemas.ts';

export function isPerpTrade(row: ParadexFillRow): boolean {
  return row.market.endsWith(PERP_MARKET_SUFFIX) && TRADE_FILL_TYPES.has(row.fill_type ?? 'FILL');
}

export function normalizeParadexFill(row: ParadexFillRow): Fill | null {
  if (!isPerpTrade(row)) return null;
  // A fee in a non-dollar asset would need that asset's price; Paradex charges perps in USDC.
  const feeCurrency = row.fee_currency || 'USDC';
  if (!isUsdStable(feeCurrency)) {
    throw new PerpvolError(
      'exchange_unavailable',
      'malformed_response',
      `${PARADEX_LABEL} reported fill ${row.id} with a fee in ${feeCurrency}, which Perpvol cannot value yet. ` +
        'Please report it; nothing from this page was stored.',
    );
  }
  return {
    exchange: 'paradex',
    tradeId: row.id,
    orderId: row.order_id || null,
    symbol: row.market,
    side: row.side === 'BUY' ? 'buy' : 'sell',
    price: row.price,
    qty: row.size,
    notionalMicros: notionalMicros(row.price, row.size),
    fee: row.fee,
    feeCurrency,
    feeMicros: feeMicros(row.fee, feeCurrency),
    liquidity: row.liquidity === 'MAKER' ? 'maker' : row.liquidity === 'TAKER' ? 'taker' : null,
    ts: row.created_at,
  };
}
