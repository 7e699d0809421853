import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoGranularity, bucketEnd, bucketStart, bucketsBetween, leadFrom, resolveGranularity, snapRange, trailingAverage } from '../../../src-renderer/src/lib/buckets.ts';

describe('bars by day, week or month', () => {
  it('draws daily bars up to 90 days, weekly up to a year, monthly beyond', () => {
    assert.equal(autoGranularity(30), 'day');
    assert.equal(autoGranularity(90), 'day');
    assert.equal(autoGranularity(91), 'week');
    assert.equal(autoGranularity(365), 'week');
    assert.equal(autoGranularity(730), 'month');
    assert.equal(resolveGranularity('day', '2024-01-01', '2025-12-31'), 'day', 'the user’s choice wins');
  });

  it('starts weeks on Monday and months on the 1st, in UTC', () => {
    assert.equal(bucketStart('2026-03-15', 'week'), '2026-03-09'); // a Sunday → its Monday
    assert.equal(bucketStart('2026-03-09', 'week'), '2026-03-09');
    assert.equal(bucketEnd('2026-03-09', 'week'), '2026-03-15');
    assert.equal(bucketStart('2024-02-29', 'month'), '2024-02-01');
    assert.equal(bucketEnd('2024-02-01', 'month'), '2024-02-29');
    assert.equal(bucketEnd('2026-12-01', 'month'), '2026-12-31');
  });

  it('widens a range back to whole bars and marks only the current one incomplete', () => {
    const range = snapRange({ from: '2026-01-14', to: '2026-03-10' }, 'month');
    assert.deepEqual(range, { from: '2026-01-01', to: '2026-03-10' });
    const buckets = bucketsBetween(range.from, range.to, 'month');
    assert.deepEqual(buckets.map((b) => [b.start, b.days.length, b.complete]), [['2026-01-01', 31, true], ['2026-02-01', 28, true], ['2026-03-01', 10, false]]);
  });

  it('loads enough bars before the range for a full trend line from the first bar', () => {
    assert.equal(leadFrom('2026-03-10', 'day'), '2026-03-04');
    assert.equal(leadFrom('2026-03-10', 'week'), '2026-02-16'); // 3 weeks before the Monday of Mar 10
    assert.equal(leadFrom('2026-03-10', 'month'), '2026-01-01');
  });

  it('averages the trailing window, and only once a whole window is there', () => {
    assert.deepEqual(trailingAverage([7, 0, 7, 14, 0], 3), [null, null, 4.67, 7, 7]);
  });
});
