import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fill } from '../../../src-main/core/fill.ts';
import { normalizeTransaction as normalizeRow } from '../../../src-main/connectors/woox/normalize.ts';
import { quoteLargeIntegers, transactionHistorySchema, transactionRowSchema } from '../../../src-main/connectors/woox/schemas.ts';

/** The fill a row becomes, or null when it becomes none (the other outcomes are tested by name). */
function normalizeTransaction(r: ReturnType<typeof row>): Fill | null {
  const normalized = normalizeRow(r);
  return 'fill' in normalized ? normalized.fill : null;
}

const row = (overrides: Record<string, unknown> = {}) =>
  transactionRowSchema.parse({
    id: 5,
    symbol: 'PERP_BTC_USDT',
    orderId: 211,
    executedPrice: '64000.5',
    executedQuantity: '0.002',
    isMaker: 0,
    side: 'SELL',
    fee: 0.064,
    feeAsset: 'USDT',
    executedTimestamp: 1566264290250,
    ...overrides,
  });

test('a perp execution becomes a fill with its USD notional, taker fee and time', () => {
  const fill = normalizeTransaction(row());
  assert.deepEqual(fill, {
    exchange: 'woox',
    tradeId: '5',
    orderId: '211',
    symbol: 'PERP_BTC_USDT',
    kind: 'perpetual',
    underlying: 'BTC',
    side: 'sell',
    price: '64000.5',
    qty: '0.002',
    notionalMicros: 128_001_000,
    fee: '0.064',
    feeCurrency: 'USDT',
    feeMicros: 64_000,
    liquidity: 'taker',
    ts: 1566264290250,
  });
});

test('a maker rebate stays a negative fee', () => {
  const fill = normalizeTransaction(row({ isMaker: 1, fee: -0.0064 }))!;
  assert.equal(fill.liquidity, 'maker');
  assert.equal(fill.fee, '-0.0064');
  assert.equal(fill.feeMicros, -6_400);
});

test('spot executions are not perp volume', () => {
  assert.deepEqual(normalizeRow(row({ symbol: 'SPOT_BTC_USDT' })), { ignored: 'spot SPOT_BTC_USDT' });
});

test('a PERP_ market quoted in a coin that is no USD stablecoin, or a kind of symbol Perpvol does not know, is kept aside instead of refusing the page', () => {
  assert.deepEqual(normalizeRow(row({ symbol: 'PERP_BTC_EUR' })), {
    unclassified: { exchange: 'woox', executionId: '5', rawType: 'PERP_ quoted in EUR', symbol: 'PERP_BTC_EUR', ts: 1566264290250 },
  });
  assert.deepEqual(normalizeRow(row({ symbol: 'FUTURE_BTC_USDT' })), {
    unclassified: { exchange: 'woox', executionId: '5', rawType: 'FUTURE_ market', symbol: 'FUTURE_BTC_USDT', ts: 1566264290250 },
  });
  assert.equal((normalizeRow(row({ symbol: 'BTCUSDT' })) as { unclassified: { rawType: string } }).unclassified.rawType, 'symbol of unknown shape');
  assert.equal(normalizeTransaction(row({ symbol: 'PERP_BTC_USDC' }))?.notionalMicros, 128_001_000, 'USDC perps are dollars');
});

test('hedge-mode sides map to the direction of the trade', () => {
  assert.equal(normalizeTransaction(row({ side: 'OPEN LONG' }))!.side, 'buy');
  assert.equal(normalizeTransaction(row({ side: 'CLOSE SHORT' }))!.side, 'buy');
  assert.equal(normalizeTransaction(row({ side: 'OPEN SHORT' }))!.side, 'sell');
  assert.equal(normalizeTransaction(row({ side: 'CLOSE LONG' }))!.side, 'sell');
});

test('a fee paid in the base coin is valued at the fill price', () => {
  const fill = normalizeTransaction(row({ fee: '0.000001', feeAsset: 'BTC' }))!;
  assert.equal(fill.feeMicros, 64_001); // 0.000001 BTC × 64000.5
});

test('a fee in a token without a USD price stays unpriced, not $0; a zero fee in any token is $0', () => {
  const fill = normalizeTransaction(row({ fee: '0.7', feeAsset: 'WOO' }))!;
  assert.deepEqual([fill.fee, fill.feeCurrency, fill.feeMicros], ['0.7', 'WOO', null]);
  assert.equal(normalizeTransaction(row({ fee: 0, feeAsset: 'WOO' }))!.feeMicros, 0);
  assert.deepEqual(
    [normalizeTransaction(row({ fee: '0.064', feeAsset: '' }))!.feeCurrency, normalizeTransaction(row({ fee: '0.064', feeAsset: '' }))!.feeMicros],
    ['USDT', 64_000],
    'a perp fee without an asset is in the settlement coin',
  );
  assert.equal(normalizeTransaction(row({ symbol: 'PERP_1000PEPE_USDT' }))!.underlying, 'PEPE');
});

test('numeric prices and "seconds.millis" times, as some answers carry, are read exactly', () => {
  const fill = normalizeTransaction(row({ executedPrice: 87.86, executedQuantity: 0.1, executedTimestamp: '1752055173.630' }))!;
  assert.equal(fill.price, '87.86');
  assert.equal(fill.notionalMicros, 8_786_000);
  assert.equal(fill.ts, 1752055173630);
});

test('trade ids beyond 2^53 keep every digit', () => {
  const text = '{"success":true,"data":{"rows":[{"id":1954766344355779057,"symbol":"PERP_BTC_USDT","orderId":1954766344355779056,"executedPrice":"1","executedQuantity":"1","isMaker":0,"side":"BUY","fee":0,"feeAsset":"USDT","executedTimestamp":1566264290250}]}}';
  const parsed = transactionHistorySchema.parse(JSON.parse(quoteLargeIntegers(text)));
  assert.equal(parsed.data.rows[0]!.id, '1954766344355779057');
  assert.equal(parsed.data.rows[0]!.orderId, '1954766344355779056');
});

test('a row without a price is rejected rather than counted as zero', () => {
  assert.throws(() => row({ executedPrice: undefined }));
  assert.throws(() => row({ executedPrice: 'n/a' }));
});
