/** The chart's view: range, grouping, bars, bars or cumulative, trend line, kinds and filters — all kept in the address bar. */
import type { Account, ExchangeIdValue } from '../../../../src-shared/schemas.ts';
import { RANGE_PRESETS } from '../../lib/dates.ts';
import type { Granularity } from '../../lib/buckets.ts';
import { SERIES_CHOICES, type ChartGroup, type ChartViewState, type SeriesChoice } from '../../lib/view-state.ts';
import { DayInput } from '../DayInput.tsx';
import { KindsSwitch } from '../KindsSwitch.tsx';
import { inputClass, Segmented } from '../ui.tsx';
import { useExchangeCatalog } from '../../hooks/exchanges-context.ts';

const GROUPS: { id: ChartGroup; label: string }[] = [
  { id: 'exchange', label: 'Exchange' },
  { id: 'underlying', label: 'Asset (across exchanges)' },
  { id: 'symbol', label: 'Symbol' },
  { id: 'account', label: 'Account' },
  { id: 'kind', label: 'Perpetual / dated' },
  { id: 'none', label: 'Nothing (total)' },
];

const BAR_NAMES: Record<Granularity, string> = { day: 'days', week: 'weeks', month: 'months' };

const selectClass = `${inputClass} sm:w-auto`;

export function ChartControls({ view, update, accounts, granularity, customValid, seriesShown, shown }: {
  view: ChartViewState;
  update: (patch: Partial<ChartViewState>) => void;
  accounts: Account[];
  /** The bars actually drawn (what "Auto" chose). */
  granularity: Granularity;
  customValid: boolean;
  /** How many series the chart draws now ("Other" included), for the "Auto" choice's label. */
  seriesShown: number | null;
  /** The days the chart shows now (what a new custom range starts from). */
  shown: { from: string; to: string };
}) {
  const catalog = useExchangeCatalog();
  const exchanges = [...new Set(accounts.map((a) => a.exchange))] as ExchangeIdValue[];
  const shownAccounts = accounts.filter((a) => !view.exchange || a.exchange === view.exchange);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        {/* Custom starts from the range on screen: two filled, valid fields, nothing to correct yet. */}
        <Segmented label="Range" value={view.range} options={RANGE_PRESETS.map((p) => ({ id: p.id, label: p.label }))} testId="range"
          onChange={(range) => update(range === 'custom' ? { range, from: view.from ?? shown.from, to: view.to ?? shown.to } : { range })} />
        {view.range === 'custom' && (
          <div className="flex flex-wrap items-end gap-2">
            <DayInput id="chart-from" label="From (UTC)" value={view.from ?? shown.from} onChange={(from) => update({ from })} />
            <DayInput id="chart-to" label="To (UTC)" value={view.to ?? shown.to} onChange={(to) => update({ to })} />
            {!customValid && view.from !== null && view.to !== null && (
              <p role="alert" className="text-sm text-red-600 dark:text-red-400">Pick a start on or before the end; showing the last 30 days meanwhile.</p>
            )}
          </div>
        )}
        <KindsSwitch value={view.kinds} onChange={(kinds) => update({ kinds })} />
      </div>
      <div className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end">
        <div className="min-w-0">
          <label htmlFor="chart-group" className="block text-xs">Stack by</label>
          <select id="chart-group" className={selectClass} value={view.group} onChange={(e) => update({ group: e.target.value as ChartGroup })}>
            {GROUPS.map((g) => <option key={g.id} value={g.id}>{g.label}</option>)}
          </select>
        </div>
        {view.group !== 'none' && (
          <div className="min-w-0">
            <label htmlFor="chart-series" className="block text-xs">Series</label>
            <select id="chart-series" className={selectClass} value={view.series} onChange={(e) => update({ series: e.target.value as SeriesChoice })}
              title="How many series to draw before the smallest fold into a grey “Other”">
              {SERIES_CHOICES.map((choice) => (
                <option key={choice} value={choice}>{choice === 'auto' ? `Auto${seriesShown && view.series === 'auto' ? ` (${seriesShown})` : ''}` : `Top ${choice}`}</option>
              ))}
            </select>
          </div>
        )}
        <div className="min-w-0">
          <label htmlFor="chart-bars" className="block text-xs">Bars</label>
          <select id="chart-bars" className={selectClass} value={view.bars} onChange={(e) => update({ bars: e.target.value as ChartViewState['bars'] })}>
            <option value="auto">Auto ({BAR_NAMES[granularity]})</option>
            <option value="day">Days</option>
            <option value="week">Weeks</option>
            <option value="month">Months</option>
          </select>
        </div>
        <div className="min-w-0">
          <label htmlFor="chart-exchange" className="block text-xs">Exchange</label>
          <select id="chart-exchange" className={selectClass} value={view.exchange ?? ''} onChange={(e) => update({ exchange: (e.target.value || null) as ExchangeIdValue | null, accountId: null })}>
            <option value="">All exchanges</option>
            {exchanges.map((id) => <option key={id} value={id}>{catalog.name(id)}</option>)}
          </select>
        </div>
        <div className="min-w-0">
          <label htmlFor="chart-account" className="block text-xs">Account</label>
          <select id="chart-account" className={selectClass} value={view.accountId ?? ''} onChange={(e) => update({ accountId: e.target.value || null })}>
            <option value="">All accounts</option>
            {shownAccounts.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
          </select>
        </div>
        <div className="col-span-2 flex flex-wrap items-center gap-3 sm:col-span-1">
          <Segmented label="Show" value={view.cumulative ? 'cumulative' : 'bars'} testId="chart-mode"
            options={[{ id: 'bars', label: 'Bars' }, { id: 'cumulative', label: 'Cumulative' }]}
            onChange={(mode) => update({ cumulative: mode === 'cumulative' })} />
          {!view.cumulative && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={view.average} onChange={(e) => update({ average: e.target.checked })} className="h-4 w-4 accent-indigo-600" />
              Trend line
            </label>
          )}
        </div>
      </div>
    </div>
  );
}
