/** An account's sync state as a small pill: a coloured dot and words (the words carry the meaning, the colour repeats it). */
import type { Account, SyncStatus } from '../../../src-shared/schemas.ts';
import { syncStateOf, type SyncTone } from '../lib/sync-state.ts';

const TONES: Record<SyncTone, { pill: string; dot: string }> = {
  ok: { pill: 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200', dot: 'bg-emerald-500' },
  busy: { pill: 'bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200', dot: 'bg-indigo-500 animate-pulse' },
  warn: { pill: 'bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200', dot: 'bg-amber-500' },
  error: { pill: 'bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200', dot: 'bg-red-500' },
  idle: { pill: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300', dot: 'bg-slate-400' },
};

export function SyncStateBadge({ account, status, now }: { account: Account; status: SyncStatus | undefined; now: number }) {
  const view = syncStateOf(account, status, now);
  const tone = TONES[view.tone];
  return (
    <span className={`inline-flex max-w-full items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${tone.pill}`} title={view.detail ?? undefined}
      data-testid={`sync-state-${account.id}`} data-tone={view.tone}>
      <span aria-hidden="true" className={`h-1.5 w-1.5 shrink-0 rounded-full ${tone.dot}`} />
      <span className="truncate">{view.label}</span>
      {view.detail && <span className="sr-only">: {view.detail}</span>}
    </span>
  );
}
