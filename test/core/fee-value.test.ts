import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feeValueMicros, isUsdStable, USD_STABLECOINS } from '../../src-main/core/fee-value.ts';

const at = (price: string, baseCoin: string | null = 'BTC') => ({ price, baseCoin });

describe('one rule values every fee in USD', () => {
  it('counts USD stablecoins at par, whatever the case', () => {
    for (const token of ['USDT', 'usdc', 'USD', 'USDC.e', 'USDE', 'USDH', 'USDT0', 'USDHL']) {
      assert.equal(isUsdStable(token), true, token);
      assert.equal(feeValueMicros('0.0123', token, at('64000')), 12_300, token);
    }
    assert.ok([...USD_STABLECOINS.values()].every((reason) => reason.length > 10), 'every stablecoin says why it is one');
  });

  it('keeps maker rebates negative', () => {
    assert.equal(feeValueMicros('-0.00042', 'USDC', at('1')), -420);
    assert.equal(feeValueMicros('-0.0000001', 'BTC', at('50000')), -5_000);
  });

  it('values a fee in the fill’s base coin at the fill price', () => {
    // inverse contract fee of 0.0000039 BTC at 64,000 USD = 0.2496 USD
    assert.equal(feeValueMicros('0.0000039', 'BTC', at('64000')), 249_600);
    assert.equal(feeValueMicros('0.0000039', 'btc', at('64000', 'BTC')), 249_600);
  });

  it('leaves a fee in any other token unpriced (null), never $0', () => {
    assert.equal(feeValueMicros('0.5', 'DIME', at('64000')), null);
    assert.equal(feeValueMicros('0.01', 'ETH', at('64000', 'BTC')), null);
    assert.equal(feeValueMicros('12', 'PEPE', at('0.011', '1000PEPE')), null, 'a multiplied coin is not its base coin');
    assert.equal(feeValueMicros('0.01', 'BTC', at('64000', null)), null, 'no base coin known');
    assert.equal(feeValueMicros('0.01', '', at('64000')), null, 'no token named');
  });

  it('counts a zero fee as $0 in any token, even one without a price', () => {
    assert.equal(feeValueMicros('0', 'DIME', at('1')), 0);
    assert.equal(feeValueMicros('-0.000', '', at('1')), 0);
  });
});
