/**
 * Drives one FillStreamSession over one real WebSocket (the `ws` package: RFC 6455 framing,
 * protocol pings and pongs, close handshakes). It owns every timer and listener of the connection
 * and releases all of them, exactly once, when the connection ends for any reason — a supervisor
 * that reconnects a thousand times leaves nothing behind.
 *
 * It watches three things the exchange cannot tell us by itself:
 * - a handshake that never completes (auth or subscribe unanswered): the connection is dropped;
 * - a heartbeat left unanswered: with nothing else arriving either (a silent stall: TCP up, nothing
 *   flowing) the connection is dropped as `stalled`; with other frames arriving, the exchange's side
 *   of the stream skipped our frame for a while and may have skipped fills too: a gap, the REST
 *   walker looks (only the answer to our heartbeat proves it was heard — other traffic does not);
 * - a clock jump (the machine slept, or the wall clock was set): the socket may look alive while
 *   fills went by unseen, so the connection ends as `clock_jump` and the REST walker looks.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { PerpvolError } from '../../core/errors.ts';
import type { FillStreamSession, StreamedRows } from './fill-stream.ts';

/** Auth + subscribe must be answered within this; exchanges answer in well under a second. */
export const HANDSHAKE_TIMEOUT_MS = 15_000;
/** Wall clock and monotonic clock drifting apart by more than this between ticks is a clock jump. */
export const CLOCK_JUMP_TOLERANCE_MS = 5_000;
/** How long a close we start waits for the exchange's close frame before the socket is cut. */
export const CLOSE_GRACE_MS = 1_000;
/** RFC 6455 §7.4.1: "normal closure" — we are done with this connection. */
const NORMAL_CLOSURE = 1000;
/** A fill frame is a few KB; Hyperliquid's snapshot of up to 2,000 fills is ~1 MB. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export type StreamEnd =
  | { kind: 'closed_by_us' }
  | { kind: 'dropped'; detail: string }
  | { kind: 'stalled' }
  | { kind: 'clock_jump'; detail: string }
  /** The exchange answered the upgrade with an HTTP status instead of a WebSocket (no stream here). */
  | { kind: 'unavailable'; detail: string }
  | { kind: 'refused'; error: PerpvolError; permanent: boolean };

export interface StreamConnectionEvents {
  onReady(): void;
  onFills(rows: StreamedRows, snapshot: boolean): void;
  onGap(reason: string): void;
  /** Called exactly once, after every timer and listener of the connection is gone. */
  onEnd(end: StreamEnd): void;
}

export interface StreamConnectionOptions {
  handshakeTimeoutMs?: number;
  /** Shorter heartbeats than the exchange's (tests of stalls); the product always uses the exchange's. */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** Injectable clocks, so tests can jump the wall clock. */
  wallClock?: () => number;
  monotonicClock?: () => number;
}

export class StreamConnection {
  private socket: WebSocket | null = null;
  private ended = false;
  private ready = false;
  private handshakeTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  /** Runs out when the heartbeat in flight has gone unanswered. */
  private deadlineTimer: NodeJS.Timeout | null = null;
  /** Frames received since the heartbeat in flight was sent. */
  private framesSinceBeat = 0;
  private lastTick = { wall: 0, mono: 0 };
  private socketGone: Promise<void> = Promise.resolve();
  private readonly wall: () => number;
  private readonly mono: () => number;

  constructor(
    private readonly session: FillStreamSession,
    private readonly events: StreamConnectionEvents,
    private readonly options: StreamConnectionOptions = {},
  ) {
    this.wall = options.wallClock ?? Date.now;
    this.mono = options.monotonicClock ?? (() => performance.now());
  }

  get isReady(): boolean {
    return this.ready && !this.ended;
  }

