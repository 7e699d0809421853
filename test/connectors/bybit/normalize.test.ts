import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fill } from '../../../src-main/core/fill.ts';
import type { PerpCategory } from '../../../src-main/connectors/bybit/normalize.ts';
import type { MarketLookup as InstrumentLookup } from '../../../src-main/connectors/kit/instrument-catalog.ts';
import { normalizeExecution as normalizeRow } from '../../../src-main/connectors/bybit/normalize.ts';
import type { ExecutionRow } from '../../../src-main/connectors/bybit/schemas.ts';

/** The fill a row becomes, or null when it becomes none (the other outcomes are tested below by name). */
function normalizeExecution(category: PerpCategory, r: ExecutionRow, instruments?: InstrumentLookup): Fill | null {
  const normalized = normalizeRow(category, r, instruments);
  return 'fill' in normalized ? normalized.fill : null;
}

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

test('every execution type is decided: trades, ADL, takeovers, block trades and spread legs count; bookkeeping and position moves do not', () => {
  for (const execType of ['Trade', 'AdlTrade', 'BustTrade', 'BlockTrade', 'FutureSpread']) {
    assert.equal(normalizeExecution('linear', row({ execType }))?.notionalMicros, 3_200_000_000, execType);
  }
  for (const execType of ['Funding', 'Delivery', 'Settle', 'MovePosition', 'CorporateAction']) {
    assert.deepEqual(normalizeRow('linear', row({ execType, orderId: '' })), { ignored: execType });
  }
});

test('an execution type Perpvol does not know (or UNKNOWN) is kept aside by its id and type, never counted or dropped', () => {
  assert.deepEqual(normalizeRow('linear', row({ execType: 'UNKNOWN', execId: 'e-9' })), {
    unclassified: { exchange: 'bybit', executionId: 'e-9', rawType: 'UNKNOWN', symbol: 'BTCUSDT', ts: 1767225600000 },
  });
  assert.deepEqual(normalizeRow('inverse', row({ execType: 'Rebalance', symbol: 'BTCUSD' })), {
    unclassified: { exchange: 'bybit', executionId: 'e-1', rawType: 'Rebalance', symbol: 'BTCUSD', ts: 1767225600000 },
  });
});

test("instruments-info's contractType decides the kind and its baseCoin the asset; the name decides only for a symbol it does not list", () => {
  const listed: Record<string, ReturnType<InstrumentLookup>> = {
    BTCUSDQ: { kind: 'dated_future', rawKind: 'contractType LinearFutures', underlying: 'BTC' },
    MYSTERYUSDT: { kind: null, rawKind: 'contractType LinearOptionsPerp', underlying: 'MYSTERY' },
  };
  const lookup: InstrumentLookup = (symbol) => listed[symbol];
  assert.deepEqual([normalizeExecution('linear', row({ symbol: 'BTCUSDQ' }), lookup)?.kind, normalizeExecution('linear', row({ symbol: 'BTCUSDQ' }), lookup)?.underlying], ['dated_future', 'BTC']);
  // an expired future is no longer listed: its date suffix says what it was
  assert.equal(normalizeExecution('linear', row({ symbol: 'ETHUSDT-27JUN25' }), lookup)?.kind, 'dated_future');
  assert.equal(normalizeExecution('linear', row({ symbol: 'ETHUSDT' }), lookup)?.kind, 'perpetual');
  // a contract type Perpvol does not know, or a name none of its rules read, is kept aside
  assert.deepEqual(normalizeRow('linear', row({ symbol: 'MYSTERYUSDT' }), lookup), {
    unclassified: { exchange: 'bybit', executionId: 'e-1', rawType: 'contractType LinearOptionsPerp', symbol: 'MYSTERYUSDT', ts: 1767225600000 },
  });
  assert.equal('unclassified' in normalizeRow('linear', row({ symbol: 'btc_usdt' }), lookup), true);
  assert.deepEqual(normalizeRow('linear', row({ symbol: 'BTC-27DEC24-60000-C' })), { ignored: 'option BTC-27DEC24-60000-C' });
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
