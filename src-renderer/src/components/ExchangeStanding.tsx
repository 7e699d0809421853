/**
 * The overview's "by exchange" block: per exchange its windows, fees, maker share, fee tier and the
 * last 30 days as a sparkline in the exchange's colour. A table on wide screens; a card per
 * exchange on a phone, so nothing scrolls sideways.
 */
import type { Daily, ExchangeIdValue, Summary, VolumeWindow } from '../../../src-shared/schemas.ts';
import type { TierView } from '../../../src-shared/tier-schemas.ts';
import { formatPercent, formatUnpricedFees, formatUsd, formatUsdExact, unpricedFeesExact } from '../lib/format.ts';
import { makerShare } from '../lib/maker-share.ts';
import type { WindowKey, WindowPartiality } from '../lib/partial-windows.ts';
import { exchangeColor } from '../lib/exchange-catalog.ts';
import { Sparkline } from './Sparkline.tsx';
import { Swatch } from './ui.tsx';
import { useExchangeCatalog } from '../hooks/exchanges-context.ts';

export const WINDOWS: readonly { key: WindowKey; label: string; short: string }[] = [
  { key: 'today', label: 'Today', short: 'Today' },
  { key: 'd7', label: '7 days', short: '7 d' },
  { key: 'd14', label: '14 days', short: '14 d' },
  { key: 'd30', label: '30 days', short: '30 d' },
  { key: 'allTime', label: 'All time', short: 'All time' },
];

export interface ExchangeRow {
  id: ExchangeIdValue;
  windows: Record<WindowKey, VolumeWindow>;
  partial: Record<WindowKey, WindowPartiality>;
  tier: TierView | undefined;
  /** The last 30 UTC days, oldest first. */
  days: string[];
  daily: number[];
  makerShare: number | null;
}

/** One row per exchange with volume or an account, in the API's exchange order. */
export function exchangeRows(summary: Summary, daily: Daily | null, tiers: Partial<Record<ExchangeIdValue, TierView>>, partialOf: (id: ExchangeIdValue, key: WindowKey) => WindowPartiality): ExchangeRow[] {
  const ids = (Object.keys(summary.byExchange) as ExchangeIdValue[]).sort((a, b) => (summary.byExchange[b]!.d30.volumeUsd - summary.byExchange[a]!.d30.volumeUsd) || a.localeCompare(b));
  return ids.map((id) => {
    const series = daily?.series.find((s) => s.key === id);
    const partial = Object.fromEntries(WINDOWS.map(({ key }) => [key, partialOf(id, key)])) as Record<WindowKey, WindowPartiality>;
    return {
      id,
      windows: summary.byExchange[id]!,
      partial,
      tier: tiers[id],
      days: daily?.total.map((d) => d.date) ?? [],
      daily: daily ? daily.total.map((d) => series?.days.find((x) => x.date === d.date)?.volumeUsd ?? 0) : [],
      makerShare: series ? makerShare(series.days) : null,
    };
  });
}

function Volume({ window, partial, testId }: { window: VolumeWindow; partial: WindowPartiality; testId?: string }) {
  return (
    <span title={`${formatUsdExact(window.volumeUsd)}${partial.note ? ` — partial: ${partial.note}` : ''}`} data-testid={testId} data-usd={window.volumeUsd} data-partial={partial.partial || undefined}>
      {formatUsd(window.volumeUsd)}
      {partial.partial && <sup className="ml-0.5 text-amber-700 dark:text-amber-300" aria-label={`partial: ${partial.note}`}>*</sup>}
    </span>
  );
}

function Fees({ window }: { window: VolumeWindow }) {
  const unpriced = formatUnpricedFees(window.unpricedFees);
  return (
    <span title={formatUsdExact(window.feesUsd)}>
      {formatUsd(window.feesUsd)}
      {unpriced && <span className="block text-xs text-amber-800 dark:text-amber-300" data-testid="unpriced-fees" title={`${unpricedFeesExact(window.unpricedFees)} (exact)`}>+ {unpriced}</span>}
    </span>
  );
}

