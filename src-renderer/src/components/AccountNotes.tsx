/**
 * What an account carries besides its numbers, without alarming a healthy account: its notes
 * (history limits, key permissions, executions kept aside…) folded under one line — "2 notes ·
 * Bybit serves only the last two years of fills · …" — opened with a tap; and the fees it paid in
 * tokens Perpvol cannot price, as the overview counts them (all time, the page's kinds), in one
 * plain line instead of a warning with its own, differently counted figure.
 */
import type { ApiAccountNote, UnpricedFee } from '../../../src-shared/schemas.ts';
import { formatTokenAmount, formatInteger, unpricedFeesExact, withReadableDates } from '../lib/format.ts';
import { noteHeadline, notesToShow } from '../lib/account-notes.ts';

export function AccountNotes({ notes: accountNotes, unpricedAllTime }: { notes: readonly ApiAccountNote[]; unpricedAllTime: readonly UnpricedFee[] | undefined }) {
  const notes = notesToShow(accountNotes);
  return (
    <>
      {unpricedAllTime && unpricedAllTime.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="account-unpriced" title={`${unpricedFeesExact(unpricedAllTime)} (exact)`}>
          Fees in tokens Perpvol cannot price, all time:{' '}
          {unpricedAllTime.map((fee) => `${formatTokenAmount(fee.amount)} ${fee.currency} over ${formatInteger(fee.fills)} ${fee.fills === 1 ? 'fill' : 'fills'}`).join('; ')}
          {' '}— listed, not counted as $0 (the overview’s all-time figure).
        </p>
      )}
      {notes.length > 0 && (
        <details className="group rounded-lg border border-amber-200 bg-amber-50/60 text-sm text-amber-950 dark:border-amber-900/70 dark:bg-amber-950/40 dark:text-amber-100" data-testid="account-notes">
          <summary className="flex cursor-pointer list-none items-baseline gap-2 px-2 py-1.5 focus-visible:outline-2 focus-visible:outline-indigo-500 [&::-webkit-details-marker]:hidden">
            <span className="shrink-0 font-medium">{notes.length} {notes.length === 1 ? 'note' : 'notes'}</span>
            <span className="min-w-0 truncate text-xs text-amber-900/80 dark:text-amber-200/80">{notes.map(noteHeadline).join(' · ')}</span>
            <span aria-hidden="true" className="ml-auto shrink-0 text-xs group-open:rotate-180">▾</span>
          </summary>
          <ul className="space-y-1 border-t border-amber-200 px-2 py-1.5 dark:border-amber-900/70">
            {notes.map((note) => (
              <li key={note} role="note" className="[overflow-wrap:anywhere]" data-testid="account-warning">{withReadableDates(note)}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
