/**
 * The chart's view as a CSV file when it is not the server's daily file: weekly or monthly bars, or
 * running totals. One row per bar drawn, one column per series drawn ("Other" included) and the
 * total, amounts as exact 6-decimal USD strings like every Perpvol export. The daily, non-cumulative
 * view keeps the server's own daily file (GET /api/v1/export/daily.csv).
 */
import { csvText, usdToDecimalString } from '../../../src-shared/csv-rows.ts';
import { numberCell, textCell } from '../../../src-shared/csv-cells.ts';
import type { DailyChartData } from './chart-data.ts';
import { OTHER_SERIES_KEY } from './series-colors.ts';

const UNIT = { day: 'daily', week: 'weekly', month: 'monthly' } as const;

/** What the view's export holds, for the button and the file name: "weekly cumulative", "daily". */
export function viewExportKind(granularity: DailyChartData['granularity'], cumulative: boolean): string {
  return `${UNIT[granularity]}${cumulative ? ' cumulative' : ''}`;
}

/** Whether the view's export is the server's daily file (daily bars, not running totals). */
export function isServerDailyExport(granularity: DailyChartData['granularity'], cumulative: boolean): boolean {
  return granularity === 'day' && !cumulative;
}

/** "perpvol-weekly-cumulative-2025-12-08-2026-12-07.csv". */
export function viewCsvFileName(chart: DailyChartData, cumulative: boolean): string {
  const first = chart.buckets[0]?.start ?? '';
  const lastBar = chart.buckets[chart.buckets.length - 1];
  const last = lastBar?.days[lastBar.days.length - 1] ?? first;
  return `perpvol-${viewExportKind(chart.granularity, cumulative).replace(' ', '-')}-${first}-${last}.csv`;
}

/** `chart` as drawn: per-bar values, or running totals when `cumulative` (the chart built that way). */
export function viewCsv(chart: DailyChartData, cumulative: boolean): string {
  const unit = chart.granularity;
  const measure = cumulative ? 'cumulative_volume_usd' : 'volume_usd';
  const columnOf = (key: string) => `${key === OTHER_SERIES_KEY ? 'other' : key}_${measure}`;
  const columns = [`${unit}_start`, `${unit}_end`, 'complete', ...chart.series.map((s) => columnOf(s.key)), `total_${measure}`];
  const rows = chart.buckets.map((bucket, i) => [
    textCell(bucket.start),
    textCell(bucket.days[bucket.days.length - 1]!),
    bucket.complete ? 'true' : 'false',
    ...chart.series.map((s) => numberCell(usdToDecimalString(s.values[i] ?? 0))),
    numberCell(usdToDecimalString(chart.totals[i] ?? 0)),
  ]);
  return csvText(columns, rows);
}
