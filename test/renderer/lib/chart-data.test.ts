import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Daily, DayVolume, GroupBy } from '../../../src-shared/schemas.ts';
import { averageLabel, bucketLabel, bucketTitle, buildDailyChartData, describeDailyChart, OTHER_KEY, type ChartView } from '../../../src-renderer/src/lib/chart-data.ts';
import { daysBetween } from '../../../src-renderer/src/lib/dates.ts';
import { OTHER_COLOR } from '../../../src-renderer/src/lib/series-colors.ts';
import { SERVED_CATALOG } from './served-exchanges.ts';

/** The exchanges' colours as users know them (screenshots, the legend): the descriptors must serve these. */
const TEAL = { light: '#0d9488', dark: '#2dd4bf' };
const VIOLET_LIGHT = '#7c3aed';
const BLUE_LIGHT = '#2563eb';

const day = (date: string, volumeUsd: number): DayVolume => ({ date, volumeUsd, makerVolumeUsd: 0, takerVolumeUsd: volumeUsd, feesUsd: 0, trades: volumeUsd > 0 ? 1 : 0 });

function daily(series: { key: string; label: string; days: DayVolume[] }[], from = '2026-01-01', to = '2026-01-03'): Daily {
  return { from, to, currency: 'USD', kinds: ['perpetual'], total: [], series };
}

const view = (overrides: Partial<ChartView> = {}): ChartView => ({ from: '2026-01-01', to: '2026-01-03', granularity: 'day', cumulative: false, groupBy: 'exchange' as GroupBy, dark: false, exchanges: SERVED_CATALOG, ...overrides });

