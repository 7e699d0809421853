/**
 * The chart itself (chart.js on a canvas): stacked bars with the trend line, or cumulative lines.
 * Its legend, the bar inspector and the words for screen readers are HTML beside it, so on a phone
 * the legend never eats the plot and a tap on a bar opens the inspector below.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
  type TooltipItem,
} from 'chart.js';
import { Chart } from 'react-chartjs-2';
import { averageLabel, bucketLabel, bucketTitle, type DailyChartData } from '../../lib/chart-data.ts';
import { formatUsdCompact, formatUsdExact } from '../../lib/format.ts';
import { AVERAGE_COLOR } from '../../lib/series-colors.ts';

ChartJS.register(BarController, LineController, CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip);

export interface VolumeChartProps {
  chart: DailyChartData;
  cumulative: boolean;
  showAverage: boolean;
  hidden: ReadonlySet<string>;
  dark: boolean;
  selected: number | null;
  onSelect: (index: number) => void;
  describedBy: string;
}

/** A touch screen: a tap opens the bar in the inspector below, so a tooltip would only cover the chart and repeat it. */
const touchScreen = (): boolean => typeof window !== 'undefined' && window.matchMedia('(hover: none), (pointer: coarse)').matches;

export function VolumeChart({ chart, cumulative, showAverage, hidden, dark, selected, onSelect, describedBy }: VolumeChartProps) {
  const tooltips = !touchScreen();
  const grid = dark ? '#1e293b' : '#e2e8f0';
  const text = dark ? '#cbd5e1' : '#334155';
  const ink = dark ? AVERAGE_COLOR.dark : AVERAGE_COLOR.light;
  const labels = chart.buckets.map((bucket) => bucketLabel(bucket, chart.granularity));
  // A day, week or month still in progress is drawn faded: its bar is short because it is not over.
  const faded = (color: string) => chart.buckets.map((bucket) => (!bucket.complete ? `${color}66` : color));
  const unfinished = chart.buckets.flatMap((bucket, i) => (bucket.complete ? [] : [i])).join(',');
  const series = chart.series.map((s) => ({
    type: (cumulative ? 'line' : 'bar') as 'bar',
    label: s.label,
    data: s.values,
    backgroundColor: cumulative ? s.color : faded(s.color),
    borderColor: s.color,
    borderWidth: cumulative ? 2 : 0,
    pointRadius: 0,
    hidden: hidden.has(s.key),
    stack: 'volume',
    order: 1,
  }));
  const extra = cumulative
    ? chart.series.length > 1 ? [{ type: 'line' as const, label: 'Total', data: chart.totals, borderColor: ink, backgroundColor: ink, borderWidth: 2.5, pointRadius: 0, order: 0 }] : []
    : showAverage && chart.average
      ? [{ type: 'line' as const, label: averageLabel(chart), data: chart.average, borderColor: ink, backgroundColor: ink, borderWidth: 1.5, borderDash: [5, 3], pointRadius: 0, spanGaps: false, stack: 'average', order: 0 }]
      : [];
  const data = { labels, datasets: [...series, ...extra] } as unknown as ChartData<'bar'>;
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    // A tap is a click too: it selects the bar for the inspector below the chart.
    onClick: (event, _elements, instance) => {
      const native = event.native;
      if (!native) return;
      const [hit] = instance.getElementsAtEventForMode(native, 'index', { intersect: false }, true);
      if (hit) onSelect(hit.index);
    },
    scales: {
      x: { stacked: !cumulative, grid: { color: grid, display: false }, ticks: { color: text, maxRotation: 0, autoSkipPadding: 14 } },
      y: { stacked: !cumulative, beginAtZero: true, grid: { color: grid }, ticks: { color: text, maxTicksLimit: 6, callback: (value) => formatUsdCompact(Number(value)) } },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        enabled: tooltips,
        callbacks: {
          title: (items: TooltipItem<'bar'>[]) => (items[0] ? bucketTitle(chart.buckets[items[0].dataIndex]!, chart.granularity) : ''),
          label: (item: TooltipItem<'bar'>) => (item.raw === null ? '' : `${item.dataset.label}: ${formatUsdExact(Number(item.raw))}`),
          footer: (items: TooltipItem<'bar'>[]) => (items[0] && !cumulative ? `Total: ${formatUsdExact(chart.totals[items[0].dataIndex]!)}` : ''),
        },
      },
    },
  };
  const colours = Object.fromEntries(chart.series.map((s) => [s.key, s.color]));
  return (
    <div className="h-[300px] sm:h-[420px]" data-testid="daily-chart" data-colors={JSON.stringify(colours)} data-granularity={chart.granularity} data-from={chart.buckets[0]?.start}
      data-selected={selected ?? undefined} data-bars={chart.buckets.length} data-unfinished={unfinished || undefined} data-tooltips={tooltips ? 'hover' : 'off'}>
      <Chart type="bar" data={data} options={options} role="img" aria-label={`${cumulative ? 'Cumulative volume' : 'Volume'} chart; the inspector below lists each bar`} aria-describedby={describedBy} />
    </div>
  );
}
