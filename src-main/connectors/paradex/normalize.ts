/**
 * One Paradex fill row → a fill, an execution kept aside, or a row that is not volume (and why), as
 * docs/counting.md, "Paradex" says. Fields: https://docs.paradex.trade/api/prod/account/list-fills (API spec
 * responses.FillResult). Perps are quoted in USD and settled in USDC: notional = |price × size| at par. A fee
 * without a USD price ($DIME) stays unpriced, never $0 nor a refused page; a maker rebate arrives negative and stays so.
 */
import { baseCoinOfSymbol } from '../../core/underlying.ts';
import { marketOf, type MarketLookup } from '../kit/instrument-catalog.ts';
import { keptAside, tradeFill, type NormalizedRow } from '../kit/normalized-row.ts';
import { paradexNameReading } from './markets.ts';
import type { ParadexFillRow } from './schemas.ts';

/** Every `fill_type` (responses.FillType), decided on purpose: every trade at a price with a fee counts; any other type is kept aside with a warning. */
const FILL_TYPE_DECISIONS: Readonly<Record<string, 'volume' | 'not_volume'>> = {
  FILL: 'volume',
  RPI: 'volume',
  BLOCK_TRADE: 'volume',
  LIQUIDATION: 'volume',
  SETTLE_MARKET: 'not_volume',
  UNWIND_TRANSFER: 'not_volume',
  TRANSFER: 'not_volume',
};

/** A fill's `id` is unique per FillType only: a FILL keeps its bare id, as every earlier Perpvol stored it; another type's is "TYPE:id". */
const paradexTradeId = (fillType: string, id: string): string => (fillType === 'FILL' ? id : `${fillType}:${id}`);

/** The trade ids a bust of `bustedFillId` takes out: a bust names no type, and reverts matched trades, never a liquidation. */
export function bustedTradeIds(bustedFillId: string): string[] {
  return ['FILL', 'RPI', 'BLOCK_TRADE'].map((fillType) => paradexTradeId(fillType, bustedFillId));
}

export function normalizeParadexFill(row: ParadexFillRow, markets?: MarketLookup): NormalizedRow {
  const fillType = row.fill_type || 'FILL';
  const tradeId = paradexTradeId(fillType, row.id);
  const aside = keptAside({ exchange: 'paradex', executionId: tradeId, symbol: row.market, ts: row.created_at });
  const decision = FILL_TYPE_DECISIONS[fillType];
  if (decision === 'not_volume') return { ignored: fillType };
  if (decision === undefined) return aside(fillType);
  const market = marketOf(row.market, markets, paradexNameReading);
  if ('ignored' in market) return market;
  if ('unknown' in market) return aside(market.unknown);
  const feeCurrency = row.fee_currency || 'USDC';
  return tradeFill({
    exchange: 'paradex',
    tradeId,
    orderId: row.order_id || null,
    symbol: row.market,
    kind: market.kind,
    underlying: market.underlying,
    side: row.side === 'BUY' ? 'buy' : 'sell',
    price: row.price,
    qty: row.size,
    fee: row.fee,
    feeCurrency,
    baseCoin: baseCoinOfSymbol(row.market),
    liquidity: row.liquidity === 'MAKER' ? 'maker' : row.liquidity === 'TAKER' ? 'taker' : null,
    ts: row.created_at,
    // every Perpvol before ids became unique per fill type stored this fill under its bare id
    ...(tradeId === row.id ? {} : { legacyTradeId: row.id }),
  });
}
