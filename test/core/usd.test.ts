import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
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

  it('refuses text that is not a number instead of counting it as zero, as bad input', () => {
    for (const bad of ['', 'abc', '1.2.3', '--1', 'NaN', '1,000', 'e5', '.', '1e']) {
      assert.throws(() => usdToMicros(bad), { kind: 'bad_input', code: 'invalid_decimal' }, bad);
    }
  });

  it('refuses one amount beyond 9 billion USD rather than rounding it', () => {
    assert.throws(() => productMicros('10000000000', '1'), { kind: 'bad_input', code: 'amount_too_large' });
  });
});

describe('micro-dollars at the edge', () => {
  it('convert to USD numbers and exact decimal strings', () => {
    assert.equal(microsToUsd(7_887_190_500), 7887.1905);
    assert.equal(microsToDecimalString(-420), '-0.000420');
    assert.equal(microsToDecimalString(5), '0.000005');
  });

  it('turn bigint sums past 2^53 into exact strings and the nearest USD number', () => {
    const whale = 12_345_678_901_234_567n; // 12.3 billion USD
    assert.equal(microsToDecimalString(whale), '12345678901.234567');
    assert.equal(microsToDecimalString(-whale), '-12345678901.234567');
    assert.equal(microsToUsd(whale), 12345678901.234567);
    assert.equal(microsToUsd(1_500_000n), 1.5);
    assert.equal(microsToUsd(-9_007_199_254_740_993n), -9007199254.740993);
  });
});
