/**
 * The chart's legend as HTML under the plot: each series in its fixed colour with its total over
 * the range; pressing one hides or shows it. It wraps on a phone instead of squeezing the chart.
 */
import type { DailyChartData } from '../../lib/chart-data.ts';
import { formatUsd, formatUsdExact } from '../../lib/format.ts';
import { Swatch } from '../ui.tsx';

export function ChartLegend({ chart, hidden, onToggle }: { chart: DailyChartData; hidden: ReadonlySet<string>; onToggle: (key: string) => void }) {
  if (chart.series.length < 2) return null;
  return (
    <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Series (press to hide or show)" data-testid="chart-legend">
      {chart.series.map((s) => {
        const off = hidden.has(s.key);
        return (
          <li key={s.key} className="min-w-0">
            <button type="button" aria-pressed={!off} onClick={() => onToggle(s.key)} data-series-key={s.key} data-usd={s.total} title={formatUsdExact(s.total)}
              className={`inline-flex max-w-full items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs focus-visible:outline-2 focus-visible:outline-indigo-500 ${off ? 'border-dashed border-slate-300 text-slate-400 line-through dark:border-slate-700' : 'border-slate-200 text-slate-700 dark:border-slate-700 dark:text-slate-200'}`}>
              <Swatch color={s.color} className={off ? 'opacity-30' : ''} />
              <span className="truncate">{s.label}</span>
              <span className="tabular-nums text-slate-500 dark:text-slate-400">{formatUsd(s.total)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