function TierBadge({ view }: { view: TierView | undefined }) {
  if (!view) return <span className="text-slate-400">—</span>;
  const name = !view.ladderKnown ? 'Ladder unknown' : view.tier?.name ?? 'No tier known';
  return (
    <a href="#/tiers" className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${view.atRisk ? 'bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200' : 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300'}`}
      title={view.atRisk ? `${name} at risk — see Fee tiers` : `${name} over ${view.window.days} days — see Fee tiers`}>
      {view.atRisk && '⚠ '}{name}
    </a>
  );
}

export function ExchangeStanding({ rows, dark }: { rows: ExchangeRow[]; dark: boolean }) {
  const catalog = useExchangeCatalog();
  if (rows.length === 0) return <p className="text-sm text-slate-500">No volume yet. It appears here as soon as the first sync stores fills.</p>;
  const anyPartial = rows.some((row) => WINDOWS.some(({ key }) => row.partial[key].partial));
  return (
    <>
      <div className="hidden overflow-x-auto lg:block">
        <table className="w-full text-sm tabular-nums" data-testid="exchange-table">
          <caption className="sr-only">Volume, fees, maker share and fee tier per exchange</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
              <th scope="col" className="py-1 pr-3 font-medium">Exchange</th>
              <th scope="col" className="py-1 pr-3 font-medium">Fee tier</th>
              {WINDOWS.map((w) => <th key={w.key} scope="col" className="py-1 pr-3 text-right font-medium">{w.label}</th>)}
              <th scope="col" className="py-1 pr-3 text-right font-medium">Fees, 30 d</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Maker, 30 d</th>
              {/* The sparkline takes the table's spare width, so the figures sit together instead of spreading apart. */}
              <th scope="col" className="w-1/4 min-w-32 py-1 font-medium">Last 30 days</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid={`exchange-row-${row.id}`}>
                <th scope="row" className="py-2 pr-3 text-left font-medium"><span className="inline-flex items-center gap-2"><Swatch color={exchangeColor(catalog, row.id, dark)} />{catalog.name(row.id)}</span></th>
                <td className="py-2 pr-3"><TierBadge view={row.tier} /></td>
                {WINDOWS.map((w) => <td key={w.key} className="py-2 pr-3 text-right"><Volume window={row.windows[w.key]} partial={row.partial[w.key]} testId={`exchange-${row.id}-${w.key}`} /></td>)}
                <td className="whitespace-nowrap py-2 pr-3 text-right"><Fees window={row.windows.d30} /></td>
                <td className="py-2 pr-3 text-right">{row.makerShare === null ? '—' : formatPercent(row.makerShare)}</td>
                <td className="py-2"><Sparkline values={row.daily} days={row.days} color={exchangeColor(catalog, row.id, dark)} label={catalog.name(row.id)} testId={`sparkline-${row.id}`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:hidden" aria-label="Per exchange">
        {rows.map((row) => (
          <li key={row.id} className="min-w-0 rounded-lg border border-slate-100 p-3 dark:border-slate-800">
            <div className="flex items-center justify-between gap-2">
              <span className="inline-flex items-center gap-2 font-medium"><Swatch color={exchangeColor(catalog, row.id, dark)} />{catalog.name(row.id)}</span>
              <TierBadge view={row.tier} />
            </div>
            <Sparkline values={row.daily} days={row.days} color={exchangeColor(catalog, row.id, dark)} label={catalog.name(row.id)} />
            <dl className="mt-2 grid grid-cols-3 gap-x-3 gap-y-1 text-sm tabular-nums">
              {WINDOWS.map((w) => (
                <div key={w.key} className="min-w-0"><dt className="text-xs text-slate-500 dark:text-slate-400">{w.short}</dt><dd><Volume window={row.windows[w.key]} partial={row.partial[w.key]} /></dd></div>
              ))}
              <div className="min-w-0"><dt className="text-xs text-slate-500 dark:text-slate-400">Fees 30 d</dt><dd><Fees window={row.windows.d30} /></dd></div>
              <div className="min-w-0"><dt className="text-xs text-slate-500 dark:text-slate-400">Maker 30 d</dt><dd>{row.makerShare === null ? '—' : formatPercent(row.makerShare)}</dd></div>
            </dl>
          </li>
        ))}
      </ul>
      {anyPartial && <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">* partial: that exchange’s history is still downloading; the figure grows as the backfill reaches it.</p>}
    </>
  );
}
