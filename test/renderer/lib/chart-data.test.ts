import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Daily, DayVolume } from '../../../src-shared/schemas.ts';
import { buildDailyChartData, describeDailyChart, OTHER_KEY } from '../../../src-renderer/src/lib/chart-data.ts';

const day = (date: string, volumeUsd: number): DayVolume => ({ date, volumeUsd, makerVolumeUsd: 0, takerVolumeUsd: volumeUsd, feesUsd: 0, trades: volumeUsd > 0 ? 1 : 0 });

function daily(series: { key: string; label: string; days: DayVolume[] }[], from = '2026-01-01', to = '2026-01-03'): Daily {
  return { from, to, currency: 'USD', kinds: ['perpetual'], total: [], series };
}

describe('daily chart datasets', () => {
  it('stacks one series per group, aligned day by day, biggest first', () => {
    const data = buildDailyChartData(
      daily([
        { key: 'hyperliquid', label: 'Hyperliquid', days: [day('2026-01-01', 10), day('2026-01-02', 0), day('2026-01-03', 5)] },
        { key: 'bybit', label: 'Bybit', days: [day('2026-01-01', 100), day('2026-01-02', 50), day('2026-01-03', 0)] },
      ]),
      { cumulative: false },
    );
    assert.deepEqual(data.days, ['2026-01-01', '2026-01-02', '2026-01-03']);
    assert.deepEqual(data.series.map((s) => [s.label, s.values]), [['Bybit', [100, 50, 0]], ['Hyperliquid', [10, 0, 5]]]);
    assert.deepEqual(data.totals, [110, 50, 5]);
    assert.equal(data.grandTotal, 165);
  });

  it('shows days missing from the answer as zero, never as gaps', () => {
    const data = buildDailyChartData(daily([{ key: 'bybit', label: 'Bybit', days: [day('2026-01-02', 7)] }]), { cumulative: false });
    assert.deepEqual(data.series[0]?.values, [0, 7, 0]);
  });

  it('uses the total when the answer has no groups', () => {
    const answer: Daily = { from: '2026-01-01', to: '2026-01-02', currency: 'USD', kinds: ['perpetual'], total: [day('2026-01-01', 3), day('2026-01-02', 4)], series: [] };
    const data = buildDailyChartData(answer, { cumulative: false });
    assert.deepEqual(data.series.map((s) => s.values), [[3, 4]]);
  });

  it('accumulates per series and in total when cumulative', () => {
    const data = buildDailyChartData(
      daily([
        { key: 'a', label: 'A', days: [day('2026-01-01', 0.1), day('2026-01-02', 0.2), day('2026-01-03', 0.3)] },
        { key: 'b', label: 'B', days: [day('2026-01-01', 1), day('2026-01-02', 0), day('2026-01-03', 1)] },
      ]),
      { cumulative: true },
    );
    assert.deepEqual(data.series.map((s) => s.values), [[1, 1, 2], [0.1, 0.3, 0.6]]);
    assert.deepEqual(data.totals, [1.1, 1.3, 2.6]);
    assert.equal(data.grandTotal, 2.6);
  });

  it('folds the smallest series into "Other" when there are too many', () => {
    const series = Array.from({ length: 12 }, (_, i) => ({ key: `S${i}`, label: `S${i}`, days: [day('2026-01-01', 12 - i)] }));
    const data = buildDailyChartData(daily(series, '2026-01-01', '2026-01-01'), { cumulative: false, maxSeries: 4 });
    assert.deepEqual(data.series.map((s) => s.key), ['S0', 'S1', 'S2', OTHER_KEY]);
    assert.equal(data.series[3]?.label, 'Other (9)');
    assert.deepEqual(data.series[3]?.values, [45]); // 9+8+…+1
    assert.equal(data.grandTotal, 78);
  });
});

describe('daily chart in words', () => {
  it('names the range, the total, each series and the busiest day, in the given locale', () => {
    const data = buildDailyChartData(
      daily([
        { key: 'hyperliquid', label: 'Hyperliquid', days: [day('2026-01-01', 1_000.4), day('2026-01-03', 5)] },
        { key: 'bybit', label: 'Bybit', days: [day('2026-01-01', 100), day('2026-01-02', 1_234_567.6)] },
      ]),
      { cumulative: false },
    );
    assert.equal(
      describeDailyChart(data, 'en-US'),
      'Daily volume, Jan 1, 2026 to Jan 3, 2026 (UTC): total $1,235,673. Bybit $1,234,668, Hyperliquid $1,005. Busiest day Jan 2, 2026: $1,234,568.',
    );
    assert.match(describeDailyChart(data, 'de-DE'), /Gesamt|total 1\.235\.673/);
  });

  it('says nothing about a busiest day when there is no volume', () => {
    const data = buildDailyChartData(daily([]), { cumulative: false });
    assert.equal(describeDailyChart(data, 'en-US'), 'Daily volume, Jan 1, 2026 to Jan 3, 2026 (UTC): total $0.');
  });
});
