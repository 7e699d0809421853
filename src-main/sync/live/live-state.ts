/**
 * An account's live state (src-shared LiveState) from what the supervisor knows: the stream's
 * condition, whether anyone is watching, and the account's last sync result. Pure, so every rule
 * of "live / polling every N s / paused" is in one place and tested without sockets.
 */
import type { LiveState } from '../../../src-shared/schemas.ts';
import type { AccountStatus } from '../../store/store.ts';
import type { StreamCondition } from './live-machine-state.ts';

/** Poll at most this often while a client watches and no stream can be had (the bound). */
export const WATCHED_POLL_SECONDS = 30;

export interface LiveInputs {
  condition: StreamCondition;
  /** Streams switched off for this process (or the exchange offers none): polling only. */
  streamsEnabled: boolean;
  watched: boolean;
  /** Seconds between passes when nobody watches: the scheduler's interval (5 min by default). */
  idlePollSeconds: number;
  accountStatus: AccountStatus;
  accountError: string | null;
  lastFillTs: number | null;
  now: number;
}

export type LiveKind = LiveState['state'];

/** Seconds until the next REST pass is due for this state: the safety net while live, polling otherwise. */
export function pollSecondsFor(inputs: Pick<LiveInputs, 'condition' | 'watched' | 'idlePollSeconds'>): number {
  if (inputs.condition.state === 'live') return inputs.idlePollSeconds;
  return inputs.watched ? Math.min(WATCHED_POLL_SECONDS, inputs.idlePollSeconds) : inputs.idlePollSeconds;
}

export function liveStateOf(inputs: LiveInputs, since: number): LiveState {
  const lastFillAt = inputs.lastFillTs === null ? null : new Date(inputs.lastFillTs).toISOString();
  const base = { lastFillAt, since: new Date(since).toISOString() };
  const { condition } = inputs;
  if (condition.state === 'live') return { ...base, state: 'live', pollSeconds: null, detail: null };
  if (condition.state === 'stopped') return { ...base, state: 'paused', pollSeconds: null, detail: 'Perpvol is not keeping this account up to date in this process.' };
  // A stream refused for good and a REST sync failing too: nothing gets through until the key is fixed.
  if (condition.state === 'down' && condition.refusedForGood && inputs.accountStatus === 'error') {
    return { ...base, state: 'paused', pollSeconds: null, detail: `${inputs.accountError ?? condition.refusedForGood.message} Replace the key to resume.` };
  }
  return { ...base, state: 'polling', pollSeconds: pollSecondsFor(inputs), detail: pollingDetail(inputs) };
}

function pollingDetail(inputs: LiveInputs): string {
  if (!inputs.streamsEnabled) return 'Live streams are turned off; Perpvol asks the exchange at intervals.';
  const { condition } = inputs;
  if (condition.state === 'connecting') return 'Connecting to the exchange\'s live stream.';
  if (condition.state !== 'down') return '';
  const seconds = Math.max(0, Math.round((condition.retryAt - inputs.now) / 1000));
  return `${capitalize(condition.reason)}; trying the live stream again in ${seconds} s.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether two states differ in anything a person would see (not just `since`). */
export function sameLiveState(a: LiveState | null, b: LiveState): boolean {
  return a !== null && a.state === b.state && a.pollSeconds === b.pollSeconds && a.lastFillAt === b.lastFillAt && a.detail === b.detail;
}
