import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WindowSums } from '../../src-main/service/costs/window-sums.ts';

describe('rolling window sums', () => {
  it('sums the days of a window ending on a day, the day included, days before the run as zero', () => {
    const sums = new WindowSums(
      [
        { day: '2026-03-01', volumeMicros: 800n },
        { day: '2026-03-05', volumeMicros: 600n },
        { day: '2026-03-05', volumeMicros: 4n }, // a second account the same day
        { day: '2026-03-12', volumeMicros: 400n },
      ],
      '2026-03-01',
      '2026-03-15',
    );
    assert.equal(sums.endingOn('2026-03-05', 14), 1_404n);
    assert.equal(sums.endingOn('2026-03-14', 14), 1_804n); // 03-01 … 03-14
    assert.equal(sums.endingOn('2026-03-15', 14), 1_004n); // 03-02 … 03-15: 03-01 has left
    assert.equal(sums.endingOn('2026-03-04', 3), 0n);
    assert.throws(() => sums.endingOn('2026-04-01', 14), RangeError);
  });
});
