/**
 * One exchange's fee-tier standing: the tier and rates, what the next tier needs, progress, the
 * "trade $X/day to keep it" line, a warning when roll-off takes the tier within 48 hours, the
 * user's target (editable here), and what leaves the window on each coming day.
 */
import { useState } from 'react';
import type { ExchangeIdValue } from '../../../src-shared/schemas.ts';
import type { TierView } from '../../../src-shared/tier-schemas.ts';
import { toApiError } from '../api/api-client.ts';
import { useApi } from '../hooks/api-context.ts';
import { formatDay, formatDayShort, formatUsd, formatUsdExact } from '../lib/format.ts';
import {
  formatRate,
  formatWindow,
  keepSentence,
  kindsRelation,
  missingLadderSentence,
  nextTierSentence,
  parseTargetInput,
  progressToNext,
  riskSentence,
  rollOffRows,
  targetSentence,
  volumeLabel,
  whereFrom,
} from '../lib/tier-card-model.ts';
import { Button, cancelOnEscape, inputClass, ProgressBar, Swatch } from './ui.tsx';
import { useDark } from '../hooks/theme-context.ts';
import { exchangeColor } from '../lib/exchange-catalog.ts';
import { useExchangeCatalog } from '../hooks/exchanges-context.ts';

function TargetEditor({ exchange, view, onSaved }: { exchange: ExchangeIdValue; view: TierView; onSaved: () => void }) {
  const { client } = useApi();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(view.target ? String(view.target.volumeUsd) : view.nextTier ? String(view.nextTier.volumeUsd) : '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `target-${exchange}`;

  const save = async (volumeUsd: number | null) => {
    setBusy(true);
    try {
      await client.setTarget({ exchange, volumeUsd });
      setError(null);
      setEditing(false);
      onSaved();
    } catch (reason) {
      setError(toApiError(reason).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = () => {
    const parsed = parseTargetInput(text);
    if ('error' in parsed) return setError(parsed.error);
    void save(parsed.volumeUsd);
  };

  if (!editing) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm" data-testid={`tier-target-${exchange}`}>{targetSentence(view) ?? 'No target set.'}</span>
        <Button variant="secondary" onClick={() => setEditing(true)}>{view.target ? 'Change target' : 'Set target'}</Button>
        {view.target && <Button variant="secondary" disabled={busy} onClick={() => void save(null)}>Clear</Button>}
      </div>
    );
  }
  return (
    <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); submit(); }} onKeyDown={cancelOnEscape(() => setEditing(false))}>
      <div className="min-w-40 flex-1">
        <label htmlFor={id} className="block text-sm font-medium">{view.window.days}-day target (USD)</label>
        <input id={id} inputMode="decimal" autoFocus className={inputClass} value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. 25m"
          aria-invalid={error !== null} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <Button type="submit" disabled={busy}>Save</Button>
      <Button variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
      {error && <p id={`${id}-error`} className="w-full text-sm text-red-600 dark:text-red-400">{error}</p>}
    </form>
  );
}

function RollOffTable({ view }: { view: TierView }) {
  const [all, setAll] = useState(false);
  const rows = rollOffRows(view, all);
  const keepColumn = view.tier !== null && view.keep !== null;
  const reachColumn = view.nextTier !== null;
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full text-xs tabular-nums">
          <caption className="sr-only">What leaves the {view.window.days}-day window on each coming day (UTC)</caption>
          <thead>
            <tr className="text-left text-slate-500">
              <th scope="col" className="py-1 pr-3 font-medium">Day (UTC)</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Leaves window</th>
              {keepColumn && <th scope="col" className="py-1 pr-3 text-right font-medium">Keep {view.tier!.name}/day</th>}
              {reachColumn && <th scope="col" className="py-1 text-right font-medium">Reach {view.nextTier!.name}/day</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.date} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1 pr-3 text-left font-normal" title={formatDay(row.date)}>{formatDayShort(row.date)}</th>
                <td className="py-1 pr-3 text-right" title={formatUsdExact(row.volumeUsd)}>{formatUsd(row.volumeUsd)}</td>
                {keepColumn && <td className="py-1 pr-3 text-right">{row.keepPerDayUsd === null ? '—' : formatUsd(Math.ceil(row.keepPerDayUsd))}</td>}
                {reachColumn && <td className="py-1 text-right">{row.reachPerDayUsd === null ? '—' : formatUsd(Math.ceil(row.reachPerDayUsd))}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(keepColumn || reachColumn) && (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400" data-testid="roll-off-explained">
          {[keepColumn && `Keep ${view.tier!.name}/day`, reachColumn && `Reach ${view.nextTier!.name}/day`].filter(Boolean).join(', ')}: what to trade a day, every day from today through that day, to {keepColumn && reachColumn ? 'keep your tier or reach the next one' : keepColumn ? 'keep your tier' : 'reach the next tier'} on that day (rounded up to the dollar).
        </p>
      )}
      {view.rollOff.length > rows.length || all ? (
        <button type="button" className="mt-1 text-xs text-indigo-600 underline dark:text-indigo-400" onClick={() => setAll(!all)}>
          {all ? 'Show the first week' : `Show all ${view.rollOff.length} days`}
        </button>
      ) : null}
    </div>
  );
}