describe('volume chart model', () => {
  it('stacks one series per group, aligned day by day, biggest first', () => {
    const data = buildDailyChartData(
      daily([
        { key: 'hyperliquid', label: 'Hyperliquid', days: [day('2026-01-01', 10), day('2026-01-02', 0), day('2026-01-03', 5)] },
        { key: 'bybit', label: 'Bybit', days: [day('2026-01-01', 100), day('2026-01-02', 50), day('2026-01-03', 0)] },
      ]),
      view(),
    );
    assert.deepEqual(data.buckets.map((b) => b.start), ['2026-01-01', '2026-01-02', '2026-01-03']);
    assert.deepEqual(data.series.map((s) => [s.label, s.values, s.total]), [['Bybit', [100, 50, 0], 150], ['Hyperliquid', [10, 0, 5], 15]]);
    assert.deepEqual(data.totals, [110, 50, 5]);
    assert.equal(data.grandTotal, 165);
  });

  it('gives an exchange its own colour whatever its rank or the range, in light and dark', () => {
    const small = { key: 'hyperliquid', label: 'Hyperliquid', days: [day('2026-01-01', 1)] };
    const big = { key: 'bybit', label: 'Bybit', days: [day('2026-01-01', 100)] };
    const first = buildDailyChartData(daily([small, big]), view());
    const second = buildDailyChartData(daily([{ ...small, days: [day('2026-01-01', 1_000)] }, big]), view({ granularity: 'week', from: '2025-12-29' }));
    const colourOf = (data: typeof first, key: string) => data.series.find((s) => s.key === key)?.color;
    assert.equal(colourOf(first, 'hyperliquid'), TEAL.light);
    assert.equal(colourOf(second, 'hyperliquid'), TEAL.light, 'first by rank now, same colour');
    assert.equal(colourOf(buildDailyChartData(daily([small, big]), view({ dark: true })), 'hyperliquid'), TEAL.dark);
  });

  it('totals a range exactly, as the API would: no cent rounding day by day', () => {
    // 90 days of $0.004 (micro-dollar figures from the API): rounding each step to cents would
    // keep the running total at $0.00; the exact total is $0.36.
    const days = daysBetween('2026-01-01', '2026-03-31').map((date) => day(date, 0.004));
    const data = buildDailyChartData(daily([{ key: 'bybit', label: 'Bybit', days }], '2026-01-01', '2026-03-31'), view({ to: '2026-03-31' }));
    assert.equal(data.grandTotal, 0.36);
    assert.equal(buildDailyChartData(daily([{ key: 'bybit', label: 'Bybit', days: [day('2026-01-01', 0.1), day('2026-01-02', 0.2)] }]), view()).grandTotal, 0.3);
  });

  it('shows days missing from the answer as zero, never as gaps', () => {
    const data = buildDailyChartData(daily([{ key: 'bybit', label: 'Bybit', days: [day('2026-01-02', 7)] }]), view());
    assert.deepEqual(data.series[0]?.values, [0, 7, 0]);
  });

  it('uses the total when the answer has no groups', () => {
    const answer: Daily = { from: '2026-01-01', to: '2026-01-02', currency: 'USD', kinds: ['perpetual'], total: [day('2026-01-01', 3), day('2026-01-02', 4)], series: [] };
    const data = buildDailyChartData(answer, view({ to: '2026-01-02' }));
    assert.deepEqual(data.series.map((s) => s.values), [[3, 4]]);
  });

  it('accumulates per series and in total when cumulative, with no trend line', () => {
    const data = buildDailyChartData(
      daily([
        { key: 'a', label: 'A', days: [day('2026-01-01', 0.1), day('2026-01-02', 0.2), day('2026-01-03', 0.3)] },
        { key: 'b', label: 'B', days: [day('2026-01-01', 1), day('2026-01-02', 0), day('2026-01-03', 1)] },
      ]),
      view({ cumulative: true }),
    );
    assert.deepEqual(data.series.map((s) => s.values), [[1, 1, 2], [0.1, 0.3, 0.6]]);
    assert.deepEqual(data.totals, [1.1, 1.3, 2.6]);
    assert.equal(data.grandTotal, 2.6);
    assert.equal(data.average, null);
  });

  it('sums weeks and months, and draws the trend from days loaded before the range', () => {
    // Ten days of $7 before the range, then the range: Mon Jan 5 … Sun Jan 18, 2026 at $14 a day.
    const days = daysBetween('2025-12-26', '2026-01-18').map((d) => day(d, d < '2026-01-05' ? 7 : 14));
    const answer = daily([{ key: 'bybit', label: 'Bybit', days }], '2025-12-26', '2026-01-18');
    const daily7 = buildDailyChartData(answer, view({ from: '2026-01-05', to: '2026-01-18' }));
    assert.equal(daily7.buckets.length, 14, 'the lead-in days are not drawn');
    assert.equal(daily7.grandTotal, 14 * 14);
    assert.deepEqual(daily7.average?.slice(0, 3), [8, 9, 10], 'a full 7-day average from the first bar: (6×7 + 14) / 7 = 8');
    const weekly = buildDailyChartData(answer, view({ from: '2026-01-05', to: '2026-01-18', granularity: 'week' }));
    assert.deepEqual(weekly.totals, [98, 98]);
    assert.equal(weekly.average?.[0], null, 'four whole weeks are not loaded: no average yet');
    assert.equal(averageLabel(weekly), '4-week average');
  });

  it('marks the week in progress and names bars in full', () => {
    const answer = daily([{ key: 'bybit', label: 'Bybit', days: [day('2026-03-10', 5)] }], '2026-03-02', '2026-03-10');
    const data = buildDailyChartData(answer, view({ from: '2026-03-02', to: '2026-03-10', granularity: 'week' }));
    assert.deepEqual(data.buckets.map((b) => b.complete), [true, false]);
    assert.equal(data.average?.[1], null, 'no trend point for the week in progress');
    assert.equal(bucketTitle(data.buckets[1]!, 'week', 'en-US'), 'Week of Mar 9, 2026 (so far: 2 of 7 days)');
    assert.equal(bucketLabel(data.buckets[1]!, 'week', 'en-US'), 'Mar 9');
    const month = buildDailyChartData(answer, view({ from: '2026-03-01', to: '2026-03-10', granularity: 'month' }));
    assert.equal(bucketTitle(month.buckets[0]!, 'month', 'en-US'), 'Mar 2026 (so far: 10 of 31 days)');
  });

  it('folds the smallest series into "Other" when there are too many', () => {
    const series = Array.from({ length: 12 }, (_, i) => ({ key: `S${i}`, label: `S${i}`, days: [day('2026-01-01', 12 - i)] }));
    const data = buildDailyChartData(daily(series, '2026-01-01', '2026-01-01'), view({ to: '2026-01-01', maxSeries: 4, groupBy: 'symbol' }));
    assert.deepEqual(data.series.map((s) => s.key), ['S0', 'S1', 'S2', OTHER_KEY]);
    assert.equal(data.series[3]?.label, 'Other (9)');
    assert.deepEqual(data.series[3]?.values, [45]); // 9+8+…+1
    assert.equal(data.series[3]?.color, OTHER_COLOR.light);
    assert.equal(data.grandTotal, 78);
  });
});

