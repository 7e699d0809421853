/**
 * The costs per exchange, account or day: a table on wide screens, a card per row on a phone; under
 * each row what its numbers leave out or what they mean (tier gap and its causes, next tiers against
 * the cost of chasing them, unpriced token fees, volume without a side).
 */
import type { ReactElement } from 'react';
import type { CostRow } from '../../../../src-shared/cost-schemas.ts';
import { formatDecimalString, formatPercent, formatUsd, formatUsdExact } from '../../lib/format.ts';
import { exchangeColor } from '../../lib/exchange-catalog.ts';
import { Swatch } from '../ui.tsx';
import { useExchangeCatalog } from '../../hooks/exchanges-context.ts';

/** 0.00045 → "0.0450%": rates are fractions of notional; four decimals show a tenth of a basis point. */
export const formatRate = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(4)}%`);
const usd = (value: number | null): string => (value === null ? '—' : formatUsdExact(value));
const signedUsd = (value: number | null): string => (value === null ? '—' : `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatUsdExact(Math.abs(value))}`);
const muted = 'text-xs text-slate-500 dark:text-slate-400';

function Name({ row, dark }: { row: CostRow; dark: boolean }) {
  const catalog = useExchangeCatalog();
  return (
    <span className="inline-flex min-w-0 items-center gap-2">
      {row.exchange && <Swatch color={exchangeColor(catalog, row.exchange, dark)} />}
      <span className="truncate">{row.label}</span>
    </span>
  );
}

function Gap({ row }: { row: CostRow }) {
  if (row.vsTierUsd === null) return <span>—</span>;
  const tone = row.tierGap ? (row.vsTierUsd > 0 ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400') : '';
  return <span className={tone}>{signedUsd(row.vsTierUsd)}{row.tierGap ? ' ⚑' : ''}</span>;
}

/** What a row's figures mean beyond the columns; nothing when there is nothing to say. */
export function RowNotes({ row, range }: { row: CostRow; range: string }) {
  const notes: ReactElement[] = [];
  if (row.tier) {
    notes.push(
      <li key="tier">
        At <strong>{row.tier.name}</strong> ({row.tier.source === 'exchange' ? 'rates the exchange reports for you' : 'rates from the tier table'}): maker {formatRate(row.tier.makerRate)}, taker {formatRate(row.tier.takerRate)}.
        {' '}The same fills at those rates: {usd(row.tierCostUsd)}; you paid {usd(row.feesUsd)}.
      </li>,
    );
  }
  if (row.tierGap) {
    notes.push(
      <li key="gap" className="text-amber-800 dark:text-amber-300">
        <span className="font-medium">⚑ {signedUsd(row.vsTierUsd)} against your tier — likely because:</span>
        <ul className="ml-4 list-disc">{row.tierGap.causes.map((cause) => <li key={cause}>{cause}</li>)}</ul>
      </li>,
    );
  }
  if (row.tierNote) notes.push(<li key="note">{row.tierNote}</li>);
  for (const next of row.nextTiers) {
    const pays = next.savingsUsd !== null && next.chaseCostUsd !== null ? next.savingsUsd > next.chaseCostUsd : null;
    notes.push(
      <li key={`next-${next.name}`} data-testid="next-tier">
        <strong>{next.name}</strong> ({formatRate(next.makerRate)} / {formatRate(next.takerRate)})
        {next.savingsUsd === null ? ': its rates are not known.' : <> would have saved <strong>{formatUsdExact(next.savingsUsd)}</strong> {range}.</>}
        {' '}It needs {formatUsdExact(next.neededVolumeUsd)} more volume over the window
        {next.chaseCostUsd === null ? '.' : <>, costing about {formatUsdExact(next.chaseCostUsd)} at your fees per $1M{pays === null ? '.' : pays ? ' — the chase pays.' : ' — the chase costs more than it saves.'}</>}
      </li>,
    );
  }
  for (const fee of row.unpricedFees) {
    notes.push(<li key={`unpriced-${fee.currency}`}>Also {formatDecimalString(fee.amount)} {fee.currency} in fees over {fee.fills} fills: no USD price, so not in the fees above.</li>);
  }
  // a tier gap's causes already say it
  if (row.unknownSideVolumeUsd !== 0 && !row.tierGap) {
    notes.push(
      <li key="unknown">
        {formatUsdExact(row.unknownSideVolumeUsd)} of volume has no maker/taker side (imported without one): its {formatUsdExact(row.unknownSideFeesUsd)} of fees are in the fees, not in the maker or taker rate or share.
      </li>,
    );
  }
  if (notes.length === 0) return null;
  return <ul className={`mt-1 space-y-1 ${muted}`}>{notes}</ul>;
}

/** `notesOn`: which rows say what their figures leave out — each row, or (per day: too many rows) the total only. */
export function CostRows({ rows, total, range, dark, nameHeader, notesOn }: { rows: CostRow[]; total: CostRow; range: string; dark: boolean; nameHeader: string; notesOn: 'rows' | 'total' }) {
  const all = [...rows, total];
  return (
    <>
      <div className="hidden overflow-x-auto lg:block">
        <table className="w-full text-sm tabular-nums" data-testid="cost-table">
          <caption className="sr-only">Volume, fees, fees per $1M, effective rates and your tier per {nameHeader.toLowerCase()}</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
              <th scope="col" className="py-1 pr-3 font-medium">{nameHeader}</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Volume</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Fees</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Per $1M</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Maker rate</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Taker rate</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Maker share</th>
              <th scope="col" className="py-1 pr-3 font-medium">Tier</th>
              <th scope="col" className="py-1 text-right font-medium">Vs tier</th>
            </tr>
          </thead>
          <tbody>
            {all.map((row) => (
              <tr key={row.key} className={`border-t border-slate-100 align-top dark:border-slate-800 ${row === total ? 'font-semibold' : ''}`} data-testid={`cost-row-${row.key}`}>
                <th scope="row" className="max-w-md py-2 pr-3 text-left font-medium">
                  <Name row={row} dark={dark} />
                  {(row === total) === (notesOn === 'total') ? <RowNotes row={row} range={range} /> : null}
                </th>
                <td className="py-2 pr-3 text-right">{formatUsdExact(row.volumeUsd)}</td>
                <td className="py-2 pr-3 text-right">{formatUsdExact(row.feesUsd)}</td>
                <td className="py-2 pr-3 text-right" data-testid="per-million">{usd(row.feesPerMillionUsd)}</td>
                <td className="py-2 pr-3 text-right">{formatRate(row.makerRate)}</td>
                <td className="py-2 pr-3 text-right">{formatRate(row.takerRate)}</td>
                <td className="py-2 pr-3 text-right">{row.makerShare === null ? '—' : formatPercent(row.makerShare)}</td>
                <td className="py-2 pr-3">{row.tier?.name ?? '—'}</td>
                <td className="py-2 text-right"><Gap row={row} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:hidden" aria-label={`Per ${nameHeader.toLowerCase()}`}>
        {all.map((row) => (
          <li key={row.key} className="min-w-0 rounded-lg border border-slate-100 p-3 dark:border-slate-800" data-testid={`cost-card-${row.key}`}>
            <div className="flex items-center justify-between gap-2 font-medium">
              <Name row={row} dark={dark} />
              <span className="tabular-nums">{usd(row.feesPerMillionUsd)}<span className={muted}> /$1M</span></span>
            </div>
            <dl className="mt-2 grid grid-cols-3 gap-x-3 gap-y-1 text-sm tabular-nums">
              <div className="min-w-0"><dt className={muted}>Volume</dt><dd className="truncate" title={formatUsdExact(row.volumeUsd)}>{formatUsd(row.volumeUsd)}</dd></div>
              <div className="min-w-0"><dt className={muted}>Fees</dt><dd className="truncate">{formatUsdExact(row.feesUsd)}</dd></div>
              <div className="min-w-0"><dt className={muted}>Maker share</dt><dd>{row.makerShare === null ? '—' : formatPercent(row.makerShare)}</dd></div>
              <div className="min-w-0"><dt className={muted}>Maker rate</dt><dd>{formatRate(row.makerRate)}</dd></div>
              <div className="min-w-0"><dt className={muted}>Taker rate</dt><dd>{formatRate(row.takerRate)}</dd></div>
              <div className="min-w-0"><dt className={muted}>Vs {row.tier?.name ?? 'tier'}</dt><dd><Gap row={row} /></dd></div>
            </dl>
            {(row === total) === (notesOn === 'total') ? <RowNotes row={row} range={range} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
