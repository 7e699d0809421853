import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Fill } from '../../../src-main/core/fill.ts';
import { classifyHyperliquidSymbol, normalizeFill as normalizeRow } from '../../../src-main/connectors/hyperliquid/normalize.ts';
import type { HlFill } from '../../../src-main/connectors/hyperliquid/schemas.ts';

/** The fill a row becomes, or null when it becomes none (the other outcomes are tested by name). */
function normalizeFill(r: HlFill): Fill | null {
  const normalized = normalizeRow(r);
  return 'fill' in normalized ? normalized.fill : null;
}

const row: HlFill = {
  coin: 'BTC',
  px: '64123.5',
  sz: '0.012',
  side: 'A',
  time: 1_718_000_000_123,
  oid: 91_000_000_001,
  tid: 400_000_000_123_456,
  crossed: true,
  fee: '0.423215',
  feeToken: 'USDC',
  builderFee: '0.076948',
  dir: 'Close Long',
  hash: '0xabc',
  closedPnl: '1.5',
  startPosition: '0.05',
};

describe('Hyperliquid fill normalization', () => {
  test('a crossed sell is a taker sell with notional px × sz in micro-dollars', () => {
    const fill = normalizeFill(row)!;
    assert.equal(fill.side, 'sell');
    assert.equal(fill.liquidity, 'taker');
    assert.equal(fill.notionalMicros, 769_482_000);
    assert.equal(fill.tradeId, '400000000123456');
    assert.equal(fill.orderId, '91000000001');
    assert.equal(fill.ts, row.time);
  });

  test('the fee already includes the builder fee, so it is counted once', () => {
    assert.equal(normalizeFill(row)!.feeMicros, 423_215);
  });

  test('a resting buy with a rebate is a maker buy with a negative fee', () => {
    const fill = normalizeFill({ ...row, side: 'B', crossed: false, fee: '-0.0077', builderFee: undefined })!;
    assert.equal(fill.side, 'buy');
    assert.equal(fill.liquidity, 'maker');
    assert.equal(fill.feeMicros, -7_700);
  });

  test('a fee in a token without a USD price stays unpriced; a HIP-3 perp in USDE counts at par, as a perp of its coin', () => {
    const unpriced = normalizeFill({ ...row, fee: '0.2', feeToken: 'HYPE' })!;
    assert.deepEqual([unpriced.kind, unpriced.underlying, unpriced.fee, unpriced.feeCurrency, unpriced.feeMicros], ['perpetual', 'BTC', '0.2', 'HYPE', null]);
    const hip3 = normalizeFill({ ...row, coin: 'xyz:TSLA', px: '250.5', sz: '2', fee: '0.2', feeToken: 'USDE' })!;
    assert.deepEqual([hip3.kind, hip3.underlying, hip3.symbol, hip3.notionalMicros, hip3.feeMicros], ['perpetual', 'TSLA', 'xyz:TSLA', 501_000_000, 200_000]);
    assert.equal(normalizeFill({ ...row, coin: 'kPEPE' })!.underlying, 'PEPE');
  });

  test('a HIP-3 perp whose dex settles in a token that is no USD stablecoin is kept aside: its price × size is not dollars', () => {
    assert.deepEqual(normalizeRow({ ...row, coin: 'xyz:TSLA', fee: '0.2', feeToken: 'XYZ' }), {
      unclassified: { exchange: 'hyperliquid', executionId: '400000000123456', rawType: 'HIP-3 perp in XYZ', symbol: 'xyz:TSLA', ts: row.time },
    });
  });

  test('spot and outcome fills are not perp volume', () => {
    assert.equal(normalizeFill({ ...row, coin: '@107' }), null);
    assert.equal(normalizeFill({ ...row, coin: 'PURR/USDC' }), null);
    assert.equal(normalizeFill({ ...row, coin: '#14730' }), null);
    assert.equal(classifyHyperliquidSymbol('xyz:XYZ100'), 'perpetual', 'builder-deployed perps are perps');
  });
});