describe('an honest chart: unfinished today, distinct colours, a small "Other"', () => {
  it('marks today’s daily bar unfinished, titles it "so far" and keeps it out of the trend line', () => {
    const days = daysBetween('2026-01-01', '2026-01-10').map((d) => day(d, 10));
    const data = buildDailyChartData(daily([{ key: 'bybit', label: 'Bybit', days }], '2026-01-01', '2026-01-10'), view({ to: '2026-01-10', today: '2026-01-10' }));
    assert.deepEqual(data.buckets.map((b) => b.complete).lastIndexOf(true), 8);
    assert.equal(data.buckets[9]!.complete, false);
    assert.equal(bucketTitle(data.buckets[9]!, 'day', 'en-US'), 'Jan 10, 2026 (today, so far)');
    assert.equal(data.average?.[9], null);
    assert.equal(data.average?.[8], 10);
    const past = buildDailyChartData(daily([{ key: 'bybit', label: 'Bybit', days }], '2026-01-01', '2026-01-10'), view({ to: '2026-01-10', today: '2026-02-01' }));
    assert.ok(past.buckets.every((b) => b.complete), 'a range that ended before today is all whole days');
  });

  it('never gives two series of one chart the same colour, and an account its exchange’s shade', () => {
    const names = ['BTC-USD-PERP', 'ETH-USD-PERP', 'SOL', 'SOL-USD-PERP', 'BTCUSDT', 'ETHUSDT', 'PERP_BTC_USDT', 'DOGE', 'XRPUSDT', 'ADA'];
    const data = buildDailyChartData(daily(names.map((key, i) => ({ key, label: key, days: [day('2026-01-01', 100 - i)] }))), view({ groupBy: 'symbol' }));
    assert.equal(new Set(data.series.map((s) => s.color)).size, data.series.length);
    const accounts = [{ id: 'b', exchange: 'paradex' as const }, { id: 'a', exchange: 'paradex' as const }, { id: 'c', exchange: 'woox' as const }];
    const byAccount = buildDailyChartData(daily(accounts.map(({ id }) => ({ key: id, label: id, days: [day('2026-01-01', 5)] }))), view({ groupBy: 'account', accounts }));
    const colour = (key: string) => byAccount.series.find((s) => s.key === key)!.color;
    assert.equal(colour('a'), VIOLET_LIGHT, 'the first account (by id) in its exchange’s own colour');
    assert.notEqual(colour('b'), colour('a'));
    assert.equal(colour('c'), BLUE_LIGHT);
  });

  it('shows as many series as keep "Other" within a tenth of the range, unless told how many', () => {
    const series = Array.from({ length: 22 }, (_, i) => ({ key: `S${i}`, label: `S${i}`, days: [day('2026-01-01', 22 - i)] }));
    const auto = buildDailyChartData(daily(series, '2026-01-01', '2026-01-01'), view({ to: '2026-01-01', groupBy: 'symbol' }));
    const other = auto.series.find((s) => s.key === OTHER_KEY);
    assert.ok(!other || other.total / auto.grandTotal <= 0.1, `Other holds ${other?.total} of ${auto.grandTotal}`);
    assert.equal(new Set(auto.series.map((s) => s.color)).size, auto.series.length);
    const six = buildDailyChartData(daily(series, '2026-01-01', '2026-01-01'), view({ to: '2026-01-01', groupBy: 'symbol', maxSeries: 6 }));
    assert.equal(six.series.length, 6);
  });
});

describe('volume chart in words', () => {
  it('names the range, the total, each series and the busiest day, in the given locale', () => {
    const data = buildDailyChartData(
      daily([
        { key: 'hyperliquid', label: 'Hyperliquid', days: [day('2026-01-01', 1_000.4), day('2026-01-03', 5)] },
        { key: 'bybit', label: 'Bybit', days: [day('2026-01-01', 100), day('2026-01-02', 1_234_567.6)] },
      ]),
      view(),
    );
    assert.equal(
      describeDailyChart(data, 'en-US'),
      'Daily volume, Jan 1, 2026 to Jan 3, 2026 (UTC): total $1,235,673. Bybit $1,234,668, Hyperliquid $1,005. Busiest day Jan 2, 2026: $1,234,568.',
    );
    assert.match(describeDailyChart(data, 'de-DE'), /Gesamt|total 1\.235\.673/);
  });

  it('speaks of weeks when the bars are weeks', () => {
    const answer = daily([{ key: 'bybit', label: 'Bybit', days: [day('2026-03-03', 5), day('2026-03-10', 9)] }], '2026-03-02', '2026-03-15');
    const data = buildDailyChartData(answer, view({ from: '2026-03-02', to: '2026-03-15', granularity: 'week' }));
    assert.equal(describeDailyChart(data, 'en-US'), 'Weekly volume, Mar 2, 2026 to Mar 15, 2026 (UTC): total $14. Busiest week of Mar 9, 2026: $9.');
  });

  it('says nothing about a busiest day when there is no volume', () => {
    const data = buildDailyChartData(daily([]), view());
    assert.equal(describeDailyChart(data, 'en-US'), 'Daily volume, Jan 1, 2026 to Jan 3, 2026 (UTC): total $0.');
  });
});
