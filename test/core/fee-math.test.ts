import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costAtRate, exactRatio } from '../../src-main/core/fee-math.ts';

describe('fee math', () => {
  it('takes ratios from exact sums, null at a zero denominator, negative for rebates', () => {
    assert.equal(exactRatio(955_000_000n, 3_600_000_000_000n, 1_000_000n), 955 / 3.6);
    assert.equal(exactRatio(-25_000_000n, 500_000_000_000n), -0.00005);
    assert.equal(exactRatio(5n, 0n), null);
  });

  it('divides sums past 2^53 micro-dollars exactly, to the nearest double', () => {
    // $20 billion of fees on $40 trillion of volume, per $1M: exactly 500
    assert.equal(exactRatio(20_000_000_000_000_000n, 40_000_000_000_000_000_000n, 1_000_000n), 500);
    // 1 ÷ 3 of a huge sum: the 18-decimal quotient 0.333… rounds to the double nearest 1/3
    assert.equal(exactRatio(10n ** 20n, 3n * 10n ** 20n), 1 / 3);
  });

  it('prices volume at a rate as the decimal the rate is written as, to the micro-dollar', () => {
    // 2,100,000 USD at 0.04 % = 840 USD exactly (0.0004 as a double is not exact; the decimal is)
    assert.equal(costAtRate(2_100_000_000_000n, 0.0004), 840_000_000n);
    // 1.5 micro-dollars rounds half away from zero: 3 micro-dollars at 0.5 = 1.5 → 2; a rebate -1.5 → -2
    assert.equal(costAtRate(3n, 0.5), 2n);
    assert.equal(costAtRate(3n, -0.5), -2n);
    assert.equal(costAtRate(1_000_000_000n, 1e-7), 100n);
  });
});
