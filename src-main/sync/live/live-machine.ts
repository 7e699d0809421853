/**
 * One account's live updates as a pure state machine: `transition(state, event, config)` returns
 * the next state and the actions to carry out — it opens no socket, sets no timer and reads no
 * store (live-account.ts does, and reports back as events). Every rule of "connect, reconnect with
 * back-off, ask the REST walker to look, poll while there is no stream, say what the account's
 * live state is" lives here and is tested event by event (docs/architecture-write-path.md has the
 * table of states, events and actions).
 */
import type { LiveState } from '../../../src-shared/schemas.ts';
import type { PerpvolError } from '../../core/errors.ts';
import { noStreamedRows, type StreamedRows } from '../../connectors/stream/fill-stream.ts';
import type { StreamEnd } from '../../connectors/kit/stream-session.ts';
import type { AccountStatus } from '../../store/store.ts';
import { conditionOf, liveStateOfMachine, type LiveConfig, type LiveMachineState, type StreamCondition } from './live-machine-state.ts';
import { pollSecondsFor, sameLiveState } from './live-state.ts';
import { STABLE_CONNECTION_MS } from './reconnect-backoff.ts';

export { initialLiveState, liveStateOfMachine, type LiveConfig, type LiveMachineState, type StreamCondition, type StreamPhase } from './live-machine-state.ts';

/** A stream refused for good (key rejected) is tried again after this, or at once when the key changes. */
export const PERMANENT_REFUSAL_RETRY_MS = 30 * 60_000;

export type LiveEvent =
  | { type: 'start'; now: number }
  | { type: 'prepared'; attempt: number; now: number }
  | { type: 'prepare_failed'; attempt: number; error: PerpvolError; now: number }
  | { type: 'ready'; attempt: number; now: number }
  | { type: 'rows'; attempt: number; rows: StreamedRows; now: number }
  | { type: 'gap'; attempt: number; reason: string; now: number }
  | { type: 'ended'; attempt: number; end: StreamEnd; now: number }
  | { type: 'retry_due'; attempt: number; now: number }
  | { type: 'poll_due'; now: number }
  /** The pass asked for could not start: one is running already. */
  | { type: 'pass_busy'; now: number }
  | { type: 'pass_ended'; account: { status: AccountStatus; error: string | null }; now: number }
  /** The account's first REST page is stored. */
  | { type: 'sync_state_seen'; now: number }
  /** A fill this new is stored (streamed or by another path). */
  | { type: 'fill_seen'; ts: number; now: number }
  | { type: 'watched'; watched: boolean; now: number }
  | { type: 'key_replaced'; now: number }
  /** The account is removed, or the process stops (SIGTERM, lease lost). */
  | { type: 'stop'; now: number };

export type LiveTimer = 'retry' | 'poll';

export type LiveAction =
  | { type: 'prepare'; attempt: number }
  | { type: 'open'; attempt: number }
  /** Ends the connection being prepared or open (a close handshake, not a cut). */
  | { type: 'close' }
  | { type: 'set_timer'; timer: LiveTimer; delayMs: number; attempt: number }
  | { type: 'clear_timer'; timer: LiveTimer }
  | { type: 'run_pass'; reason: string }
  | { type: 'commit'; rows: StreamedRows }
  /** Writes what the batcher holds; nothing streamed is thrown away. */
  | { type: 'flush' }
  | { type: 'publish'; live: LiveState };

export interface Transition {
  state: LiveMachineState;
  actions: LiveAction[];
}

const isCurrent = (state: LiveMachineState, attempt: number): boolean => state.stream.phase !== 'closed' && state.stream.phase !== 'off' && state.attempt === attempt;

export function transition(state: LiveMachineState, event: LiveEvent, config: LiveConfig): Transition {
  if (state.stream.phase === 'closed' && event.type !== 'start') return { state, actions: [] };
  const step = new Step(state, config);
  step.apply(event);
  return step.finish(event.now);
}

/** One transition being worked out: the state as it changes, and the actions it asks for. */
class Step {
  readonly actions: LiveAction[] = [];
  private readonly before: StreamCondition['state'];

  constructor(
    private state: LiveMachineState,
    private readonly config: LiveConfig,
  ) {
    this.before = conditionOf(state.stream).state;
  }

  private set(patch: Partial<LiveMachineState>): void {
    this.state = { ...this.state, ...patch };
  }

