import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeExecution } from '../../../src-main/connectors/bybit/normalize.ts';
import type { ExecutionRow } from '../../../src-main/connectors/bybit/schemas.ts';

function row(fields: Record<string, unknown>): ExecutionRow {
  return {
    symbol: 'BTCUSDT', orderId: 'o-1', orderLinkId: '', side: 'Buy', orderPrice: '64000', orderQty: '0.05', leavesQty: '0',
    orderType: 'Market', stopOrderType: 'UNKNOWN', execFee: '1.76', feeCurrency: 'USDT', execId: 'e-1', execPrice: '64000',
    execQty: '0.05', execType: 'Trade', execValue: '3200', execTime: '1767225600000', isMaker: false, feeRate: '0.00055',
    markPrice: '64000', closedSize: '0', ...fields,
  } as ExecutionRow;
}

test('a linear USDT fill counts execValue as its notional and its USDT fee at par', () => {
  const fill = normalizeExecution('linear', row({}));
  assert.deepEqual(fill, {
    exchange: 'bybit', tradeId: 'e-1', orderId: 'o-1', symbol: 'BTCUSDT', kind: 'perpetual', underlying: 'BTC', side: 'buy', price: '64000', qty: '0.05',
    notionalMicros: 3_200_000_000, fee: '1.76', feeCurrency: 'USDT', feeMicros: 1_760_000, liquidity: 'taker', ts: 1767225600000,
  });
});

test('a linear USDC perp fill counts in USDC at par', () => {
  const fill = normalizeExecution('linear', row({ symbol: 'ETHPERP', execValue: '2480.5', execFee: '0.496', feeCurrency: 'USDC' }));
  assert.equal(fill?.notionalMicros, 2_480_500_000);
  assert.equal(fill?.feeMicros, 496_000);
});

test('an inverse fill counts its USD contracts as notional and values the BTC fee at the fill price', () => {
  // 6,400 contracts of BTCUSD at 64,000 = 0.1 BTC; taker fee 0.055% of 0.1 BTC = 0.000055 BTC = 3.52 USD.
  const fill = normalizeExecution(
    'inverse',
    row({ symbol: 'BTCUSD', execQty: '6400', execValue: '0.1', execFee: '0.000055', feeCurrency: 'BTC', execPrice: '64000' }),
  );
  assert.equal(fill?.notionalMicros, 6_400_000_000);
  assert.equal(fill?.feeCurrency, 'BTC');
  assert.equal(fill?.feeMicros, 3_520_000);
});

test('an inverse row without feeCurrency takes the fee coin from the symbol', () => {
  const fill = normalizeExecution('inverse', row({ symbol: 'ETHUSD', execQty: '100', execValue: '0.03225806', execFee: '0.00000645', feeCurrency: undefined, execPrice: '3100' }));
  assert.equal(fill?.feeCurrency, 'ETH');
  assert.equal(fill?.feeMicros, 19_995); // 0.00000645 ETH × 3100 = 0.019995 USD
});

test('dated futures in linear and inverse are fills of their own kind, with the same asset as the perp', () => {
  const usdt = normalizeExecution('linear', row({ symbol: 'BTCUSDT-26DEC25' }));
  const usdc = normalizeExecution('linear', row({ symbol: 'BTC-26DEC25', feeCurrency: undefined }));
  const inverse = normalizeExecution('inverse', row({ symbol: 'BTCUSDZ25', execQty: '6400', execValue: '0.1', execFee: '0.000055', feeCurrency: undefined }));
  assert.deepEqual([usdt?.kind, usdt?.underlying, usdt?.feeMicros], ['dated_future', 'BTC', 1_760_000]);
  assert.deepEqual([usdc?.kind, usdc?.feeCurrency], ['dated_future', 'USDC'], 'a USDC future settles in USDC');
  assert.deepEqual([inverse?.kind, inverse?.underlying, inverse?.feeCurrency, inverse?.feeMicros], ['dated_future', 'BTC', 'BTC', 3_520_000]);
  assert.equal(normalizeExecution('linear', row({ symbol: '1000PEPEUSDT' }))?.underlying, 'PEPE');
});

test('a fee in a coin Perpvol cannot price is kept unpriced instead of refusing the page or counting $0', () => {
  const fill = normalizeExecution('linear', row({ execFee: '0.3', feeCurrency: 'MNT' }));
  assert.deepEqual([fill?.fee, fill?.feeCurrency, fill?.feeMicros, fill?.notionalMicros], ['0.3', 'MNT', null, 3_200_000_000]);
});

test('a maker rebate stays a negative fee', () => {
  const fill = normalizeExecution('linear', row({ isMaker: true, execFee: '-0.08', feeRate: '-0.000025' }));
  assert.equal(fill?.liquidity, 'maker');
  assert.equal(fill?.feeMicros, -80_000);
});

test('ADL and bankruptcy trades count; funding and settlement rows do not', () => {
  assert.notEqual(normalizeExecution('linear', row({ execType: 'AdlTrade' })), null);
  assert.notEqual(normalizeExecution('linear', row({ execType: 'BustTrade' })), null);
  assert.equal(normalizeExecution('linear', row({ execType: 'Funding', orderId: '' })), null);
  assert.equal(normalizeExecution('inverse', row({ execType: 'Settle' })), null);
  assert.equal(normalizeExecution('linear', row({ execType: 'Delivery' })), null);
});

test('a sell is a sell and an empty order id becomes null', () => {
  const fill = normalizeExecution('linear', row({ side: 'Sell', orderId: '' }));
  assert.equal(fill?.side, 'sell');
  assert.equal(fill?.orderId, null);
});

test('a trade row with a broken number is a malformed response, not a zero', () => {
  assert.throws(() => normalizeExecution('linear', row({ execValue: 'NaN' })), { code: 'malformed_response' });
  assert.throws(() => normalizeExecution('linear', row({ isMaker: 'true' })), { code: 'malformed_response' });
});
