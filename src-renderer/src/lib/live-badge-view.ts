/**
 * What an account's live badge says (Account.live, see src-shared/schemas.ts LiveStateSchema):
 * "Live" while its private stream is connected, "Polling every 30 s" while Perpvol asks the REST
 * API instead, "Paused" when nothing gets through. The title carries why, and the newest fill seen.
 * Absent live state (a reader that keeps no account live) shows no badge at all.
 */
import type { Account } from '../../../src-shared/schemas.ts';
import { formatDateTime } from './format.ts';

export type LiveTone = 'live' | 'polling' | 'paused';

export interface LiveBadgeView {
  text: string;
  tone: LiveTone;
  /** For the title and screen readers: why, and the newest fill seen. */
  detail: string;
}

export function liveBadge(live: Account['live'], locale?: string): LiveBadgeView | null {
  if (!live) return null;
  const lastFill = live.lastFillAt ? `Newest fill seen: ${formatDateTime(live.lastFillAt, locale)}.` : 'No fill seen yet.';
  const why = live.detail ? `${live.detail} ` : '';
  switch (live.state) {
    case 'live':
      return { text: 'Live', tone: 'live', detail: `Connected to the exchange's live stream: new fills show within a second. ${lastFill}` };
    case 'polling':
      return { text: live.pollSeconds ? `Polling every ${pollInterval(live.pollSeconds)}` : 'Polling', tone: 'polling', detail: `${why}${lastFill}` };
    case 'paused':
      return { text: 'Paused', tone: 'paused', detail: `${why}${lastFill}` };
  }
}

/** 30 → "30 s", 300 → "5 min". */
function pollInterval(seconds: number): string {
  return seconds % 60 === 0 && seconds >= 120 ? `${seconds / 60} min` : `${seconds} s`;
}
