import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, daysBetween, isDay, lastDays } from '../../../src-renderer/src/lib/dates.ts';

describe('UTC days', () => {
  it('counts "last 30 days" with today included, in UTC', () => {
    // 23:30 UTC on Mar 10 is already Mar 11 in Tokyo, but exchanges count in UTC.
    assert.deepEqual(lastDays(30, Date.parse('2026-03-10T23:30:00Z')), { from: '2026-02-09', to: '2026-03-10' });
    assert.deepEqual(lastDays(1, Date.parse('2026-03-10T00:00:00Z')), { from: '2026-03-10', to: '2026-03-10' });
  });

  it('walks across month, year and leap-day boundaries', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-12-31', 1), '2026-01-01');
    assert.deepEqual(daysBetween('2024-02-27', '2024-03-01'), ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    assert.deepEqual(daysBetween('2024-03-02', '2024-03-01'), []);
  });

  it('accepts only real calendar days', () => {
    assert.equal(isDay('2026-02-28'), true);
    assert.equal(isDay('2026-02-30'), false);
    assert.equal(isDay('2026-2-3'), false);
  });
});
