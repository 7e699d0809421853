/** Fees per $1M of volume by exchange over the range: one line per exchange in its fixed colour. */
import { CategoryScale, Chart as ChartJS, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartData, type ChartOptions, type TooltipItem } from 'chart.js';
import { Chart } from 'react-chartjs-2';
import { bucketLabel, bucketTitle } from '../../lib/chart-data.ts';
import type { CostChartData } from '../../lib/cost-view.ts';
import { formatUsdExact } from '../../lib/format.ts';

ChartJS.register(LineController, CategoryScale, LinearScale, LineElement, PointElement, Tooltip);

export function FeesPerMillionChart({ chart, dark, describedBy }: { chart: CostChartData; dark: boolean; describedBy: string }) {
  const grid = dark ? '#1e293b' : '#e2e8f0';
  const text = dark ? '#cbd5e1' : '#334155';
  const single = chart.buckets.length === 1;
  const data = {
    labels: chart.buckets.map((bucket) => bucketLabel(bucket, chart.granularity)),
    datasets: chart.series.map((s) => ({
      type: 'line' as const,
      label: s.label,
      data: s.values,
      borderColor: s.color,
      backgroundColor: s.color,
      borderWidth: 2,
      // a lone day with volume between empty ones would be an invisible line: show the points
      pointRadius: single || chart.buckets.length <= 45 ? 2.5 : 0,
      spanGaps: true,
    })),
  } as ChartData<'line'>;
  const options: ChartOptions<'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { grid: { display: false }, ticks: { color: text, maxRotation: 0, autoSkipPadding: 14 } },
      y: { beginAtZero: true, grid: { color: grid }, ticks: { color: text, maxTicksLimit: 6, callback: (value) => `$${Number(value).toLocaleString()}` } },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items: TooltipItem<'line'>[]) => (items[0] ? bucketTitle(chart.buckets[items[0].dataIndex]!, chart.granularity) : ''),
          label: (item: TooltipItem<'line'>) => (item.raw === null ? '' : `${item.dataset.label}: ${formatUsdExact(Number(item.raw))} per $1M`),
        },
      },
    },
  };
  return (
    <div className="h-[260px] sm:h-[340px]" data-testid="cost-chart" data-granularity={chart.granularity} data-bars={chart.buckets.length} data-series={chart.series.map((s) => s.key).join(',')}>
      <Chart type="line" data={data} options={options} role="img" aria-label="Fees per $1M of volume by exchange" aria-describedby={describedBy} />
    </div>
  );
}
