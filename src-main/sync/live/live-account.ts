/**
 * Runs one account's live state machine (live-machine.ts): it owns what the machine may not — the
 * session being prepared, the socket, the two timers (reconnect, poll) and the batcher of streamed
 * rows — carries out each action, and turns what the socket, the timers and the owner report back
 * into events. It decides nothing itself.
 */
import type { LiveState } from '../../../src-shared/schemas.ts';
import { asPerpvolError } from '../../core/errors.ts';
import { StreamSession, type StreamSessionOptions } from '../../connectors/kit/stream-session.ts';
import type { FillStreamProtocol, StreamedRows } from '../../connectors/stream/fill-stream.ts';
import { FillBatcher } from './fill-batcher.ts';
import { liveStateOfMachine, transition, type LiveAction, type LiveConfig, type LiveEvent, type LiveMachineState, type LiveTimer } from './live-machine.ts';

/** What an event needs besides its own fields; the driver stamps the time. */
type Untimed<E> = E extends LiveEvent ? Omit<E, 'now'> : never;

export interface LiveAccountDeps {
  config: LiveConfig;
  initial: LiveMachineState;
  /** Reads the account and its secret and prepares one connection (fresh credentials each time). */
  prepare(signal: AbortSignal): Promise<FillStreamProtocol>;
  /** Writes streamed rows (one batch at a time, in order); answers the newest fill time written, if any. */
  write(rows: StreamedRows): Promise<number | null>;
  /** Starts an incremental REST pass: 'busy' when one is running already. */
  runPass(reason: string): 'started' | 'busy' | 'ignored';
  publish(live: LiveState): void;
  onError(error: unknown): void;
  now?: () => number;
  connection?: StreamSessionOptions;
}

export class LiveAccount {
  private state: LiveMachineState;
  private readonly now: () => number;
  private readonly timers = new Map<LiveTimer, NodeJS.Timeout>();
  private preparing: { attempt: number; controller: AbortController } | null = null;
  private session: { attempt: number; session: FillStreamProtocol } | null = null;
  private connection: { attempt: number; connection: StreamSession } | null = null;
  /** Close handshakes in flight; stop() waits for them. */
  private readonly closing = new Set<Promise<void>>();
  private readonly batcher: FillBatcher;
  private readonly queue: Untimed<LiveEvent>[] = [];
  private dispatching = false;

  constructor(private readonly deps: LiveAccountDeps) {
    this.state = deps.initial;
    this.now = deps.now ?? Date.now;
    this.batcher = new FillBatcher(async (rows) => {
      const newest = await deps.write(rows);
      if (newest !== null) this.dispatch({ type: 'fill_seen', ts: newest });
    }, deps.onError);
  }

  get liveState(): LiveState {
    return liveStateOfMachine(this.state, this.deps.config, this.now());
  }

  /** The machine's state, for tests and diagnostics. */
  get machine(): LiveMachineState {
    return this.state;
  }

  start(): void {
    this.dispatch({ type: 'start' });
  }

  /** Closes the stream and timers; resolves once the socket is gone and what it streamed is written. */
  async stop(): Promise<void> {
    this.dispatch({ type: 'stop' });
    await Promise.all([...this.closing, this.batcher.close()]);
  }

  /**
   * Feeds one event to the machine and carries out its actions. An event raised while actions are
   * carried out (a socket that fails as it opens) waits for them, so actions run in the order the
   * machine decided them.
   */
  dispatch(event: Untimed<LiveEvent>): void {
    this.queue.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const { state, actions } = transition(this.state, { ...next, now: this.now() } as LiveEvent, this.deps.config);
        this.state = state;
        for (const action of actions) this.execute(action);
      }
    } finally {
      this.dispatching = false;
    }
  }

  private execute(action: LiveAction): void {
    switch (action.type) {
      case 'prepare':
        return this.prepare(action.attempt);
      case 'open':
        return this.open(action.attempt);
      case 'close':
        return this.close();
      case 'set_timer':
        return this.setTimer(action.timer, action.delayMs, action.attempt);
      case 'clear_timer':
        return this.clearTimer(action.timer);
      case 'run_pass':
        if (this.deps.runPass(action.reason) === 'busy') this.dispatch({ type: 'pass_busy' });
        return;
      case 'commit':
        return this.batcher.add(action.rows);
      case 'flush':
        void this.batcher.flush();
        return;
      case 'publish':
        return this.deps.publish(action.live);
    }
  }

  private prepare(attempt: number): void {
    this.preparing?.controller.abort();
    const controller = new AbortController();
    this.preparing = { attempt, controller };
    this.deps.prepare(controller.signal).then(
      (session) => {
        if (controller.signal.aborted) return;
        this.preparing = null;
        this.session = { attempt, session };
        this.dispatch({ type: 'prepared', attempt });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.preparing = null;
        this.dispatch({ type: 'prepare_failed', attempt, error: asPerpvolError(error) });
      },
    );
  }

  private open(attempt: number): void {
    const prepared = this.session;
    this.session = null;
    if (!prepared || prepared.attempt !== attempt) return;
    const connection = new StreamSession(
      prepared.session,
      {
        onReady: () => this.dispatch({ type: 'ready', attempt }),
        onFills: (rows) => this.dispatch({ type: 'rows', attempt, rows }),
        onGap: (reason) => this.dispatch({ type: 'gap', attempt, reason }),
        onEnd: (end) => {
          if (this.connection?.connection === connection) this.connection = null;
          this.dispatch({ type: 'ended', attempt, end });
        },
      },
      this.deps.connection,
    );
    this.connection = { attempt, connection };
    connection.open();
  }

  private close(): void {
    this.preparing?.controller.abort();
    this.preparing = null;
    this.session = null;
    const open = this.connection;
    this.connection = null;
    if (!open) return;
    const gone = open.connection.close().catch(this.deps.onError);
    this.closing.add(gone);
    void gone.finally(() => this.closing.delete(gone));
  }

  private setTimer(timer: LiveTimer, delayMs: number, attempt: number): void {
    this.clearTimer(timer);
    const handle = setTimeout(() => {
      this.timers.delete(timer);
      this.dispatch(timer === 'retry' ? { type: 'retry_due', attempt } : { type: 'poll_due' });
    }, delayMs);
    // the poll is a safety net, never a reason to keep the process up; a reconnect is due work
    if (timer === 'poll') handle.unref();
    this.timers.set(timer, handle);
  }

  private clearTimer(timer: LiveTimer): void {
    const handle = this.timers.get(timer);
    if (handle) clearTimeout(handle);
    this.timers.delete(timer);
  }
}
