/**
 * The one stream session (docs/adding-an-exchange.md, "Live stream"), over one real WebSocket (`ws`).
 * It owns every timer and listener of the connection and releases all of them, exactly once, when it
 * ends for any reason — a driver that reconnects a thousand times leaves nothing behind. It watches
 * what the exchange cannot tell us by itself:
 * - a login or a subscription left unanswered: the connection is dropped (each has its own timeout);
 * - a heartbeat left unanswered: with nothing else arriving either (a silent stall: TCP up, nothing
 *   flowing) the connection is dropped as `stalled`; with other frames arriving, the exchange's side
 *   skipped our frame for a while and may have skipped fills too: a gap, the REST walker looks (only
 *   the answer to our heartbeat proves it was heard — other traffic does not);
 * - a clock jump (the machine slept, or the wall clock was set): the socket may look alive while
 *   fills went by unseen, so the connection ends as `clock_jump` and the REST walker looks.
 * Rows that arrive before the acknowledgement are held and handed over right after `onReady`, in
 * order (or before `onEnd` if the acknowledgement never comes): nothing the exchange sent is lost.
 */
import WebSocket from 'ws';
import type { PerpvolError } from '../../core/errors.ts';
import { refusalOf, streamedRows, type FillStreamProtocol, type StreamedRows, type StreamFrame } from '../stream/fill-stream.ts';

const CONNECT_TIMEOUT_MS = 15_000;
/** A login, and then the subscription, must each be answered within this; exchanges answer in well under a second. */
const ANSWER_TIMEOUT_MS = 10_000;
const HEARTBEAT_ANSWER_TIMEOUT_MS = 10_000;
/** Wall clock and monotonic clock drifting apart by more than this between ticks is a clock jump. */
const CLOCK_JUMP_TOLERANCE_MS = 5_000;
/** How long a close we start waits for the exchange's close frame before the socket is cut. */
const CLOSE_GRACE_MS = 1_000;
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

/** `onEnd` is called exactly once, after every timer and listener of the connection is gone. */
export interface StreamSessionEvents {
  onReady(): void;
  onFills(rows: StreamedRows, snapshot: boolean): void;
  onGap(reason: string): void;
  onEnd(end: StreamEnd): void;
}

/** Shorter waits and heartbeats than the exchange's, and clocks that jump: for tests; the product uses the defaults. */
export interface StreamSessionOptions {
  answerTimeoutMs?: number;
  heartbeat?: { intervalMs: number; timeoutMs: number };
  wallClock?: () => number;
  monotonicClock?: () => number;
}

type Phase = 'connecting' | 'logging_in' | 'subscribing' | 'ready' | 'ended';
/** `answer`: the login or subscription in flight; `beat`: the next heartbeat; `deadline`: the heartbeat in flight. */
type TimerName = 'answer' | 'beat' | 'deadline';

export class StreamSession {
  private socket: WebSocket | null = null;
  private phase: Phase = 'connecting';
  private readonly timers = new Map<TimerName, NodeJS.Timeout>();
  /** Frames received since the heartbeat in flight was sent. */
  private framesSinceBeat = 0;
  /** Rows received before the acknowledgement. */
  private held: { rows: StreamedRows; snapshot: boolean }[] = [];
  private lastTick = { wall: 0, mono: 0 };
  private socketGone: Promise<void> = Promise.resolve();
  private readonly wall: () => number;
  private readonly mono: () => number;

  constructor(
    private readonly protocol: FillStreamProtocol,
    private readonly events: StreamSessionEvents,
    private readonly options: StreamSessionOptions = {},
  ) {
    this.wall = options.wallClock ?? Date.now;
    this.mono = options.monotonicClock ?? (() => performance.now());
  }

  private hasEnded(): boolean {
    return this.phase === 'ended';
  }

  open(): void {
    if (this.socket || this.phase !== 'connecting') return;
    const socket = new WebSocket(this.protocol.url, {
      handshakeTimeout: CONNECT_TIMEOUT_MS,
      perMessageDeflate: false,
      maxPayload: MAX_FRAME_BYTES,
      followRedirects: false,
    });
    this.socket = socket;
    socket.on('open', () => {
      if (this.protocol.login) this.await('logging_in', [this.protocol.login.frame()]);
      else this.await('subscribing', this.protocol.subscribe.frames());
      this.scheduleHeartbeat();
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.framesSinceBeat++;
      if (!isBinary) this.receive(data.toString('utf8')); // binaryType 'nodebuffer': one Buffer per message
    });
    socket.on('pong', () => this.disarm('deadline')); // the answer to a protocol-level heartbeat: it hears us
    socket.on('ping', () => void this.framesSinceBeat++); // ws answers the exchange's protocol pings itself
    socket.on('unexpected-response', (_request, response) => {
      response.resume();
      this.end({ kind: 'unavailable', detail: `the stream endpoint answered HTTP ${response.statusCode ?? 0}` });
    });
    socket.on('error', (error: Error) => this.end({ kind: 'dropped', detail: error.message }));
    socket.on('close', (code: number) => this.end({ kind: 'dropped', detail: `the exchange closed the stream (code ${code})` }));
  }

  /** Ends the connection from our side with a close handshake; resolves once the socket is gone. */
  close(): Promise<void> {
    this.end({ kind: 'closed_by_us' });
    return this.socketGone;
  }

