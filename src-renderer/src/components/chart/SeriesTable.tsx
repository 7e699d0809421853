/**
 * The range's volume per asset (or symbol, exchange, account, kind) under the chart. On a phone the
 * less important columns step aside and the table scrolls inside its own box, never the page.
 */
import { useState } from 'react';
import type { SeriesTotalsRow } from '../../lib/series-table.ts';
import { formatInteger, formatPercent, formatUsd, formatUsdExact } from '../../lib/format.ts';
import { Swatch } from '../ui.tsx';

/** Rows before "Show all": a long tail of symbols would push everything else far down. */
const ROWS_SHOWN = 15;

export function SeriesTable({ rows, caption, nameHeader }: { rows: SeriesTotalsRow[]; caption: string; nameHeader: string }) {
  const [all, setAll] = useState(false);
  if (rows.length === 0) return <p className="text-sm text-slate-500">No volume in this range.</p>;
  const shown = all ? rows : rows.slice(0, ROWS_SHOWN);
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm tabular-nums" data-testid="series-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
              <th scope="col" className="py-1 pr-3 font-medium">{nameHeader}</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Volume</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Share</th>
              <th scope="col" className="hidden py-1 pr-3 text-right font-medium sm:table-cell">Maker</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Fees</th>
              <th scope="col" className="hidden py-1 text-right font-medium sm:table-cell">Trades</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.key} className="border-t border-slate-100 dark:border-slate-800" data-series-key={row.key}>
                <th scope="row" className="max-w-48 py-1.5 pr-3 text-left font-normal">
                  <span className="flex min-w-0 items-center gap-2"><Swatch color={row.color} /><span className="truncate">{row.label}</span></span>
                </th>
                <td className="py-1.5 pr-3 text-right" title={formatUsdExact(row.volumeUsd)} data-usd={row.volumeUsd}>{formatUsd(row.volumeUsd)}</td>
                <td className="py-1.5 pr-3 text-right">{formatPercent(row.share)}</td>
                <td className="hidden py-1.5 pr-3 text-right sm:table-cell">{row.makerShare === null ? '—' : formatPercent(row.makerShare)}</td>
                <td className="py-1.5 pr-3 text-right" title={formatUsdExact(row.feesUsd)}>{formatUsd(row.feesUsd)}</td>
                <td className="hidden py-1.5 text-right sm:table-cell">{formatInteger(row.trades)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > ROWS_SHOWN && (
        <button type="button" className="mt-2 text-xs text-indigo-600 underline dark:text-indigo-400" onClick={() => setAll(!all)}>
          {all ? `Show the first ${ROWS_SHOWN}` : `Show all ${rows.length}`}
        </button>
      )}
    </div>
  );
}
