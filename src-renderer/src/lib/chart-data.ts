/**
 * The daily chart's datasets from the API's Daily answer: one stacked series per exchange, account
 * or symbol, every day of the range present (days without fills are zero, not gaps), optionally
 * cumulative. Many small series (symbols) fold into "Other" so the legend stays readable.
 */
import type { Daily, DayVolume } from '../../../src-shared/schemas.ts';
import { daysBetween } from './dates.ts';
import { formatDay, formatUsd, userLocale } from './format.ts';

export const MAX_SERIES = 8;
export const OTHER_KEY = '__other__';

export const SERIES_COLORS = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#06b6d4', '#a855f7', '#84cc16', '#ec4899', '#64748b'] as const;

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  /** USD per day, aligned with `days`. */
  values: number[];
}

export interface DailyChartData {
  days: string[];
  series: ChartSeries[];
  /** Per day, the sum over series (the stack's height). */
  totals: number[];
  grandTotal: number;
}

function valuesByDay(days: string[], rows: DayVolume[]): number[] {
  const byDate = new Map(rows.map((row) => [row.date, row.volumeUsd]));
  return days.map((day) => byDate.get(day) ?? 0);
}

export function cumulate(values: number[]): number[] {
  let running = 0;
  return values.map((value) => (running += value));
}

/** Sums with cents rounding, so 0.1 + 0.2 shows as 0.30 and not 0.30000000000000004. */
function addUsd(a: number, b: number): number {
  return Math.round((a + b) * 100) / 100;
}

export function buildDailyChartData(daily: Daily, options: { cumulative: boolean; maxSeries?: number }): DailyChartData {
  const days = daysBetween(daily.from, daily.to);
  const maxSeries = options.maxSeries ?? MAX_SERIES;
  let series: { key: string; label: string; values: number[] }[] =
    daily.series.length > 0
      ? daily.series.map((s) => ({ key: s.key, label: s.label, values: valuesByDay(days, s.days) }))
      : [{ key: 'total', label: 'Volume', values: valuesByDay(days, daily.total) }];

  const sumOf = (values: number[]) => values.reduce(addUsd, 0);
  series.sort((a, b) => sumOf(b.values) - sumOf(a.values) || a.label.localeCompare(b.label));
  if (series.length > maxSeries) {
    const kept = series.slice(0, maxSeries - 1);
    const folded = series.slice(maxSeries - 1);
    const other = days.map((_, i) => folded.reduce((sum, s) => addUsd(sum, s.values[i] ?? 0), 0));
    series = [...kept, { key: OTHER_KEY, label: `Other (${folded.length})`, values: other }];
  }

  const daily_totals = days.map((_, i) => series.reduce((sum, s) => addUsd(sum, s.values[i] ?? 0), 0));
  const grandTotal = sumOf(daily_totals);
  const shaped = series.map((s, index) => ({
    key: s.key,
    label: s.label,
    color: SERIES_COLORS[index % SERIES_COLORS.length]!,
    values: options.cumulative ? cumulate(s.values).map((v) => Math.round(v * 100) / 100) : s.values,
  }));
  const totals = options.cumulative ? cumulate(daily_totals).map((v) => Math.round(v * 100) / 100) : daily_totals;
  return { days, series: shaped, totals, grandTotal };
}

/**
 * The chart in words, for screen readers and anyone checking a figure: the range, the total, each
 * series' share and the busiest day. Takes the non-cumulative data (per-day values).
 */
export function describeDailyChart(chart: DailyChartData, locale = userLocale()): string {
  const first = chart.days[0];
  const last = chart.days[chart.days.length - 1];
  if (first === undefined || last === undefined) return 'Daily volume: no days in range.';
  const range = first === last ? formatDay(first, locale) : `${formatDay(first, locale)} to ${formatDay(last, locale)}`;
  const parts = [`Daily volume, ${range} (UTC): total ${formatUsd(chart.grandTotal, locale)}.`];
  if (chart.series.length > 1) {
    const bySeries = chart.series.map((s) => `${s.label} ${formatUsd(s.values.reduce(addUsd, 0), locale)}`);
    parts.push(`${bySeries.join(', ')}.`);
  }
  let busiest = 0;
  chart.totals.forEach((total, i) => { if (total > chart.totals[busiest]!) busiest = i; });
  if (chart.grandTotal > 0) parts.push(`Busiest day ${formatDay(chart.days[busiest]!, locale)}: ${formatUsd(chart.totals[busiest]!, locale)}.`);
  return parts.join(' ');
}
