/** An account's live state as a small badge beside its name (lib/live-badge-view.ts says what it reads). */
import type { Account } from '../../../src-shared/schemas.ts';
import { liveBadge, type LiveTone } from '../lib/live-badge-view.ts';

const TONES: Record<LiveTone, string> = {
  live: 'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-900',
  polling: 'bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700',
  paused: 'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-900',
};

export function LiveBadge({ live }: { live: Account['live'] }) {
  const badge = liveBadge(live);
  if (!badge) return null;
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[badge.tone]}`}
      title={badge.detail} data-testid="live-badge" data-state={badge.tone}>
      {badge.tone === 'live' && <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-emerald-500" />}
      {badge.text}<span className="sr-only">: {badge.detail}</span>
    </span>
  );
}
