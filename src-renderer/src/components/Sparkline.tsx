/**
 * A small line of daily volume (the overview's 30 days per exchange), in the series' own colour.
 * Plain SVG: thirty points need no chart library, and it scales with its cell.
 */
import { formatDay, formatUsd } from '../lib/format.ts';

const WIDTH = 120;
const HEIGHT = 28;

export function Sparkline({ values, days, color, label, testId }: { values: readonly number[]; days: readonly string[]; color: string; label: string; testId?: string }) {
  const max = Math.max(...values, 0);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const y = (value: number) => (max > 0 ? HEIGHT - 2 - (value / max) * (HEIGHT - 4) : HEIGHT - 2);
  const points = values.map((value, i) => `${(i * step).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  const peak = values.indexOf(max);
  const description = max > 0 && days[peak]
    ? `${label}: daily volume over ${values.length} days, peak ${formatUsd(max)} on ${formatDay(days[peak])}, today ${formatUsd(values[values.length - 1] ?? 0)}`
    : `${label}: no volume in the last ${values.length} days`;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={description} className="h-7 w-full min-w-16" data-testid={testId} data-color={color}>
      <title>{description}</title>
      <polyline points={`0,${HEIGHT} ${points} ${WIDTH},${HEIGHT}`} fill={color} fillOpacity={0.12} stroke="none" />
      <polyline points={points} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
    </svg>
  );
}
