/**
 * Each page's view as address-bar parameters and back: what a reload or a shared link restores.
 * Only what differs from the default is written, so `#/daily` is the default chart and
 * `#/daily?range=1y&group=underlying` says exactly what was changed. Anything unreadable in a
 * hand-edited link falls back to its default instead of breaking the page.
 */
import { SHIPPED_EXCHANGE_IDS, type ExchangeIdValue, type GroupBy } from '../../../src-shared/schemas.ts';
import type { GranularityChoice } from './buckets.ts';
import { isDay, RANGE_PRESETS, type RangePreset } from './dates.ts';

/** Perpetuals only (the API's default), or perpetuals and dated futures. */
export type KindsChoice = 'perpetual' | 'all';
export const KINDS_QUERY: Record<KindsChoice, string | undefined> = { perpetual: undefined, all: 'perpetual,dated_future' };

export type ChartGroup = GroupBy | 'none';
export type TableGroup = 'underlying' | 'symbol' | 'exchange' | 'account' | 'kind';

export interface ChartViewState {
  range: RangePreset;
  /** The custom range's days (only with range 'custom'). */
  from: string | null;
  to: string | null;
  group: ChartGroup;
  cumulative: boolean;
  bars: GranularityChoice;
  /** The trailing-average line over the bars. */
  average: boolean;
  kinds: KindsChoice;
  exchange: ExchangeIdValue | null;
  accountId: string | null;
  /** What the table under the chart breaks the volume down by. */
  table: TableGroup;
  /** How many series the chart draws before folding the rest into "Other" ('auto': as few as keep "Other" small). */
  series: SeriesChoice;
}

export type SeriesChoice = 'auto' | '6' | '8' | '12' | '20';
export const SERIES_CHOICES: readonly SeriesChoice[] = ['auto', '6', '8', '12', '20'];

export const DEFAULT_CHART_VIEW: ChartViewState = {
  range: '30d', from: null, to: null, group: 'exchange', cumulative: false, bars: 'auto', average: true, kinds: 'perpetual', exchange: null, accountId: null, table: 'underlying', series: 'auto',
};

const CHART_GROUPS: readonly ChartGroup[] = ['exchange', 'account', 'symbol', 'underlying', 'kind', 'none'];
const TABLE_GROUPS: readonly TableGroup[] = ['underlying', 'symbol', 'exchange', 'account', 'kind'];
const BARS: readonly GranularityChoice[] = ['auto', 'day', 'week', 'month'];

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

const kindsOf = (params: URLSearchParams): KindsChoice => (params.get('kinds') === 'all' ? 'all' : 'perpetual');
const exchangeOf = (params: URLSearchParams): ExchangeIdValue | null => {
  // the exchanges this dashboard is written for; a link naming any other falls back to all
  const value = params.get('exchange');
  return value !== null && (SHIPPED_EXCHANGE_IDS as readonly string[]).includes(value) ? (value as ExchangeIdValue) : null;
};
const dayOf = (params: URLSearchParams, key: string): string | null => {
  const value = params.get(key);
  return value !== null && isDay(value) ? value : null;
};

export function readChartView(params: URLSearchParams): ChartViewState {
  const range = oneOf(params.get('range'), RANGE_PRESETS.map((p) => p.id), DEFAULT_CHART_VIEW.range);
  return {
    range,
    from: range === 'custom' ? dayOf(params, 'from') : null,
    to: range === 'custom' ? dayOf(params, 'to') : null,
    group: oneOf(params.get('group'), CHART_GROUPS, DEFAULT_CHART_VIEW.group),
    cumulative: params.get('mode') === 'cumulative',
    bars: oneOf(params.get('bars'), BARS, DEFAULT_CHART_VIEW.bars),
    average: params.get('average') !== 'off',
    kinds: kindsOf(params),
    exchange: exchangeOf(params),
    accountId: params.get('account') || null,
    table: oneOf(params.get('table'), TABLE_GROUPS, DEFAULT_CHART_VIEW.table),
    series: oneOf(params.get('series'), SERIES_CHOICES, DEFAULT_CHART_VIEW.series),
  };
}

export function writeChartView(view: ChartViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (view.range !== DEFAULT_CHART_VIEW.range) params.set('range', view.range);
  if (view.range === 'custom' && view.from) params.set('from', view.from);
  if (view.range === 'custom' && view.to) params.set('to', view.to);
  if (view.group !== DEFAULT_CHART_VIEW.group) params.set('group', view.group);
  if (view.cumulative) params.set('mode', 'cumulative');
  if (view.bars !== DEFAULT_CHART_VIEW.bars) params.set('bars', view.bars);
  if (!view.average) params.set('average', 'off');
  if (view.kinds !== 'perpetual') params.set('kinds', view.kinds);
  if (view.exchange) params.set('exchange', view.exchange);
  if (view.accountId) params.set('account', view.accountId);
  if (view.table !== DEFAULT_CHART_VIEW.table) params.set('table', view.table);
  if (view.series !== DEFAULT_CHART_VIEW.series) params.set('series', view.series);
  return params;
}

export interface FillsViewState {
  accountId: string | null;
  from: string | null;
  to: string | null;
  kinds: KindsChoice;
}

export function readFillsView(params: URLSearchParams): FillsViewState {
  return { accountId: params.get('account') || null, from: dayOf(params, 'from'), to: dayOf(params, 'to'), kinds: kindsOf(params) };
}

export function writeFillsView(view: FillsViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (view.accountId) params.set('account', view.accountId);
  if (view.from) params.set('from', view.from);
  if (view.to) params.set('to', view.to);
  if (view.kinds !== 'perpetual') params.set('kinds', view.kinds);
  return params;
}

export interface OverviewViewState {
  kinds: KindsChoice;
}

export function readOverviewView(params: URLSearchParams): OverviewViewState {
  return { kinds: kindsOf(params) };
}

export function writeOverviewView(view: OverviewViewState): URLSearchParams {
  return new URLSearchParams(view.kinds === 'all' ? { kinds: 'all' } : {});
}
