/**
 * The volume chart's model from the API's Daily answer: one series per exchange, account, symbol,
 * asset or kind — each in its own fixed colour (series-colors.ts) — summed into daily, weekly or
 * monthly bars, every bar present (no fills is zero, not a gap), with a trailing-average trend
 * line or as cumulative lines. Many small series fold into "Other" so the legend stays readable.
 * The answer may start before the range shown (the trend line's lead-in); those days only feed
 * the average.
 */
import type { Daily, DayVolume, GroupBy } from '../../../src-shared/schemas.ts';
import { AVERAGE_WINDOW, bucketsBetween, trailingAverage, type Bucket, type Granularity } from './buckets.ts';
import { formatDay, formatDayShort, formatUsd, userLocale } from './format.ts';
import type { ExchangeCatalog } from './exchange-catalog.ts';
import { OTHER_SERIES_KEY, PALETTE, seriesColors, type AccountRef } from './series-colors.ts';

/** How many series "Auto" tries before folding the rest into "Other": the fewest that leave "Other" small. */
export const SERIES_STEPS = [8, 12, 16, 20] as const;
/** "Other" may hold at most this share of the range when Perpvol chooses how many series to show. */
export const OTHER_MAX_SHARE = 0.1;
/** The most series a chart draws (one distinct palette colour each, "Other" included). */
export const MAX_SERIES = PALETTE.length;
export type SeriesCount = 'auto' | number;
export { OTHER_SERIES_KEY as OTHER_KEY } from './series-colors.ts';

export interface ChartView {
  /** The first and last day shown (the first a bar's start); the answer may start earlier. */
  from: string;
  to: string;
  granularity: Granularity;
  cumulative: boolean;
  /** The grouping asked of the API (null: one total series); decides the series' colours. */
  groupBy: GroupBy | null;
  dark: boolean;
  /** How many series to draw, "Other" included: a number, or 'auto' (the default; see SERIES_STEPS). */
  maxSeries?: SeriesCount;
  /** The exchanges' names and colours (the server's list). */
  exchanges: ExchangeCatalog;
  /** The accounts, for their colours (a shade of their exchange's). */
  accounts?: readonly AccountRef[];
  /** Today (UTC): its bar is unfinished — drawn faded, titled "so far", kept out of the trend line. */
  today?: string;
}

/** The number of series to draw so that "Other" holds at most OTHER_MAX_SHARE of the range (or MAX_SERIES). */
export function autoSeriesCount(totals: readonly number[]): number {
  const sorted = [...totals].sort((a, b) => b - a);
  const all = sorted.reduce(addUsd, 0);
  for (const count of SERIES_STEPS) {
    if (sorted.length <= count) return count;
    const other = sorted.slice(count - 1).reduce(addUsd, 0);
    if (all <= 0 || other / all <= OTHER_MAX_SHARE) return count;
  }
  return MAX_SERIES;
}

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  /** USD per bar (running total when cumulative), aligned with `buckets`. */
  values: number[];
  /** USD over the range shown. */
  total: number;
}

export interface DailyChartData {
  buckets: Bucket[];
  granularity: Granularity;
  series: ChartSeries[];
  /** Per bar, the sum over series (the stack's height; the running total when cumulative). */
  totals: number[];
  /** Trailing average of the bars' totals (null before a whole window); null when cumulative. */
  average: (number | null)[] | null;
  averageWindow: number;
  grandTotal: number;
}

/**
 * Sums USD figures exactly, in whole micro-dollars (the API's precision), so 0.1 + 0.2 is 0.3 and
 * a 90-day total equals the exchange's to the cent. Rounding to cents at each step instead drifts
 * by up to half a cent a day, enough to flip a whole-dollar headline away from the API's figure.
 */
const MICROS_PER_USD = 1_000_000;
export function addUsd(a: number, b: number): number {
  return (Math.round(a * MICROS_PER_USD) + Math.round(b * MICROS_PER_USD)) / MICROS_PER_USD;
}

export function cumulate(values: number[]): number[] {
  let running = 0;
  return values.map((value) => (running = addUsd(running, value)));
}

function sumBuckets(buckets: Bucket[], rows: DayVolume[]): number[] {
  const byDate = new Map(rows.map((row) => [row.date, row.volumeUsd]));
  return buckets.map((bucket) => bucket.days.reduce((sum, day) => addUsd(sum, byDate.get(day) ?? 0), 0));
}