  apply(event: LiveEvent): void {
    const s = this.state;
    switch (event.type) {
      case 'start':
        if (this.config.streamsEnabled) this.connect();
        else this.set({ stream: { phase: 'off', since: event.now } });
        return;
      case 'prepared':
        if (isCurrent(s, event.attempt) && s.stream.phase === 'preparing') {
          this.set({ stream: { phase: 'opening', attempt: event.attempt } });
          this.actions.push({ type: 'open', attempt: event.attempt });
        }
        return;
      case 'prepare_failed': {
        if (!isCurrent(s, event.attempt) || s.stream.phase !== 'preparing') return;
        // Without a usable credential no retry can help; a REST-side outage may pass.
        const forGood = event.error.kind === 'credentials_rejected' || event.error.kind === 'bad_input';
        return this.retryLater(`the stream could not be prepared: ${event.error.message}`, forGood ? event.error : null, event.now);
      }
      case 'ready':
        if (!isCurrent(s, event.attempt) || s.stream.phase !== 'opening') return;
        this.set({ stream: { phase: 'live', attempt: event.attempt, readyAt: event.now } });
        // what happened while the stream was away is the REST walker's to find
        return this.runPass('stream connected');
      case 'rows':
        if (!isCurrent(s, event.attempt)) return;
        if (s.hasSyncState) this.actions.push({ type: 'commit', rows: event.rows });
        else this.set({ early: joinRows(s.early, event.rows) });
        return;
      case 'gap':
        if (isCurrent(s, event.attempt)) this.runPass(event.reason);
        return;
      case 'ended':
        if (isCurrent(s, event.attempt) && (s.stream.phase === 'opening' || s.stream.phase === 'live')) this.ended(event.end, event.now);
        return;
      case 'retry_due':
        if (isCurrent(s, event.attempt) && s.stream.phase === 'waiting') this.connect();
        return;
      case 'poll_due':
        return this.runPass('poll');
      case 'pass_busy':
        return this.set({ passWanted: true });
      case 'pass_ended':
        this.set({ lastPassEndedAt: event.now, account: event.account });
        if (s.passWanted) this.runPass('asked for during the last pass');
        return;
      case 'sync_state_seen':
        if (s.hasSyncState) return;
        this.set({ hasSyncState: true, early: noStreamedRows() });
        if (!isEmpty(s.early)) this.actions.push({ type: 'commit', rows: s.early });
        return;
      case 'fill_seen':
        if (s.lastFillTs === null || event.ts > s.lastFillTs) this.set({ lastFillTs: event.ts });
        return;
      case 'watched':
        return this.set({ watched: event.watched });
      case 'key_replaced':
        // the old key may be revoked already: drop the connection and connect with the new one now
        if (s.stream.phase === 'off') return;
        if (s.stream.phase === 'waiting') this.actions.push({ type: 'clear_timer', timer: 'retry' });
        else this.actions.push({ type: 'close' });
        this.set({ failures: 0 });
        return this.connect();
      case 'stop':
        this.actions.push({ type: 'clear_timer', timer: 'retry' }, { type: 'clear_timer', timer: 'poll' }, { type: 'close' }, { type: 'flush' });
        this.set({ stream: { phase: 'closed' }, pollDueAt: null });
        return;
    }
  }

  private connect(): void {
    const attempt = this.state.attempt + 1;
    this.set({ attempt, stream: { phase: 'preparing', attempt } });
    this.actions.push({ type: 'prepare', attempt });
  }

  private runPass(reason: string): void {
    this.set({ passWanted: false });
    this.actions.push({ type: 'run_pass', reason });
  }

  private ended(end: StreamEnd, now: number): void {
    const stream = this.state.stream;
    const wasStable = stream.phase === 'live' && now - stream.readyAt >= STABLE_CONNECTION_MS;
    if (wasStable) this.set({ failures: 0 });
    switch (end.kind) {
      case 'closed_by_us':
        return;
      case 'stalled':
        this.runPass('the stream stopped answering heartbeats');
        return this.retryLater('the stream stopped answering heartbeats', null, now);
      case 'clock_jump':
        this.runPass(end.detail);
        return this.retryLater(end.detail, null, now);
      case 'refused':
        return this.retryLater(end.error.message, end.permanent ? end.error : null, now);
      case 'unavailable':
        return this.retryLater(`no stream: ${end.detail}`, null, now);
      case 'dropped':
        return this.retryLater(`the stream dropped: ${end.detail}`, null, now);
    }
  }

  private retryLater(reason: string, refusedForGood: PerpvolError | null, now: number): void {
    const delayMs = refusedForGood ? PERMANENT_REFUSAL_RETRY_MS : this.config.backoffMs(this.state.failures);
    const attempt = this.state.attempt;
    this.set({ failures: this.state.failures + 1, stream: { phase: 'waiting', attempt, retryAt: now + delayMs, reason, refusedForGood } });
    this.actions.push({ type: 'set_timer', timer: 'retry', delayMs, attempt });
  }

  /** What every transition ends with: `since` when the condition changed, the poll timer, and the published state. */
  finish(now: number): Transition {
    if (conditionOf(this.state.stream).state !== this.before) this.set({ since: now });
    if (this.state.stream.phase !== 'closed') {
      this.plan(now);
      const live = liveStateOfMachine(this.state, this.config, now);
      if (!sameLiveState(this.state.published, live)) {
        this.set({ published: live });
        this.actions.push({ type: 'publish', live });
      }
    }
    return { state: this.state, actions: this.actions };
  }

  /** The next REST pass is due an interval after the last one ended; none while paused. */
  private plan(now: number): void {
    const paused = liveStateOfMachine(this.state, this.config, now).state === 'paused';
    const intervalMs = pollSecondsFor({ condition: conditionOf(this.state.stream), watched: this.state.watched, idlePollSeconds: this.config.idlePollSeconds }) * 1000;
    const dueAt = paused ? null : this.state.lastPassEndedAt + intervalMs;
    if (dueAt === this.state.pollDueAt) return;
    this.set({ pollDueAt: dueAt });
    if (dueAt === null) this.actions.push({ type: 'clear_timer', timer: 'poll' });
    else this.actions.push({ type: 'set_timer', timer: 'poll', delayMs: Math.max(0, dueAt - now), attempt: this.state.attempt });
  }
}

const isEmpty = (rows: StreamedRows): boolean => rows.fills.length === 0 && rows.unclassified.length === 0 && rows.bustedTradeIds.length === 0;

function joinRows(a: StreamedRows, b: StreamedRows): StreamedRows {
  return { fills: [...a.fills, ...b.fills], unclassified: [...a.unclassified, ...b.unclassified], bustedTradeIds: [...a.bustedTradeIds, ...b.bustedTradeIds] };
}
