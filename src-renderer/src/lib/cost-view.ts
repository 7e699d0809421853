/**
 * The Costs page's view, kept in the address bar (a reload or a shared link shows the same view),
 * and its fees-per-$1M chart: each exchange's days summed into daily, weekly or monthly bars, the
 * ratio taken from the bar's sums (Σ fees ÷ Σ volume × 1,000,000), never averaged from daily ratios.
 * Pure, so the figures are tested without a browser.
 */
import type { CostGroupBy, Costs } from '../../../src-shared/cost-schemas.ts';
import { bucketsBetween, resolveGranularity, type Bucket, type Granularity, type GranularityChoice } from './buckets.ts';
import { addUsd } from './chart-data.ts';
import { lastDays } from './dates.ts';
import { exchangeColor, type ExchangeCatalog } from './exchange-catalog.ts';
import type { KindsChoice } from './view-state.ts';

export const COST_RANGES = [
  { id: '7d', label: '7 days', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
  { id: '90d', label: '90 days', days: 90 },
  { id: '1y', label: '1 year', days: 365 },
] as const;
export type CostRange = (typeof COST_RANGES)[number]['id'];

export interface CostViewState {
  range: CostRange;
  group: CostGroupBy;
  bars: GranularityChoice;
  kinds: KindsChoice;
}

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

export function readCostView(params: URLSearchParams): CostViewState {
  return {
    range: pick(params.get('range'), COST_RANGES.map((r) => r.id), '30d'),
    group: pick(params.get('group'), ['exchange', 'account', 'day'] as const, 'exchange'),
    bars: pick(params.get('bars'), ['auto', 'day', 'week', 'month'] as const, 'auto'),
    kinds: pick(params.get('kinds'), ['perpetual', 'all'] as const, 'perpetual'),
  };
}

/** Only what differs from the defaults goes in the address. */
export function writeCostView(view: CostViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (view.range !== '30d') params.set('range', view.range);
  if (view.group !== 'exchange') params.set('group', view.group);
  if (view.bars !== 'auto') params.set('bars', view.bars);
  if (view.kinds !== 'perpetual') params.set('kinds', view.kinds);
  return params;
}

/**
 * The days to ask for: exactly the range picked (the table's figures are "the last 30 days"), so the
 * chart's first week or month may be a part of one.
 */
export function costRange(view: CostViewState, now: number): { from: string; to: string; granularity: Granularity } {
  const days = COST_RANGES.find((r) => r.id === view.range)!.days;
  const picked = lastDays(days, now);
  return { ...picked, granularity: resolveGranularity(view.bars, picked.from, picked.to) };
}

export interface CostChartSeries {
  key: string;
  label: string;
  color: string;
  /** Fees per $1M of each bar; null for a bar without volume (no line there, not a zero). */
  values: (number | null)[];
  volumes: number[];
  fees: number[];
}

export interface CostChartData {
  buckets: Bucket[];
  granularity: Granularity;
  series: CostChartSeries[];
}

export function buildCostChart(costs: Costs, granularity: Granularity, dark: boolean, exchanges: ExchangeCatalog): CostChartData {
  const buckets = bucketsBetween(costs.from, costs.to, granularity);
  const series = costs.chart.map((s) => {
    const byDay = new Map(s.days.map((d) => [d.date, d]));
    const volumes: number[] = [];
    const fees: number[] = [];
    for (const bucket of buckets) {
      let volume = 0;
      let fee = 0;
      for (const day of bucket.days) {
        const d = byDay.get(day);
        if (!d) continue;
        volume = addUsd(volume, d.volumeUsd);
        fee = addUsd(fee, d.feesUsd);
      }
      volumes.push(volume);
      fees.push(fee);
    }
    const values = volumes.map((volume, i) => (volume > 0 ? (fees[i]! / volume) * 1_000_000 : null));
    return { key: s.exchange, label: s.label, color: exchangeColor(exchanges, s.exchange, dark), values, volumes, fees };
  });
  return { buckets, granularity, series };
}

/** The chart in words, for screen readers and the test: each exchange's fees per $1M over the whole range. */
export function describeCostChart(chart: CostChartData, formatUsd: (usd: number) => string): string {
  if (chart.series.length === 0) return 'No volume in this range.';
  return chart.series
    .map((s) => {
      const volume = s.volumes.reduce(addUsd, 0);
      const fees = s.fees.reduce(addUsd, 0);
      return `${s.label}: ${volume > 0 ? `${formatUsd((fees / volume) * 1_000_000)} per $1M` : 'no volume'}`;
    })
    .join('; ');
}
