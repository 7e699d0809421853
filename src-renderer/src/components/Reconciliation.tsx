/**
 * Our volume beside the exchange's own report: the badge on an account card, the notice that the
 * exchange withholds older fills (with the import that fills the gap), and a per-day table where
 * every difference stands out.
 */
import { useExchangeCatalog, useExchangeInfo, useExchanges } from '../hooks/exchanges-context.ts';
import { useState } from 'react';
import type { AccountReconciliation } from '../../../src-shared/schemas.ts';
import { formatDateTime, formatDay, formatUsdExact } from '../lib/format.ts';
import { allTimeDifference, differs, hasReport, historyCertainlyIncomplete, historyNotice, reconciliationBadge } from '../lib/reconciliation-view.ts';
import { ImportCsvForm } from './ImportCsvForm.tsx';
import { Button, Card } from './ui.tsx';

export function ReconciliationBadge({ reconciliation }: { reconciliation: AccountReconciliation | undefined }) {
  const catalog = useExchangeCatalog();
  const badge = reconciliation ? reconciliationBadge(reconciliation, catalog.name(reconciliation.exchange)) : null;
  if (!badge) return null;
  const colours = badge.tone === 'ok'
    ? 'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-900'
    : 'bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-900';
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${colours}`}
      title={badge.detail} data-testid="reconciliation-badge" data-tone={badge.tone}>
      {badge.text}<span className="sr-only">: {badge.detail}</span>
    </span>
  );
}

/** "Hyperliquid only serves your 10,000 most recent fills; …" with what to do about it. */
export function HistoryNotice({ reconciliation, showLabel = false, onImport }: { reconciliation: AccountReconciliation; showLabel?: boolean; onImport?: () => void }) {
  const exchangeInfo = useExchangeInfo(reconciliation.exchange);
  const notice = historyNotice(reconciliation, exchangeInfo);
  if (!notice) return null;
  return (
    <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
      data-testid={`history-notice-${reconciliation.accountId}`}>
      <p className="font-medium">{showLabel && `${reconciliation.label}: `}{notice.text}</p>
      <p className="mt-1">{notice.guidance}</p>
      {notice.importable && onImport && (
        <div className="mt-2"><Button variant="secondary" onClick={onImport} ariaLabel={`Import a CSV export into ${reconciliation.label}`}>Import CSV export…</Button></div>
      )}
    </div>
  );
}

/**
 * The notice plus its import form. The form lives beside the notice, not in it: a complete import
 * makes the notice go away, and the result must stay in view.
 */
function HistoryGap({ r, onImported }: { r: AccountReconciliation; onImported: (() => void) | undefined }) {
  const [importing, setImporting] = useState(false);
  return (
    <>
      <HistoryNotice reconciliation={r} {...(onImported && !importing ? { onImport: () => setImporting(true) } : {})} />
      {importing && onImported && (
        <ImportCsvForm target={{ accountId: r.accountId, exchange: r.exchange, label: r.label }} onImported={onImported} onClose={() => setImporting(false)} />
      )}
    </>
  );
}

function Usd({ value, testId, strong }: { value: number | null; testId: string; strong?: boolean }) {
  return (
    <span className={`tabular-nums ${strong ? 'font-semibold' : ''}`} data-testid={testId} data-usd={value ?? undefined}>
      {value === null ? '—' : formatUsdExact(value)}
    </span>
  );
}

/** A figure the exchange reports over a window (Paradex's 14-day fee-tier volume) beside ours over the same UTC days. */
function ReportedWindows({ r }: { r: AccountReconciliation }) {
  const catalog = useExchangeCatalog();
  if (r.reportedWindows.length === 0) return null;
  return (
    <ul className="space-y-2 text-sm" data-testid="reconciliation-windows">
      {r.reportedWindows.map((window) => {
        const off = differs(window.differenceUsd);
        return (
          <li key={window.key} data-window={window.key} data-mismatch={off || undefined}
            className={`rounded-lg border p-3 ${off ? 'border-amber-300 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/60' : 'border-slate-100 dark:border-slate-800'}`}>
            {/* On a phone the two long labels come first and the three figures share one row. */}
            <div className="mb-2 space-y-1 text-xs text-slate-500 sm:hidden"><p>{window.label}</p><p>{window.oursLabel}</p></div>
            <dl className="grid grid-cols-3 gap-2">
              <div><dt className="text-xs text-slate-500"><span className="sm:hidden">{catalog.name(r.exchange)}</span><span className="hidden sm:inline">{window.label}</span></dt><dd><Usd value={window.reportedUsd} testId="window-reported" strong /></dd></div>
              <div><dt className="text-xs text-slate-500"><span className="sm:hidden">Perpvol</span><span className="hidden sm:inline">{window.oursLabel}</span></dt><dd><Usd value={window.oursUsd} testId="window-ours" strong /></dd></div>
              <div><dt className="text-xs text-slate-500">Difference</dt><dd className={off ? 'text-amber-700 dark:text-amber-300' : ''}><Usd value={window.differenceUsd} testId="window-difference" /></dd></div>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

function AccountReconciliationView({ r, onImported }: { r: AccountReconciliation; onImported: (() => void) | undefined }) {
  const catalog = useExchangeCatalog();
  const exchange = catalog.name(r.exchange);
  const difference = allTimeDifference(r);
  return (
    <section className="space-y-3 py-4" aria-label={`${r.label}: ours vs ${exchange}`} data-testid={`reconciliation-${r.accountId}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium">{r.label} <span className="text-sm font-normal text-slate-500">{exchange}</span></h3>
        <ReconciliationBadge reconciliation={r} />
      </div>
      {/* Three short figures side by side, on a phone too: a column of them made the page twice as long. */}
      <dl className="grid grid-cols-3 gap-2 text-xs [overflow-wrap:anywhere] sm:gap-3 sm:text-sm">
        <div><dt className="text-xs uppercase tracking-wide text-slate-500">Ours, all time</dt><dd><Usd value={r.oursAllTimeUsd} testId="ours-all-time" strong /></dd></div>
        <div><dt className="text-xs uppercase tracking-wide text-slate-500">{exchange} reports</dt><dd><Usd value={r.reportedAllTimeUsd} testId="reported-all-time" strong /></dd></div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Difference</dt>
          <dd className={difference !== null && differs(difference) ? 'text-amber-700 dark:text-amber-300' : ''}><Usd value={difference} testId="all-time-difference" /></dd>
        </div>
      </dl>
      <ReportedWindows r={r} />
      <HistoryGap r={r} onImported={onImported} />
      {r.days.length > 0 && (
        <div className="max-h-56 overflow-y-auto rounded-lg border border-slate-100 sm:max-h-80 dark:border-slate-800">
          <table className="w-full text-sm tabular-nums" data-testid="reconciliation-days">
            <caption className="sr-only">Volume per UTC day, ours and {exchange}'s own report</caption>
            <thead className="sticky top-0 bg-white dark:bg-slate-900">
              <tr className="text-left text-slate-500">
                <th scope="col" className="px-3 py-1 font-medium">Day (UTC)</th>
                <th scope="col" className="px-3 py-1 text-right font-medium">Ours</th>
                <th scope="col" className="px-3 py-1 text-right font-medium" title={r.reportedDailyLabel ?? undefined}>
                  {/* On a phone the long label would wrap over six lines: the exchange's name here, the label under the table. */}
                  <span className="sm:hidden">{exchange}{r.reportedDailyLabel ? '*' : ''}</span><span className="hidden sm:inline">{r.reportedDailyLabel ?? exchange}</span>
                </th>
                <th scope="col" className="px-3 py-1 text-right font-medium">Difference</th>
              </tr>
            </thead>
            <tbody>
              {[...r.days].reverse().map((day) => {
                const off = differs(day.differenceUsd);
                return (
                  <tr key={day.date} data-date={day.date} data-mismatch={off || undefined}
                    className={`border-t border-slate-100 dark:border-slate-800 ${off ? 'bg-amber-50 font-medium text-amber-900 dark:bg-amber-950/60 dark:text-amber-200' : ''}`}>
                    <th scope="row" className="whitespace-nowrap px-3 py-1 text-left font-normal">{formatDay(day.date)}</th>
                    <td className="px-3 py-1 text-right"><Usd value={day.oursUsd} testId="day-ours" /></td>
                    <td className="px-3 py-1 text-right"><Usd value={day.reportedUsd} testId="day-reported" /></td>
                    <td className="px-3 py-1 text-right">{off ? <>⚠ <Usd value={day.differenceUsd} testId="day-difference" /></> : <span className="text-slate-400">—</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {r.days.length > 0 && r.reportedDailyLabel && <p className="text-xs text-slate-500 sm:hidden">* {r.reportedDailyLabel}</p>}
      {r.reportedAsOf && <p className="text-xs text-slate-500">{exchange} reported these numbers at {formatDateTime(r.reportedAsOf)}; days are UTC.</p>}
    </section>
  );
}

/** `onImported`: called after a CSV import stored fills (the notices then offer the import). */
export function ReconciliationPanel({ accounts, onImported }: { accounts: AccountReconciliation[]; onImported?: () => void }) {
  const catalog = useExchangeCatalog();
  const reported = accounts.filter(hasReport);
  const withholds = (r: AccountReconciliation) => r.historyLimitedBefore !== null || r.historyGaps.length > 0;
  const limited = accounts.filter((r) => !hasReport(r) && withholds(r));
  const silent = accounts.filter((r) => !hasReport(r) && !withholds(r));
  const exchanges = useExchanges();
  if (accounts.length === 0) return null;
  return (
    <Card title="Ours vs the exchange">
      <div data-testid="reconciliation-panel">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Where an exchange reports its own volume, Perpvol shows it beside its count so you can trust the number and see when history is missing.
        </p>
        <div className="divide-y divide-slate-100 dark:divide-slate-800">
          {reported.map((r) => <AccountReconciliationView key={r.accountId} r={r} onImported={onImported} />)}
          {limited.map((r) => historyCertainlyIncomplete(r, exchanges.find((info) => info.id === r.exchange)) ? (
            <section key={r.accountId} className="space-y-2 py-4" data-testid={`reconciliation-${r.accountId}`}>
              <h3 className="font-medium">{r.label} <span className="text-sm font-normal text-slate-500">{catalog.name(r.exchange)}</span></h3>
              <HistoryGap r={r} onImported={onImported} />
            </section>
          ) : (
            // Only a horizon ("if you traded before …"): the same note the account card folds; folded here too.
            <details key={r.accountId} className="py-3" data-testid={`reconciliation-${r.accountId}`}>
              <summary className="cursor-pointer text-sm focus-visible:outline-2 focus-visible:outline-indigo-500">
                <span className="font-medium">{r.label}</span> <span className="text-slate-500">{catalog.name(r.exchange)} · older history not served</span>
              </summary>
              <div className="mt-2"><HistoryGap r={r} onImported={onImported} /></div>
            </details>
          ))}
        </div>
        {silent.length > 0 && (
          <p className="pt-3 text-xs text-slate-500">
            {silent.map((r) => r.label).join(', ')}: {silent.length === 1 ? 'this exchange does' : 'these exchanges do'} not report a volume total of {silent.length === 1 ? 'its' : 'their'} own, so there is nothing to compare with.
          </p>
        )}
      </div>
    </Card>
  );
}