  open(): void {
    if (this.socket || this.ended) return;
    const socket = new WebSocket(this.session.url, {
      handshakeTimeout: this.options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS,
      perMessageDeflate: false,
      maxPayload: MAX_FRAME_BYTES,
      followRedirects: false,
    });
    this.socket = socket;
    this.handshakeTimer = setTimeout(() => this.end({ kind: 'dropped', detail: 'the exchange did not complete the stream handshake in time' }), this.options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS);
    socket.on('open', () => {
      for (const frame of this.session.opening()) this.send(frame);
      this.scheduleHeartbeat();
    });
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      this.framesSinceBeat++;
      if (isBinary) return;
      this.dispatch(rawText(data));
    });
    socket.on('pong', () => this.answered()); // the answer to a protocol-level heartbeat
    socket.on('ping', () => void this.framesSinceBeat++); // ws answers the exchange's protocol pings itself
    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      this.end({ kind: 'unavailable', detail: `the stream endpoint answered HTTP ${status}` });
    });
    socket.on('error', (error: Error) => this.end({ kind: 'dropped', detail: error.message }));
    socket.on('close', (code: number) => this.end({ kind: 'dropped', detail: `the exchange closed the stream (code ${code})` }));
  }

  /**
   * Ends the connection from our side (shutdown, account removed, key replaced) with a close
   * handshake; resolves once the socket is gone (the exchange answered, or CLOSE_GRACE_MS passed).
   */
  close(): Promise<void> {
    this.end({ kind: 'closed_by_us' });
    return this.socketGone;
  }

  private dispatch(text: string): void {
    for (const action of this.session.handle(text)) {
      if (this.ended) return;
      switch (action.kind) {
        case 'send':
          this.send(action.frame);
          break;
        case 'ready':
          this.ready = true;
          this.clearHandshake();
          this.events.onReady();
          break;
        case 'fills':
          if (action.fills.length > 0 || action.unclassified.length > 0 || action.bustedTradeIds.length > 0 || action.snapshot) {
            const { fills, unclassified, bustedTradeIds } = action;
            this.events.onFills({ fills, unclassified, bustedTradeIds }, action.snapshot);
          }
          break;
        case 'pong':
          this.answered();
          break;
        case 'gap':
          this.events.onGap(action.reason);
          break;
        case 'refused':
          this.end({ kind: 'refused', error: action.error, permanent: action.permanent });
          return;
      }
    }
  }

  private send(frame: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(frame);
  }

  private scheduleHeartbeat(): void {
    this.lastTick = { wall: this.wall(), mono: this.mono() };
    this.heartbeatTimer = setTimeout(() => this.beat(), this.heartbeatInterval());
  }

  private beat(): void {
    this.heartbeatTimer = null;
    if (this.ended) return;
    const wall = this.wall();
    const mono = this.mono();
    const wallElapsed = wall - this.lastTick.wall;
    const monoElapsed = mono - this.lastTick.mono;
    const late = monoElapsed - this.heartbeatInterval();
    if (Math.abs(wallElapsed - monoElapsed) > CLOCK_JUMP_TOLERANCE_MS || late > CLOCK_JUMP_TOLERANCE_MS) {
      const detail = late > CLOCK_JUMP_TOLERANCE_MS ? `this process was paused for ${Math.round(late / 1000)} s` : `the clock jumped by ${Math.round((wallElapsed - monoElapsed) / 1000)} s`;
      return this.end({ kind: 'clock_jump', detail });
    }
    // One heartbeat in flight at a time: answers carry no reference to their ping, so only then
    // does a pong prove that this very heartbeat was heard.
    if (!this.deadlineTimer) {
      const frame = this.session.heartbeat.frame();
      if (frame === null) this.socket?.ping();
      else this.send(frame);
      this.framesSinceBeat = 0;
      this.deadlineTimer = setTimeout(() => this.unanswered(), this.options.heartbeat?.timeoutMs ?? this.session.heartbeat.timeoutMs);
    }
    this.scheduleHeartbeat();
  }

  private heartbeatInterval(): number {
    return this.options.heartbeat?.intervalMs ?? this.session.heartbeat.intervalMs;
  }

  /** The exchange answered our heartbeat: it hears us. */
  private answered(): void {
    if (this.deadlineTimer) {
      clearTimeout(this.deadlineTimer);
      this.deadlineTimer = null;
    }
  }

  /** The heartbeat's answer never came: a dead connection, or one whose other end skipped frames. */
  private unanswered(): void {
    this.deadlineTimer = null;
    if (this.ended) return;
    if (this.framesSinceBeat === 0) return this.end({ kind: 'stalled' });
    this.events.onGap('the exchange left a heartbeat unanswered while the stream went on');
  }

  private clearHandshake(): void {
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
  }

  private end(end: StreamEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.ready = false;
    this.clearHandshake();
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.heartbeatTimer = null;
    this.deadlineTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      // A late error from a socket being torn down must not become an uncaught exception.
      socket.on('error', () => undefined);
      this.socketGone = end.kind === 'closed_by_us' ? closePolitely(socket) : Promise.resolve(socket.terminate());
    }
    this.events.onEnd(end);
  }
}

/**
 * Our side is done: a close frame (normal closure) rather than a cut, so the exchange sees a client
 * that left, not one that vanished; cut anyway if its answer does not come within CLOSE_GRACE_MS.
 */
function closePolitely(socket: WebSocket): Promise<void> {
  if (socket.readyState !== WebSocket.OPEN) {
    socket.terminate();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const cut = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    cut.unref();
    socket.once('close', () => {
      clearTimeout(cut);
      resolve();
    });
    socket.close(NORMAL_CLOSURE);
  });
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
