/**
 * One bar in full, below the chart: what hovering shows on a desktop, for a tap on a phone and for
 * the keyboard (previous / next bar). It starts on the latest bar.
 */
import { averageLabel, bucketTitle, type DailyChartData } from '../../lib/chart-data.ts';
import { formatUsdExact } from '../../lib/format.ts';
import { Swatch } from '../ui.tsx';

export function ChartInspector({ chart, index, cumulative, hidden, onSelect }: {
  chart: DailyChartData;
  index: number;
  cumulative: boolean;
  hidden: ReadonlySet<string>;
  onSelect: (index: number) => void;
}) {
  const bucket = chart.buckets[index];
  if (!bucket) return null;
  // The legend's order (the range's biggest first), so a series sits in the same place in both.
  const rows = chart.series.filter((s) => !hidden.has(s.key) && (s.values[index] ?? 0) !== 0);
  const average = chart.average?.[index] ?? null;
  const step = 'rounded-md border border-slate-200 px-2 py-0.5 text-sm disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-700';
  return (
    <section aria-label="Selected bar" aria-live="polite" className="mt-3 rounded-lg border border-slate-100 p-3 text-sm dark:border-slate-800" data-testid="chart-inspector">
      <div className="flex items-center justify-between gap-2">
        <button type="button" className={step} disabled={index === 0} onClick={() => onSelect(index - 1)} aria-label="Previous bar">‹</button>
        <p className="min-w-0 text-center font-medium" data-testid="inspector-title">{bucketTitle(bucket, chart.granularity)}<span className="font-normal text-slate-500 dark:text-slate-400"> · UTC</span></p>
        <button type="button" className={step} disabled={index === chart.buckets.length - 1} onClick={() => onSelect(index + 1)} aria-label="Next bar">›</button>
      </div>
      <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 tabular-nums">
        <dt className="font-medium">{cumulative ? 'Running total' : 'Total'}</dt>
        <dd className="text-right font-medium" data-testid="inspector-total" data-usd={chart.totals[index]}>{formatUsdExact(chart.totals[index] ?? 0)}</dd>
        {average !== null && <><dt className="text-slate-500 dark:text-slate-400">{averageLabel(chart)}</dt><dd className="text-right text-slate-500 dark:text-slate-400">{formatUsdExact(average)}</dd></>}
        {rows.length > 1 && rows.map((s) => (
          <div key={s.key} className="contents" data-series-key={s.key}>
            <dt className="flex min-w-0 items-center gap-2"><Swatch color={s.color} /><span className="truncate">{s.label}</span></dt>
            <dd className="text-right">{formatUsdExact(s.values[index] ?? 0)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
