import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDecimals, formatDecimal, isDecimalString, MAX_DECIMAL_LENGTH, parseDecimal } from '../../src-main/core/decimal.ts';

const sum = (values: string[]) => formatDecimal(values.reduce((total, value) => addDecimals(total, parseDecimal(value)), { units: 0n, scale: 0 }));

describe('decimal numbers as exchanges write them', () => {
  it('check and parse by one grammar: what one accepts the other reads, what one refuses the other refuses', () => {
    const accepted = ['0', '-0', '+1', '1.', '.5', '-.5', '64123.50', '1.5e-7', '2.5E3', ' 7 ', '1e40', '1e-40', '1e0001'];
    const refused = ['', ' ', 'e5', '.', '-', '+', '1e', '1.2.3', '--1', 'NaN', 'Infinity', '1,000', '0x10', '1e41', '1e-41', '١'];
    for (const text of accepted) {
      assert.equal(isDecimalString(text), true, text);
      assert.doesNotThrow(() => parseDecimal(text), text);
    }
    for (const text of refused) {
      assert.equal(isDecimalString(text), false, text);
      assert.throws(() => parseDecimal(text), { code: 'invalid_decimal', kind: 'bad_input' }, text);
    }
  });

  it('refuses a huge exponent at once, with a short message, instead of expanding it', () => {
    let message = '';
    try {
      parseDecimal('1e10000000');
    } catch (error) {
      message = (error as Error).message;
    }
    assert.equal(isDecimalString('1e10000000'), false);
    assert.match(message, /"1e10000000" is not a usable decimal number \(exponent beyond ±40\)/);
    assert.ok(message.length < 200, message);
  });

  it('refuses text longer than the bound and names the bound, quoting only the start of it', () => {
    const long = '1'.repeat(MAX_DECIMAL_LENGTH + 1);
    assert.equal(isDecimalString(long), false);
    assert.throws(() => parseDecimal(long), (error: Error) => /longer than 100 characters/.test(error.message) && error.message.length < 200);
    assert.equal(isDecimalString('1'.repeat(MAX_DECIMAL_LENGTH)), true);
  });

  it('are exact: units and scale, exponent folded in', () => {
    assert.deepEqual(parseDecimal('1.5e-7'), { units: 15n, scale: 8 });
    assert.deepEqual(parseDecimal('2.5E3'), { units: 2500n, scale: 0 });
    assert.deepEqual(parseDecimal('-.25'), { units: -25n, scale: 2 });
  });

  it('print in their shortest spelling and add without loss', () => {
    assert.equal(formatDecimal(parseDecimal('68000.0')), '68000');
    assert.equal(formatDecimal(parseDecimal('-0.000')), '0');
    assert.equal(formatDecimal(parseDecimal('.5')), '0.5');
    assert.equal(sum(['0.1', '0.2', '0.000000000000000001']), '0.300000000000000001');
    assert.equal(sum(['1', '-1.5']), '-0.5');
    assert.equal(sum([]), '0');
  });
});
