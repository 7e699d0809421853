import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  feeMicros,
  isUsdStable,
  microsToDecimalString,
  microsToUsd,
  notionalMicros,
  parseDecimal,
  productMicros,
  usdToMicros,
} from '../../src-main/core/usd.ts';

describe('USD notional of a fill', () => {
  it('is |price × qty| exactly, in micro-dollars', () => {
    // 0.123 BTC at 64,123.5 USDT = 7,887.1905 USDT
    assert.equal(notionalMicros('64123.5', '0.123'), 7_887_190_500);
    // a sell reported with a negative size counts the same volume
    assert.equal(notionalMicros('64123.5', '-0.123'), 7_887_190_500);
  });

  it('rounds sub-micro products half away from zero', () => {
    // 0.16234 × 3 = 0.48702 exactly; 0.0000015 × 1 rounds to 2 micros; 0.0000014 to 1
    assert.equal(productMicros('0.16234', '3'), 487_020);
    assert.equal(productMicros('0.0000015', '1'), 2);
    assert.equal(productMicros('0.0000014', '1'), 1);
    assert.equal(productMicros('-0.0000015', '1'), -2);
  });

  it('does not drift the way floats do when summed', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in micros it is exact
    assert.equal(usdToMicros('0.1') + usdToMicros('0.2'), usdToMicros('0.3'));
    let total = 0;
    for (let i = 0; i < 1000; i++) total += notionalMicros('3100.07', '0.33');
    assert.equal(microsToDecimalString(total), '1023023.100000');
  });

  it('counts an inverse contract by its USD face value, not price × qty', () => {
    // Bybit BTCUSD: execQty is in 1-USD contracts, so 2,500 contracts are 2,500 USD whatever the price;
    // the connector passes price "1" per contract.
    assert.equal(notionalMicros('1', '2500'), 2_500_000_000);
  });

  it('reads exponent notation some APIs send', () => {
    assert.deepEqual(parseDecimal('1.5e-7'), { units: 15n, scale: 8 });
    assert.equal(usdToMicros('2.5E3'), 2_500_000_000);
  });

  it('refuses text that is not a number instead of counting it as zero', () => {
    for (const bad of ['', 'abc', '1.2.3', '--1', 'NaN', '1,000']) {
      assert.throws(() => usdToMicros(bad), RangeError, bad);
    }
  });
});

describe('fees in USD', () => {
  it('counts USDT, USDC and USD at par', () => {
    assert.ok(isUsdStable('usdt') && isUsdStable('USDC') && isUsdStable('USD'));
    assert.equal(feeMicros('0.0123', 'USDT'), 12_300);
  });

  it('keeps maker rebates negative', () => {
    assert.equal(feeMicros('-0.00042', 'USDC'), -420);
  });

  it('values a fee paid in the base coin at the fill price', () => {
    // inverse contract fee of 0.0000039 BTC at 64,000 USD = 0.2496 USD
    assert.equal(feeMicros('0.0000039', 'BTC', '64000'), 249_600);
  });

  it('asks for a price rather than guessing when the fee coin is not a stablecoin', () => {
    assert.throws(() => feeMicros('0.01', 'ETH'), /needs a USD price/);
  });
});

describe('micro-dollars at the edge', () => {
  it('convert to USD numbers and exact decimal strings', () => {
    assert.equal(microsToUsd(7_887_190_500), 7887.1905);
    assert.equal(microsToDecimalString(-420), '-0.000420');
    assert.equal(microsToDecimalString(5), '0.000005');
  });
});