export function TierCard({ exchange, view, onChanged }: { exchange: ExchangeIdValue; view: TierView; onChanged: () => void }) {
  const catalog = useExchangeCatalog();
  const risk = riskSentence(view);
  const keep = keepSentence(view);
  const name = catalog.name(exchange);
  const dark = useDark();
  return (
    <section aria-labelledby={`tier-${exchange}-title`} data-testid={`tier-card-${exchange}`}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`tier-${exchange}-title`} className="flex items-center gap-2 text-base font-semibold"><Swatch color={exchangeColor(catalog, exchange, dark)} />{name}</h3>
        <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-sm font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300" data-testid={`tier-name-${exchange}`}>
          {!view.ladderKnown ? 'Ladder unknown' : view.tier?.name ?? 'No tier known'}
        </span>
      </div>

      {risk && <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200">⚠ {risk}</p>}

      <div className="tabular-nums">
        <div className="text-2xl font-semibold" title={formatUsdExact(view.volumeUsd)} data-usd={view.volumeUsd} data-testid={`tier-volume-${exchange}`}>{formatUsd(view.volumeUsd)}</div>
        <div className="text-xs text-slate-500 dark:text-slate-400">
          {volumeLabel(view, name)}, last {view.window.days} days ({formatWindow(view)}, UTC)
          {view.reportedVolumeUsd !== null && (
            <> · {name} {Math.abs(view.reportedVolumeUsd - view.volumeUsd) < 0.01 ? 'counts the same' : <>counts {formatUsd(view.reportedVolumeUsd)}</>}</>
          )}
        </div>
        {kindsRelation(view) && <div className="text-xs text-slate-500 dark:text-slate-400" data-testid={`tier-kinds-${exchange}`}>{kindsRelation(view)}</div>}
      </div>

      {view.tier && (
        <p className="text-sm">
          Rates: maker {formatRate(view.tier.makerRate)} · taker {formatRate(view.tier.takerRate)}
          <span className="block text-xs text-slate-500 dark:text-slate-400">{whereFrom(view)}</span>
        </p>
      )}

      <div className="space-y-1">
        <p className="text-sm" data-testid={`tier-needed-${exchange}`} data-usd={view.neededUsd ?? undefined}
          title={view.neededUsd ? `${formatUsdExact(view.neededUsd)} exactly` : undefined}>{nextTierSentence(view, name)}</p>
        {missingLadderSentence(view, name) && <p className="text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300" data-testid={`tier-ladder-missing-${exchange}`}>{missingLadderSentence(view, name)}</p>}
        {view.nextTier && (
          <>
            <ProgressBar fraction={progressToNext(view)} label={`Progress from ${view.tier?.name ?? 'the entry tier'} to ${view.nextTier.name}`} tone={view.neededUsd === 0 ? 'emerald' : 'indigo'} />
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {view.nextTier.name}: maker {formatRate(view.nextTier.makerRate)} · taker {formatRate(view.nextTier.takerRate)}
            </p>
          </>
        )}
        {keep && <p className="text-sm font-medium" data-testid={`tier-keep-${exchange}`}>{keep}</p>}
      </div>

      <TargetEditor exchange={exchange} view={view} onSaved={onChanged} />

      <RollOffTable view={view} />

      {view.exchangeError && (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {name} did not tell your tier: {view.exchangeError.message}
        </p>
      )}
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {view.counts}{' '}
        <a className="text-indigo-600 underline dark:text-indigo-400" href={view.docsUrl} target="_blank" rel="noreferrer">{name} fee tiers</a>
        {view.tierTableSource && view.tierTableAsOf && <> · tier table {formatDay(view.tierTableAsOf)}: {/^https:/.test(view.tierTableSource) ? <a className="underline" href={view.tierTableSource} target="_blank" rel="noreferrer">source</a> : view.tierTableSource}</>}
      </p>
    </section>
  );
}
