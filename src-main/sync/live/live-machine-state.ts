/**
 * What one account's live state machine (live-machine.ts) knows: where its stream connection is,
 * what it last heard of REST passes and fills, and the live state it last published. Plain data.
 */
import type { LiveState } from '../../../src-shared/schemas.ts';
import type { PerpvolError } from '../../core/errors.ts';
import { noStreamedRows, type StreamedRows } from '../../connectors/stream/fill-stream.ts';
import type { AccountStatus } from '../../store/store.ts';
import { liveStateOf } from './live-state.ts';

/** The stream's condition as the live state reads it (live-state.ts). */
export type StreamCondition =
  | { state: 'connecting' }
  | { state: 'live'; since: number }
  /** Down for now; `retryAt` is when the next attempt starts. */
  | { state: 'down'; reason: string; retryAt: number; refusedForGood: PerpvolError | null }
  | { state: 'stopped' };

/** Where the account's one stream connection is. `attempt` numbers connections; events of an older one are stale. */
export type StreamPhase =
  /** Streams are off for this process: REST polling only. */
  | { phase: 'off'; since: number }
  /** Reading the account's key and preparing the session (a Paradex JWT, a WOO X application id). */
  | { phase: 'preparing'; attempt: number }
  /** The socket is opening: auth and subscribe not yet answered. */
  | { phase: 'opening'; attempt: number }
  | { phase: 'live'; attempt: number; readyAt: number }
  /** Down; the next attempt starts at `retryAt` (the retry timer). */
  | { phase: 'waiting'; attempt: number; retryAt: number; reason: string; refusedForGood: PerpvolError | null }
  /** Removed, or the process stops: nothing more happens. */
  | { phase: 'closed' };

export interface LiveMachineState {
  stream: StreamPhase;
  attempt: number;
  /** Failed attempts since the last stable connection: the back-off's exponent. */
  failures: number;
  /** Since when the stream's condition has been what it is (LiveState.since). */
  since: number;
  watched: boolean;
  account: { status: AccountStatus; error: string | null };
  lastFillTs: number | null;
  /** When the last REST pass ended, whoever ran it: the next poll is due an interval after it. */
  lastPassEndedAt: number;
  /** A pass was asked for while one ran: it runs again right after (the running one may have started too early). */
  passWanted: boolean;
  /** Streamed rows wait for the account's first REST page (its sync state), so the stored-fills counter stays exact. */
  hasSyncState: boolean;
  early: StreamedRows;
  /** When the poll timer is set to fire, or null when none is set (paused, closed). */
  pollDueAt: number | null;
  published: LiveState | null;
}

export interface LiveConfig {
  streamsEnabled: boolean;
  /** Seconds between passes when nobody watches (the scheduler's interval). */
  idlePollSeconds: number;
  /** Delay before reconnect attempt `failures` (0 = first retry); jittered by whoever supplies it. */
  backoffMs(failures: number): number;
}

export function initialLiveState(input: {
  now: number;
  account: { status: AccountStatus; error: string | null };
  lastPassEndedAt: number;
  lastFillTs: number | null;
  hasSyncState: boolean;
  watched: boolean;
}): LiveMachineState {
  return {
    stream: { phase: 'closed' },
    attempt: 0,
    failures: 0,
    since: input.now,
    watched: input.watched,
    account: input.account,
    lastFillTs: input.lastFillTs,
    lastPassEndedAt: input.lastPassEndedAt,
    passWanted: false,
    hasSyncState: input.hasSyncState,
    early: noStreamedRows(),
    pollDueAt: null,
    published: null,
  };
}

export function conditionOf(stream: StreamPhase): StreamCondition {
  switch (stream.phase) {
    case 'off':
      return { state: 'down', reason: 'live streams are turned off', retryAt: stream.since, refusedForGood: null };
    case 'preparing':
    case 'opening':
      return { state: 'connecting' };
    case 'live':
      return { state: 'live', since: stream.readyAt };
    case 'waiting':
      return { state: 'down', reason: stream.reason, retryAt: stream.retryAt, refusedForGood: stream.refusedForGood };
    case 'closed':
      return { state: 'stopped' };
  }
}

/** The account's live state as a person sees it, at `now`. */
export function liveStateOfMachine(state: LiveMachineState, config: LiveConfig, now: number): LiveState {
  return liveStateOf(
    {
      condition: conditionOf(state.stream),
      streamsEnabled: config.streamsEnabled,
      watched: state.watched,
      idlePollSeconds: config.idlePollSeconds,
      accountStatus: state.account.status,
      accountError: state.account.error,
      lastFillTs: state.lastFillTs,
      now,
    },
    state.since,
  );
}
