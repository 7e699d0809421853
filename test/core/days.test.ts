import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, dayStartMs, daysBetween, isDayString, rollingWindow, utcDay } from '../../src-main/core/days.ts';

describe('UTC day buckets', () => {
  it('puts the last millisecond of a day and the first of the next in different days', () => {
    const midnight = Date.UTC(2026, 0, 1);
    assert.equal(utcDay(midnight - 1), '2025-12-31');
    assert.equal(utcDay(midnight), '2026-01-01');
  });

  it('rejects dates that do not exist on the calendar', () => {
    assert.equal(isDayString('2026-02-29'), false);
    assert.equal(isDayString('2028-02-29'), true);
    assert.equal(isDayString('2026-13-01'), false);
    assert.equal(isDayString('26-01-01'), false);
    assert.throws(() => dayStartMs('2026-02-30'), /not a calendar date/);
  });

  it('lists every day of a range, both ends included, across month and leap boundaries', () => {
    assert.deepEqual(daysBetween('2028-02-27', '2028-03-01'), ['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    assert.deepEqual(daysBetween('2026-01-02', '2026-01-01'), []);
    assert.equal(daysBetween('2024-11-27', '2026-11-26').length, 730);
  });

  it('steps days without daylight-saving surprises', () => {
    assert.equal(addDays('2026-03-29', 1), '2026-03-30');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  });
});

describe('rolling windows dN', () => {
  it('are the last N UTC days including today', () => {
    const now = Date.UTC(2026, 10, 26, 23, 59, 59, 999);
    assert.deepEqual(rollingWindow(1, now), { from: '2026-11-26', to: '2026-11-26' });
    assert.deepEqual(rollingWindow(7, now), { from: '2026-11-20', to: '2026-11-26' });
    assert.deepEqual(rollingWindow(30, now), { from: '2026-10-28', to: '2026-11-26' });
  });

  it('refuse a window that is not a positive whole number of days', () => {
    assert.throws(() => rollingWindow(0, Date.now()), RangeError);
    assert.throws(() => rollingWindow(1.5, Date.now()), RangeError);
  });
});