  /** Sends the login or the subscription and waits, within its timeout, for the exchange's answer. */
  private await(phase: 'logging_in' | 'subscribing', frames: string[]): void {
    this.phase = phase;
    const timeoutMs = this.options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
    const what = phase === 'logging_in' ? 'answer the stream login' : `acknowledge the ${this.protocol.subscribe.what}`;
    this.arm('answer', timeoutMs, () => this.end({ kind: 'dropped', detail: `${this.protocol.label} did not ${what} within ${Math.round(timeoutMs / 1000)} s` }));
    for (const frame of frames) this.send(frame);
  }

  private receive(text: string): void {
    let frame: StreamFrame | null;
    try {
      frame = this.protocol.read(this.protocol.parse ? this.protocol.parse(text) : JSON.parse(text));
    } catch {
      frame = null; // an unknown or malformed frame is no action, never a crash
    }
    if (frame === null || this.phase === 'ended') return;
    switch (frame.kind) {
      case 'logged_in':
        if (this.phase === 'logging_in') this.await('subscribing', this.protocol.subscribe.frames());
        return;
      case 'subscribed':
        if (this.phase !== 'subscribing') return;
        this.phase = 'ready';
        this.disarm('answer');
        this.events.onReady();
        return this.release();
      case 'login_refused':
      case 'subscribe_refused':
      case 'error':
        return this.end({ kind: 'refused', ...refusalOf(this.protocol, frame) });
      case 'rows': {
        const { rows, unreadable } = streamedRows(this.protocol, frame.rows);
        this.deliver(rows, frame.snapshot === true);
        // the session may have ended while the rows were handed over
        if (unreadable > 0 && !this.hasEnded()) this.events.onGap(`${this.protocol.label} streamed ${unreadable} execution(s) Perpvol could not read`);
        return;
      }
      case 'busts':
        return this.deliver({ fills: [], unclassified: [], bustedTradeIds: frame.tradeIds }, false);
      case 'pong':
        return this.disarm('deadline'); // the answer to our heartbeat: it hears us
      case 'ping':
        return this.send(frame.answer);
      case 'gap':
        return this.events.onGap(frame.reason);
    }
  }

  private deliver(rows: StreamedRows, snapshot: boolean): void {
    if (rows.fills.length === 0 && rows.unclassified.length === 0 && rows.bustedTradeIds.length === 0 && !snapshot) return;
    if (this.phase === 'ready') this.events.onFills(rows, snapshot);
    else this.held.push({ rows, snapshot });
  }

  /** Hands over the rows held before the acknowledgement (or before an end without one). */
  private release(): void {
    const held = this.held;
    this.held = [];
    for (const { rows, snapshot } of held) this.events.onFills(rows, snapshot);
  }

  private send(frame: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(frame);
  }

  private arm(name: TimerName, ms: number, then: () => void): void {
    this.disarm(name);
    this.timers.set(name, setTimeout(() => {
      this.timers.delete(name);
      then();
    }, ms));
  }

  private disarm(name: TimerName): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  private scheduleHeartbeat(): void {
    this.lastTick = { wall: this.wall(), mono: this.mono() };
    this.arm('beat', this.heartbeatInterval(), () => this.beat());
  }

  private beat(): void {
    if (this.phase === 'ended') return;
    const wallElapsed = this.wall() - this.lastTick.wall;
    const monoElapsed = this.mono() - this.lastTick.mono;
    const late = monoElapsed - this.heartbeatInterval();
    if (Math.abs(wallElapsed - monoElapsed) > CLOCK_JUMP_TOLERANCE_MS || late > CLOCK_JUMP_TOLERANCE_MS) {
      const detail = late > CLOCK_JUMP_TOLERANCE_MS ? `this process was paused for ${Math.round(late / 1000)} s` : `the clock jumped by ${Math.round((wallElapsed - monoElapsed) / 1000)} s`;
      return this.end({ kind: 'clock_jump', detail });
    }
    // One heartbeat in flight at a time: answers carry no reference to their ping, so only then
    // does a pong prove that this very heartbeat was heard.
    if (!this.timers.has('deadline')) {
      const frame = this.protocol.heartbeat.frame();
      if (frame === null) this.socket?.ping();
      else this.send(frame);
      this.framesSinceBeat = 0;
      this.arm('deadline', this.options.heartbeat?.timeoutMs ?? HEARTBEAT_ANSWER_TIMEOUT_MS, () => this.unanswered());
    }
    this.scheduleHeartbeat();
  }

  private heartbeatInterval(): number {
    return this.options.heartbeat?.intervalMs ?? this.protocol.heartbeat.intervalMs;
  }

  private unanswered(): void {
    if (this.phase === 'ended') return;
    if (this.framesSinceBeat === 0) return this.end({ kind: 'stalled' });
    this.events.onGap('the exchange left a heartbeat unanswered while the stream went on');
  }

  private end(end: StreamEnd): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      // A late error from a socket being torn down must not become an uncaught exception.
      socket.on('error', () => undefined);
      this.socketGone = end.kind === 'closed_by_us' ? closePolitely(socket) : Promise.resolve(socket.terminate());
    }
    this.release();
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