export function buildDailyChartData(daily: Daily, view: ChartView): DailyChartData {
  const dataFrom = daily.from < view.from ? daily.from : view.from;
  const all = bucketsBetween(dataFrom, view.to, view.granularity, view.today);
  const firstShown = all.findIndex((bucket) => bucket.start >= view.from);
  const shownFrom = firstShown === -1 ? all.length : firstShown;
  const groups = daily.series.length > 0 ? daily.series : [{ key: 'total', label: 'Volume', days: daily.total }];

  let series = groups.map((s) => {
    const values = sumBuckets(all, s.days);
    return { key: s.key, label: s.label, values, total: values.slice(shownFrom).reduce(addUsd, 0) };
  });
  series.sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  const wanted = view.maxSeries ?? 'auto';
  const maxSeries = Math.min(MAX_SERIES, Math.max(2, wanted === 'auto' ? autoSeriesCount(series.map((s) => s.total)) : wanted));
  if (series.length > maxSeries) {
    const kept = series.slice(0, maxSeries - 1);
    const folded = series.slice(maxSeries - 1);
    const values = all.map((_, i) => folded.reduce((sum, s) => addUsd(sum, s.values[i] ?? 0), 0));
    series = [...kept, { key: OTHER_SERIES_KEY, label: `Other (${folded.length})`, values, total: folded.reduce((sum, s) => addUsd(sum, s.total), 0) }];
  }

  const allTotals = all.map((_, i) => series.reduce((sum, s) => addUsd(sum, s.values[i] ?? 0), 0));
  const averageWindow = AVERAGE_WINDOW[view.granularity];
  // A day, week or month still in progress would drag the trend down: the line stops at the last whole bar.
  const average = view.cumulative
    ? null
    : trailingAverage(allTotals, averageWindow).map((value, i) => (!all[i]!.complete ? null : value)).slice(shownFrom);
  const shown = (values: number[]) => {
    const mine = values.slice(shownFrom);
    return view.cumulative ? cumulate(mine) : mine;
  };
  const groupBy = daily.series.length > 0 ? view.groupBy : null;
  const colors = seriesColors(groupBy, series.map((s) => s.key), view.dark, view.exchanges, view.accounts ?? []);
  return {
    buckets: all.slice(shownFrom),
    granularity: view.granularity,
    series: series.map((s) => ({ key: s.key, label: s.label, color: colors[s.key]!, values: shown(s.values), total: s.total })),
    totals: shown(allTotals),
    average,
    averageWindow,
    grandTotal: allTotals.slice(shownFrom).reduce(addUsd, 0),
  };
}

const monthFormat = new Map<string, Intl.DateTimeFormat>();
function formatMonth(day: string, locale: string): string {
  let format = monthFormat.get(locale);
  if (!format) monthFormat.set(locale, (format = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return format.format(new Date(`${day}T00:00:00Z`));
}

/** A bar's label on the axis: "Jan 31", the Monday of a week "Jan 27", a month "Jan 2026". */
export function bucketLabel(bucket: Bucket, granularity: Granularity, locale = userLocale()): string {
  return granularity === 'month' ? formatMonth(bucket.start, locale) : formatDayShort(bucket.start, locale);
}

/** A bar in full, for the tooltip and the inspector: "Jan 31, 2026", "Dec 7, 2026 (today, so far)", "Week of Jan 27, 2026 (so far: 3 of 7 days)", "January 2026". */
export function bucketTitle(bucket: Bucket, granularity: Granularity, locale = userLocale()): string {
  const soFar = bucket.complete ? '' : ` (so far: ${bucket.days.length} of ${granularity === 'week' ? 7 : daysInMonth(bucket)} days)`;
  if (granularity === 'day') return `${formatDay(bucket.start, locale)}${bucket.complete ? '' : ' (today, so far)'}`;
  if (granularity === 'week') return `Week of ${formatDay(bucket.start, locale)}${soFar}`;
  return `${formatMonth(bucket.start, locale)}${soFar}`;
}

const daysInMonth = (bucket: Bucket): number => Number(bucket.end.slice(8, 10));

const UNIT: Record<Granularity, { adjective: string; noun: string }> = {
  day: { adjective: 'Daily', noun: 'day' },
  week: { adjective: 'Weekly', noun: 'week' },
  month: { adjective: 'Monthly', noun: 'month' },
};

/** "7-day average", "4-week average", "3-month average". */
export function averageLabel(chart: Pick<DailyChartData, 'granularity' | 'averageWindow'>): string {
  return `${chart.averageWindow}-${UNIT[chart.granularity].noun} average`;
}

/**
 * The chart in words, for screen readers and anyone checking a figure: the range, the total, each
 * series' share and the busiest bar. Takes the non-cumulative data (per-bar values).
 */
export function describeDailyChart(chart: DailyChartData, locale = userLocale()): string {
  const first = chart.buckets[0];
  const last = chart.buckets[chart.buckets.length - 1];
  const unit = UNIT[chart.granularity];
  if (first === undefined || last === undefined) return `${unit.adjective} volume: no days in range.`;
  const lastDay = last.days[last.days.length - 1]!;
  const range = first.start === lastDay ? formatDay(first.start, locale) : `${formatDay(first.start, locale)} to ${formatDay(lastDay, locale)}`;
  const parts = [`${unit.adjective} volume, ${range} (UTC): total ${formatUsd(chart.grandTotal, locale)}.`];
  if (chart.series.length > 1) parts.push(`${chart.series.map((s) => `${s.label} ${formatUsd(s.total, locale)}`).join(', ')}.`);
  let busiest = 0;
  chart.totals.forEach((total, i) => { if (total > chart.totals[busiest]!) busiest = i; });
  if (chart.grandTotal > 0) {
    const bar = chart.buckets[busiest]!;
    const when = chart.granularity === 'day' ? formatDay(bar.start, locale) : bucketTitle(bar, chart.granularity, locale);
    parts.push(`Busiest ${unit.noun} ${chart.granularity === 'week' ? when.replace(/^Week of /, 'of ') : when}: ${formatUsd(chart.totals[busiest]!, locale)}.`);
  }
  return parts.join(' ');
}
