/**
 * Keeps one account's private stream connected: connect, and on every drop reconnect with
 * jittered exponential back-off (reconnect-backoff.ts). It tells its owner three things — fills
 * arrived, the stream's state changed, and "the REST walker should look now" — on every ready
 * connection (what happened while we were away?), on a gap the exchange shows, on a stall and on a
 * clock jump. It never touches the store itself.
 */
import type { PerpvolError } from '../../core/errors.ts';
import { asPerpvolError } from '../../core/errors.ts';
import type { FillStreamSession, StreamedRows } from '../../connectors/stream/fill-stream.ts';
import { StreamConnection, type StreamConnectionOptions, type StreamEnd } from '../../connectors/stream/ws-connection.ts';
import { reconnectDelayMs, STABLE_CONNECTION_MS } from './reconnect-backoff.ts';

/** A stream refused for good (key rejected) is tried again after this, or at once when the key changes. */
export const PERMANENT_REFUSAL_RETRY_MS = 30 * 60_000;

export type StreamCondition =
  | { state: 'connecting' }
  | { state: 'live'; since: number }
  /** Down for now; `retryAt` is when the next attempt starts. */
  | { state: 'down'; reason: string; retryAt: number; refusedForGood: PerpvolError | null }
  | { state: 'stopped' };

export interface AccountStreamDeps {
  /** Reads the account and its secret and prepares one connection (fresh credentials each time). */
  prepare(signal: AbortSignal): Promise<FillStreamSession>;
  onFills(rows: StreamedRows): void;
  onCondition(condition: StreamCondition): void;
  /** The REST walker should run an incremental pass now (it is single-flight per account). */
  requestPass(reason: string): void;
  now?: () => number;
  random?: () => number;
  /** Replaces the back-off (tests that cycle a thousand connections). */
  backoffMs?: (failures: number) => number;
  connection?: StreamConnectionOptions;
}

export class AccountStream {
  private connection: StreamConnection | null = null;
  private preparing: AbortController | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private readyAt: number | null = null;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly deps: AccountStreamDeps) {
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    if (this.stopped || this.connection || this.preparing || this.retryTimer) return;
    void this.connect();
  }

  /** Drops the current connection and connects again at once (the key was replaced). */
  restart(): void {
    if (this.stopped) return;
    void this.teardown();
    this.failures = 0;
    void this.connect();
  }

  /**
   * Closes everything; no callback runs after this is called. Resolves once the socket is gone
   * (close handshake answered or cut after its grace period).
   */
  stop(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const gone = this.teardown();
    this.stopped = true;
    this.deps.onCondition({ state: 'stopped' });
    return gone;
  }

  private teardown(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.preparing?.abort();
    this.preparing = null;
    const connection = this.connection;
    this.connection = null;
    return connection?.close() ?? Promise.resolve();
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    const controller = new AbortController();
    this.preparing = controller;
    this.deps.onCondition({ state: 'connecting' });
    let session: FillStreamSession;
    try {
      session = await this.deps.prepare(controller.signal);
    } catch (error) {
      if (controller.signal.aborted || this.stopped) return;
      this.preparing = null;
      const problem = asPerpvolError(error);
      // Without a usable credential no retry can help; a REST-side outage may pass.
      const forGood = problem.kind === 'credentials_rejected' || problem.kind === 'bad_input';
      return this.retryLater(`the stream could not be prepared: ${problem.message}`, forGood ? problem : null);
    }
    if (controller.signal.aborted || this.stopped) return;
    this.preparing = null;
    const connection = new StreamConnection(
      session,
      {
        onReady: () => {
          if (this.connection !== connection) return;
          this.readyAt = this.now();
          this.deps.onCondition({ state: 'live', since: this.readyAt });
          // what happened while the stream was away is the REST walker's to find
          this.deps.requestPass('stream connected');
        },
        onFills: (rows) => {
          if (this.connection === connection) this.deps.onFills(rows);
        },
        onGap: (reason) => {
          if (this.connection === connection) this.deps.requestPass(reason);
        },
        onEnd: (end) => {
          if (this.connection !== connection) return;
          this.connection = null;
          this.ended(end);
        },
      },
      this.deps.connection,
    );
    this.connection = connection;
    connection.open();
  }

  private ended(end: StreamEnd): void {
    if (this.stopped || end.kind === 'closed_by_us') return;
    const wasStable = this.readyAt !== null && this.now() - this.readyAt >= STABLE_CONNECTION_MS;
    this.readyAt = null;
    if (wasStable) this.failures = 0;
    switch (end.kind) {
      case 'stalled':
        this.deps.requestPass('the stream stopped answering heartbeats');
        return this.retryLater('the stream stopped answering heartbeats', null);
      case 'clock_jump':
        this.deps.requestPass(end.detail);
        return this.retryLater(end.detail, null);
      case 'refused':
        return this.retryLater(end.error.message, end.permanent ? end.error : null);
      case 'unavailable':
        return this.retryLater(`no stream: ${end.detail}`, null);
      case 'dropped':
        return this.retryLater(`the stream dropped: ${end.detail}`, null);
    }
  }

  private retryLater(reason: string, refusedForGood: PerpvolError | null): void {
    const delay = refusedForGood ? PERMANENT_REFUSAL_RETRY_MS : (this.deps.backoffMs?.(this.failures) ?? reconnectDelayMs(this.failures, this.deps.random));
    this.failures++;
    this.deps.onCondition({ state: 'down', reason, retryAt: this.now() + delay, refusedForGood });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
