/**
 * GET /v5/market/instruments-info for linear and inverse, as Bybit answers it
 * (https://bybit-exchange.github.io/docs/v5/market/instrument): public (no key), `category`
 * required, `limit` [1, 1000] default 500, paged by an opaque `nextPageCursor` ("" on the last
 * page), and — without `status` — only symbols still `Trading`: a dated future past its
 * deliveryTime is no longer listed. Every listed row carries contractType and baseCoin.
 */
import type { BybitSimInstrument } from './history.ts';

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 1_000;

export type InstrumentsAnswer = { retCode: number; retMsg: string; result: unknown };

export function listInstruments(instruments: Iterable<BybitSimInstrument>, params: URLSearchParams, now: number, pageCap = MAX_LIMIT): InstrumentsAnswer {
  const category = params.get('category');
  if (category !== 'linear' && category !== 'inverse' && category !== 'spot' && category !== 'option') {
    return { retCode: 10001, retMsg: 'params error: category is invalid', result: {} };
  }
  const limitText = params.get('limit');
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return { retCode: 10001, retMsg: 'params error: limit must be in [1, 1000]', result: {} };
  const status = params.get('status') ?? 'Trading';
  const listed = [...instruments]
    .filter((i) => i.category === category)
    .filter((i) => (i.deliveryTime === 0 || i.deliveryTime > now ? 'Trading' : 'Closed') === status)
    .sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  const cursor = params.get('cursor');
  let offset = 0;
  if (cursor) {
    // what Bybit handed out, sent back as is: the query carries it percent-encoded once
    const match = /^first=(.+)$/.exec(cursor);
    offset = match ? listed.findIndex((i) => i.symbol === match[1]) : -1;
    if (offset < 0) return { retCode: 10001, retMsg: 'params error: cursor is invalid', result: {} };
  }
  const served = Math.min(limit, pageCap);
  const page = listed.slice(offset, offset + served);
  const next = listed[offset + served];
  return {
    retCode: 0,
    retMsg: 'OK',
    result: {
      category,
      list: page.map((i) => ({
        symbol: i.symbol,
        contractType: i.contractType,
        status: 'Trading',
        baseCoin: i.baseCoin,
        quoteCoin: i.quoteCoin,
        launchTime: '1585526400000',
        deliveryTime: String(i.deliveryTime),
        deliveryFeeRate: i.deliveryTime === 0 ? '' : '0.0005',
        priceScale: '2',
        leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
        priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
        lotSizeFilter: { maxOrderQty: '100.000', minOrderQty: '0.001', qtyStep: '0.001', postOnlyMaxOrderQty: '1000.000', maxMktOrderQty: '100.000', minNotionalValue: '5' },
        unifiedMarginTrade: true,
        fundingInterval: i.deliveryTime === 0 ? 480 : 0,
        settleCoin: i.category === 'inverse' ? i.baseCoin : i.quoteCoin,
        copyTrading: 'both',
        upperFundingRate: '0.00375',
        lowerFundingRate: '-0.00375',
        isPreListing: false,
        preListingInfo: null,
        riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
        displayName: '',
      })),
      // the docs' example spells the cursor "first%3DBIOUSDT%26last%3DBIOUSDT": percent-encoded, opaque
      nextPageCursor: next ? encodeURIComponent(`first=${next.symbol}`) : '',
    },
  };
}
