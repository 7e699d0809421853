import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DayVolume } from '../../../src-shared/schemas.ts';
import { daysBetween } from '../../../src-renderer/src/lib/dates.ts';
import { computeTargetProgress, makerShare, parseSavedTarget } from '../../../src-renderer/src/lib/target-progress.ts';

const day = (date: string, volumeUsd: number, makerVolumeUsd = 0): DayVolume => ({ date, volumeUsd, makerVolumeUsd, takerVolumeUsd: volumeUsd - makerVolumeUsd, feesUsd: 0, trades: 1 });
const TODAY = '2026-03-30';

describe('volume target progress', () => {
  // 30 days from 03-01 to 03-30, 1,000 USD each, plus an older day that must not count.
  const days = [day('2026-02-28', 99_999), ...daysBetween('2026-03-01', TODAY).map((d) => day(d, 1_000))];

  it('sums the last N UTC days including today', () => {
    const p = computeTargetProgress({ windowDays: 30, volumeUsd: 60_000 }, days, TODAY);
    assert.equal(p.currentUsd, 30_000);
    assert.equal(p.fraction, 0.5);
    assert.equal(p.remainingUsd, 30_000);
    assert.equal(p.reached, false);
  });

  it('uses a 14-day window when asked', () => {
    const p = computeTargetProgress({ windowDays: 14, volumeUsd: 10_000 }, days, TODAY);
    assert.equal(p.currentUsd, 14_000);
    assert.equal(p.reached, true);
    assert.equal(p.fraction, 1);
    assert.equal(p.remainingUsd, 0);
  });

  it('tells what leaves the window at the next UTC midnight', () => {
    const withBigFirstDay = days.map((d) => (d.date === '2026-03-17' ? day(d.date, 5_000.25) : d));
    const p = computeTargetProgress({ windowDays: 14, volumeUsd: 20_000 }, withBigFirstDay, TODAY);
    assert.equal(p.leavingAtMidnightUsd, 5_000.25);
    assert.equal(p.currentUsd, 18_000.25);
    assert.equal(p.tomorrowWithoutTradesUsd, 13_000);
  });

  it('treats missing days as zero volume', () => {
    const p = computeTargetProgress({ windowDays: 30, volumeUsd: 1_000 }, [], TODAY);
    assert.deepEqual([p.currentUsd, p.fraction, p.remainingUsd, p.leavingAtMidnightUsd], [0, 0, 1_000, 0]);
  });

  it('computes the maker share, or none without volume', () => {
    assert.equal(makerShare([day('2026-03-01', 300, 100), day('2026-03-02', 100, 100)]), 0.5);
    assert.equal(makerShare([day('2026-03-01', 0)]), null);
  });

  it('reads back only a sensible saved target', () => {
    assert.deepEqual(parseSavedTarget('{"windowDays":14,"volumeUsd":5000000}'), { windowDays: 14, volumeUsd: 5_000_000 });
    assert.equal(parseSavedTarget('{"windowDays":7,"volumeUsd":5}'), null);
    assert.equal(parseSavedTarget('{"windowDays":30,"volumeUsd":-1}'), null);
    assert.equal(parseSavedTarget('not json'), null);
    assert.equal(parseSavedTarget(null), null);
  });
});
