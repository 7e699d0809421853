/** Daily volume, stacked by exchange, account, symbol or asset, over a chosen range; optionally cumulative. */
import { useMemo, useState } from 'react';
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
  type TooltipItem,
} from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import type { GroupBy } from '../../../src-shared/schemas.ts';
import { Card, EmptyState, ErrorNote, inputClass } from '../components/ui.tsx';
import { useApi } from '../hooks/api-context.ts';
import { isVolumeChange, useApiQuery } from '../hooks/use-api-query.ts';
import { buildDailyChartData, describeDailyChart } from '../lib/chart-data.ts';
import { isDay, lastDays, RANGE_PRESETS, type RangePreset } from '../lib/dates.ts';
import { formatDay, formatDayShort, formatUsd, formatUsdCompact, formatUsdExact } from '../lib/format.ts';

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Filler, Tooltip, Legend);

const GROUPS: { id: GroupBy; label: string }[] = [
  { id: 'exchange', label: 'Exchange' },
  { id: 'account', label: 'Account' },
  { id: 'symbol', label: 'Symbol' },
  { id: 'underlying', label: 'Asset (across exchanges)' },
];

export function DailyChartPage({ dark }: { dark: boolean }) {
  const { client } = useApi();
  const [groupBy, setGroupBy] = useState<GroupBy>('exchange');
  const [preset, setPreset] = useState<RangePreset>('30d');
  const [cumulative, setCumulative] = useState(false);
  const defaults = useMemo(() => lastDays(30, Date.now()), []);
  const [customFrom, setCustomFrom] = useState(defaults.from);
  const [customTo, setCustomTo] = useState(defaults.to);

  const customValid = isDay(customFrom) && isDay(customTo) && customFrom <= customTo;
  const range = useMemo(() => {
    const days = RANGE_PRESETS.find((p) => p.id === preset)?.days;
    if (days) return lastDays(days, Date.now());
    return customValid ? { from: customFrom, to: customTo } : defaults;
  }, [preset, customFrom, customTo, customValid, defaults]);

  const daily = useApiQuery(() => client.dailyVolume({ ...range, groupBy }), [range.from, range.to, groupBy], isVolumeChange);
  // The title's dates come from the data, not the picked range: while a new range loads, it still describes the bars shown.
  const chart = useMemo(() => (daily.data ? buildDailyChartData(daily.data, { cumulative }) : null), [daily.data, cumulative]);
  const summary = useMemo(() => (daily.data ? describeDailyChart(buildDailyChartData(daily.data, { cumulative: false })) : ''), [daily.data]);

  const grid = dark ? '#1e293b' : '#e2e8f0';
  const text = dark ? '#cbd5e1' : '#334155';
  const options: ChartOptions<'bar' | 'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { stacked: true, grid: { color: grid }, ticks: { color: text, maxRotation: 0, autoSkipPadding: 12 } },
      y: { stacked: true, grid: { color: grid }, ticks: { color: text, callback: (value) => formatUsdCompact(Number(value)) } },
    },
    plugins: {
      legend: { labels: { color: text } },
      tooltip: {
        callbacks: {
          title: (items: TooltipItem<'bar' | 'line'>[]) => (chart && items[0] ? formatDay(chart.days[items[0].dataIndex]!) : ''),
          label: (item: TooltipItem<'bar' | 'line'>) => `${item.dataset.label}: ${formatUsdExact(Number(item.raw))}`,
          footer: (items: TooltipItem<'bar' | 'line'>[]) => (chart && items[0] ? `Total: ${formatUsdExact(chart.totals[items[0].dataIndex]!)}` : ''),
        },
      },
    },
  };
  const labels = chart?.days.map((d) => formatDayShort(d)) ?? [];
  const datasets = chart?.series.map((s) => ({
    label: s.label,
    data: s.values,
    backgroundColor: cumulative ? `${s.color}66` : s.color,
    borderColor: s.color,
    fill: cumulative,
    pointRadius: 0,
    borderWidth: cumulative ? 1.5 : 0,
  })) ?? [];

  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-end gap-4">
          <fieldset className="flex flex-wrap items-center gap-1" aria-label="Range">
            <legend className="sr-only">Range</legend>
            {RANGE_PRESETS.map((p) => (
              <button key={p.id} type="button" aria-pressed={preset === p.id} onClick={() => setPreset(p.id)}
                className={`rounded-lg px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 ${preset === p.id ? 'bg-indigo-600 text-white' : 'bg-slate-100 hover:bg-slate-200 dark:bg-slate-800 dark:hover:bg-slate-700'}`}>
                {p.label}
              </button>
            ))}
          </fieldset>
          {preset === 'custom' && (
            <div className="flex flex-wrap items-end gap-2">
              <div><label htmlFor="chart-from" className="block text-xs">From (UTC)</label><input id="chart-from" type="date" className={inputClass} value={customFrom} max={customTo} onChange={(e) => setCustomFrom(e.target.value)} /></div>
              <div><label htmlFor="chart-to" className="block text-xs">To (UTC)</label><input id="chart-to" type="date" className={inputClass} value={customTo} min={customFrom} onChange={(e) => setCustomTo(e.target.value)} /></div>
              {!customValid && <p role="alert" className="text-sm text-red-600 dark:text-red-400">Pick a start on or before the end.</p>}
            </div>
          )}
          <div>
            <label htmlFor="chart-group" className="block text-xs">Stack by</label>
            <select id="chart-group" className={inputClass} value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
              {GROUPS.map((g) => <option key={g.id} value={g.id}>{g.label}</option>)}
            </select>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={cumulative} onChange={(e) => setCumulative(e.target.checked)} className="h-4 w-4 accent-indigo-600" />
            Cumulative
          </label>
        </div>
      </Card>
      {daily.error && <ErrorNote code={daily.error.code} message={daily.error.message} />}
      {chart && chart.grandTotal === 0 ? (
        <EmptyState title="No volume in this range">
          <p>No fills between {formatDay(range.from)} and {formatDay(range.to)}. Pick a longer range, or check on the Accounts page that your accounts have synced.</p>
        </EmptyState>
      ) : (
        <Card title={chart && daily.data ? `Total ${formatUsd(chart.grandTotal)} · ${formatDay(daily.data.from)} – ${formatDay(daily.data.to)} (UTC)` : 'Loading…'}>
          <div className="h-[420px]" data-testid="daily-chart">
            {chart && (cumulative
              ? <Line data={{ labels, datasets }} options={options as ChartOptions<'line'>} aria-label="Cumulative daily volume chart" aria-describedby="daily-chart-summary" role="img" />
              : <Bar data={{ labels, datasets }} options={options as ChartOptions<'bar'>} aria-label="Daily volume chart" aria-describedby="daily-chart-summary" role="img" />)}
          </div>
          {chart && <p id="daily-chart-summary" className="mt-3 text-xs text-slate-500 tabular-nums dark:text-slate-400" data-testid="daily-chart-summary">{summary}</p>}
        </Card>
      )}
    </div>
  );
}
