/**
 * One Paradex fill row → a fill, an execution kept aside, or a row that is not volume (and why).
 * Fields: https://docs.paradex.trade/api/prod/account/list-fills (API spec responses.FillResult).
 * After the fill type (below), the market: GET /v1/markets `asset_kind` (markets.ts) says perpetual,
 * dated future or not volume; a market the list does not have is read by its name; one neither
 * knows is kept aside. Perps are quoted in USD and settled in USDC: notional = |price × size| at
 * par. `fee` is what the user paid, valued by the one fee rule: a fee in $DIME (or any token without
 * a price) stays unpriced — never $0, never a refused page. A maker rebate arrives negative and stays so.
 */
import { feeValueMicros } from '../../core/fee-value.ts';
import type { InstrumentKind } from '../../core/instrument.ts';
import { baseCoinOfSymbol } from '../../core/underlying.ts';
import { notionalMicros } from '../../core/usd.ts';
import type { MarketLookup } from '../kit/instrument-catalog.ts';
import type { NormalizedRow } from '../kit/normalized-row.ts';
import { classifyParadexSymbol, paradexUnderlying } from './markets.ts';
import type { ParadexFillRow } from './schemas.ts';

/**
 * Every `fill_type` (responses.FillType), decided on purpose; any other is kept aside with a warning. The fee tiers'
 * "14D volume" has no per-type list (https://docs.paradex.trade/trading/trading-fees), so every trade at a price with
 * a fee counts: a book match, an RPI fill (https://docs.paradex.trade/trading/rpi), an RFQ block-trade leg, a
 * liquidation (as Bybit's takeovers). No settlement at expiry, nor a vault operator's transfer (UNWIND_TRANSFER,
 * named TRANSFER before release 1.155.3) does.
 */
const FILL_TYPE_DECISIONS: Readonly<Record<string, 'volume' | 'not_volume'>> = {
  FILL: 'volume',
  RPI: 'volume',
  BLOCK_TRADE: 'volume',
  LIQUIDATION: 'volume',
  SETTLE_MARKET: 'not_volume',
  UNWIND_TRANSFER: 'not_volume',
  TRANSFER: 'not_volume',
};

/**
 * A fill's `id` is "Unique string ID of fill per FillType": two fills of different types may share
 * one. A FILL (also a row without `fill_type`, as older answers were) keeps its bare id, as every
 * earlier Perpvol stored it; another type's id is prefixed with its type, e.g. "LIQUIDATION:8615262148007718462".
 */
const paradexTradeId = (fillType: string, id: string): string => (fillType === 'FILL' ? id : `${fillType}:${id}`);

/**
 * The trade ids a trade bust of `bustedFillId` takes out. A bust names a fill's id, not its type: it takes out the
 * matched trades of that id, never a LIQUIDATION (`orderbook_seq_no` "0 for position transfers").
 */
export function bustedTradeIds(bustedFillId: string): string[] {
  return ['FILL', 'RPI', 'BLOCK_TRADE'].map((fillType) => paradexTradeId(fillType, bustedFillId));
}

/** What the list of markets says the market is, else (a market it lacks, or no list read yet) what its name says. */
function marketOf(symbol: string, markets: MarketLookup | undefined): { kind: InstrumentKind; underlying: string } | { ignored: string } | { unknown: string } {
  const byName = classifyParadexSymbol(symbol);
  const listed = markets?.(symbol) ?? {
    kind: byName === 'unknown' ? null : byName,
    rawKind: byName === 'not_volume' ? `option ${symbol}` : `market ${symbol}`,
    underlying: paradexUnderlying(symbol),
  };
  if (listed.kind === null) return { unknown: listed.rawKind };
  if (listed.kind === 'not_volume') return { ignored: listed.rawKind };
  return { kind: listed.kind, underlying: listed.underlying };
}

export function normalizeParadexFill(row: ParadexFillRow, markets?: MarketLookup): NormalizedRow {
  const fillType = row.fill_type || 'FILL';
  const tradeId = paradexTradeId(fillType, row.id);
  const aside = (rawType: string): NormalizedRow => ({
    unclassified: { exchange: 'paradex', executionId: tradeId, rawType, symbol: row.market, ts: row.created_at },
  });
  const decision = FILL_TYPE_DECISIONS[fillType];
  if (decision === 'not_volume') return { ignored: fillType };
  if (decision === undefined) return aside(fillType);
  const market = marketOf(row.market, markets);
  if ('ignored' in market) return market;
  if ('unknown' in market) return aside(market.unknown);
  const feeCurrency = row.fee_currency || 'USDC';
  return {
    fill: {
      exchange: 'paradex',
      tradeId,
      orderId: row.order_id || null,
      symbol: row.market,
      kind: market.kind,
      underlying: market.underlying,
      side: row.side === 'BUY' ? 'buy' : 'sell',
      price: row.price,
      qty: row.size,
      notionalMicros: notionalMicros(row.price, row.size),
      fee: row.fee,
      feeCurrency,
      feeMicros: feeValueMicros(row.fee, feeCurrency, { price: row.price, baseCoin: baseCoinOfSymbol(row.market) }),
      liquidity: row.liquidity === 'MAKER' ? 'maker' : row.liquidity === 'TAKER' ? 'taker' : null,
      ts: row.created_at,
      // every Perpvol before ids became unique per fill type stored this fill under its bare id
      ...(tradeId === row.id ? {} : { legacyTradeId: row.id }),
    },
  };
}
