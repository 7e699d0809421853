import type { ExchangeId } from '../../src-main/core/exchange.ts';
import { feeValueMicros } from '../../src-main/core/fee-value.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import { canonicalUnderlying } from '../../src-main/core/underlying.ts';
import { notionalMicros } from '../../src-main/core/usd.ts';
import type { PageCommit } from '../../src-main/store/store.ts';
import { generateHistory } from '../sim/random-history.ts';

/** A fill as a connector would hand it over, amounts computed exactly from the strings. */
export function makeFill(over: Partial<Fill> & { tradeId: string; ts: number }): Fill {
  const price = over.price ?? '100.5';
  const qty = over.qty ?? '2';
  const fee = over.fee ?? '0.1';
  const feeCurrency = over.feeCurrency ?? 'USDT';
  const symbol = over.symbol ?? 'BTCUSDT';
  return {
    exchange: 'bybit',
    orderId: null,
    kind: 'perpetual',
    underlying: canonicalUnderlying(symbol),
    side: 'buy',
    liquidity: 'taker',
    ...over,
    symbol,
    price,
    qty,
    fee,
    feeCurrency,
    notionalMicros: over.notionalMicros ?? notionalMicros(price, qty),
    feeMicros: over.feeMicros !== undefined ? over.feeMicros : feeValueMicros(fee, feeCurrency, { price, baseCoin: null }),
  };
}

/** A deterministic history of `count` fills, normalized like a connector would. */
export function generatedFills(options: { seed: number; count: number; exchange: ExchangeId; endMs: number; days: number }): Fill[] {
  return generateHistory(options).map((trade) => {
    const notional = notionalMicros(trade.price, trade.qty);
    const fee = (Number(trade.price) * Number(trade.qty) * (trade.maker ? -0.0001 : 0.00055)).toFixed(6);
    return {
      exchange: options.exchange,
      tradeId: `${options.exchange}-${trade.seq}`,
      orderId: `o-${trade.seq}`,
      symbol: `${trade.market.base}USDT`,
      kind: 'perpetual',
      underlying: trade.market.base,
      side: trade.side,
      price: trade.price,
      qty: trade.qty,
      notionalMicros: notional,
      fee,
      feeCurrency: 'USDT',
      feeMicros: feeValueMicros(fee, 'USDT', { price: trade.price, baseCoin: trade.market.base }),
      liquidity: trade.maker ? 'maker' : 'taker',
      ts: trade.ts,
    };
  });
}

export function pageOf(accountId: string, fills: Fill[], over: Partial<PageCommit['state']> = {}): PageCommit {
  return {
    accountId,
    fills,
    state: {
      cursor: { next: fills.length },
      backfillDone: false,
      pagesFetched: 1,
      progress: 0.5,
      coveredFrom: fills[0]?.ts ?? null,
      coveredTo: fills[fills.length - 1]?.ts ?? null,
      historyLimitedBefore: null,
      updatedAt: 1_700_000_000_000,
      ...over,
    },
  };
}
