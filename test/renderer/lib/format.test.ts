import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatDateTime,
  formatDay,
  formatDecimalString,
  formatPercent,
  formatRelative,
  formatUsd,
  formatUsdCompact,
  formatTokenAmount,
  formatUnpricedFees,
  unpricedFeesExact,
  formatUsdExact,
  withReadableDates,
} from '../../../src-renderer/src/lib/format.ts';

const plain = (text: string) => text.replace(/\s/g, ' ');

describe('number and date formatting', () => {
  it('shows headline USD whole and tooltip USD to the cent', () => {
    assert.equal(formatUsd(1_234_567.89, 'en-US'), '$1,234,568');
    assert.equal(formatUsdExact(1_234_567.891, 'en-US'), '$1,234,567.89');
    assert.equal(formatUsdExact(0, 'en-US'), '$0.00');
    assert.equal(formatUsdExact(-3.5, 'en-US'), '-$3.50');
  });

  it("uses the user's locale for separators and symbol placement", () => {
    assert.equal(plain(formatUsdExact(1_234_567.89, 'de-DE')), '1.234.567,89 $');
    assert.equal(plain(formatUsdExact(1_234_567.89, 'fr-FR')), '1 234 567,89 $US');
  });

  it('shortens axis labels', () => {
    assert.equal(formatUsdCompact(2_500_000, 'en-US'), '$2.5M');
    assert.equal(formatUsdCompact(0, 'en-US'), '$0');
  });

  it('formats shares as percentages with one decimal', () => {
    assert.equal(formatPercent(0.4256, 'en-US'), '42.6%');
  });

  it('groups decimal strings without losing a digit', () => {
    assert.equal(formatDecimalString('1234567.123456789', 'en-US'), '1,234,567.123456789');
    assert.equal(formatDecimalString('-0.5', 'de-DE'), '-0,5');
    assert.equal(formatDecimalString('1e-7', 'en-US'), '1e-7');
  });

  it('shows a UTC day as that day in every time zone', () => {
    assert.equal(formatDay('2026-01-31', 'en-US'), 'Jan 31, 2026');
  });

  it('writes moments in UTC, saying so, with the same date format as days', () => {
    assert.equal(formatDateTime(Date.parse('2026-01-31T23:05:09.123Z'), 'en-US'), 'Jan 31, 2026, 23:05:09 UTC');
    assert.equal(formatDateTime('2026-02-01T00:00:00Z', 'en-US', { seconds: false }), 'Feb 1, 2026, 00:00 UTC');
  });

  it('rewrites ISO dates in server messages to that format, leaving other numbers alone', () => {
    assert.equal(
      withReadableDates('Bybit serves only the last two years; if you traded before 2024-12-01, those fills are missing', 'en-US'),
      'Bybit serves only the last two years; if you traded before Dec 1, 2024, those fills are missing',
    );
    assert.equal(withReadableDates('history at 2025-05-03T10:00:00.007Z may be incomplete', 'en-US'), 'history at May 3, 2025, 10:00:00 UTC may be incomplete');
    assert.equal(withReadableDates('2,000 fills in 1 ms; code 2024-99-99', 'en-US'), '2,000 fills in 1 ms; code 2024-99-99');
  });

  it('lists fees in tokens without a USD price beside the USD fees, never as $0', () => {
    assert.equal(formatUnpricedFees([], 'en-US'), null);
    assert.equal(formatUnpricedFees([{ currency: 'DIME', amount: '2.5' }], 'en-US'), '2.5 DIME unpriced');
    assert.equal(formatUnpricedFees([{ currency: 'DIME', amount: '12345.678' }, { currency: 'XYZ', amount: '-1' }], 'en-US'), '12,345.678 DIME + -1 XYZ unpriced');
    // At most four decimals, rounded half away from zero; tiny amounts keep four significant digits.
    assert.equal(formatUnpricedFees([{ currency: 'DIME', amount: '0.1000535136' }], 'en-US'), '0.1001 DIME unpriced');
    assert.equal(formatTokenAmount('124.137494184', 'en-US'), '124.1375');
    assert.equal(formatTokenAmount('126.3677833632', 'en-US'), '126.3678');
    assert.equal(formatTokenAmount('9.99996', 'en-US'), '10');
    assert.equal(formatTokenAmount('-0.00012344', 'en-US'), '-0.0001');
    assert.equal(formatTokenAmount('0.0000123456', 'en-US'), '0.00001235');
    assert.equal(formatTokenAmount('1234.5', 'de-DE'), '1.234,5');
    assert.equal(unpricedFeesExact([{ currency: 'DIME', amount: '124.137494184', fills: 103 }], 'en-US'), '124.137494184 DIME over 103 fills');
  });

  it('says how long ago something happened', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    assert.equal(formatRelative('2026-03-10T11:57:00Z', now, 'en-US'), '3 minutes ago');
    assert.equal(formatRelative(now - 86_400_000, now, 'en-US'), 'yesterday');
  });
});
