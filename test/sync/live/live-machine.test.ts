/**
 * One account's live updates, event by event, without a socket or a timer: what the state machine
 * decides on connect, ready, a drop (with back-off), a stall or a missed heartbeat, a clock jump, a
 * replaced key, the account's removal or a SIGTERM, and a stream the exchange refuses (polling every
 * 30 s while someone watches, every sync interval otherwise).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import {
  initialLiveState,
  PERMANENT_REFUSAL_RETRY_MS,
  transition,
  type LiveAction,
  type LiveConfig,
  type LiveEvent,
  type LiveMachineState,
} from '../../../src-main/sync/live/live-machine.ts';

const T0 = Date.UTC(2026, 2, 10, 12);
const SECOND = 1_000;
/** 1 s, 2 s, 4 s… without jitter, so each delay can be asserted exactly. */
const config: LiveConfig = { streamsEnabled: true, idlePollSeconds: 300, backoffMs: (failures) => SECOND * 2 ** failures };

type Untimed = LiveEvent extends infer E ? (E extends LiveEvent ? Omit<E, 'now'> : never) : never;

/** A machine and a clock: `send` feeds one event at the current time and answers the actions. */
function machine(options: { streamsEnabled?: boolean; hasSyncState?: boolean; watched?: boolean; lastPassEndedAt?: number } = {}) {
  let now = T0;
  const cfg = { ...config, streamsEnabled: options.streamsEnabled ?? true };
  let state: LiveMachineState = initialLiveState({
    now,
    account: { status: 'ok', error: null },
    lastPassEndedAt: options.lastPassEndedAt ?? T0,
    lastFillTs: null,
    hasSyncState: options.hasSyncState ?? true,
    watched: options.watched ?? false,
  });
  return {
    get state() {
      return state;
    },
    advance(ms: number) {
      now += ms;
    },
    get now() {
      return now;
    },
    send(event: Untimed): LiveAction[] {
      const next = transition(state, { ...event, now } as LiveEvent, cfg);
      state = next.state;
      return next.actions;
    },
  };
}

const types = (actions: LiveAction[]): string[] => actions.map((a) => (a.type === 'set_timer' || a.type === 'clear_timer' ? `${a.type}:${a.timer}` : a.type));
const published = (actions: LiveAction[]) => actions.flatMap((a) => (a.type === 'publish' ? [a.live] : []));
const timer = (actions: LiveAction[], name: 'retry' | 'poll') => actions.find((a): a is Extract<LiveAction, { type: 'set_timer' }> => a.type === 'set_timer' && a.timer === name);
const passes = (actions: LiveAction[]) => actions.flatMap((a) => (a.type === 'run_pass' ? [a.reason] : []));

/** Start, prepare and get the stream ready: answers the machine at `live`. */
function live(options: Parameters<typeof machine>[0] = {}) {
  const m = machine(options);
  m.send({ type: 'start' });
  m.send({ type: 'prepared', attempt: 1 });
  m.send({ type: 'ready', attempt: 1 });
  return m;
}

const fill = (ts: number): Fill => ({
  exchange: 'bybit', tradeId: `t${ts}`, orderId: null, symbol: 'BTCUSDT', kind: 'perpetual', underlying: 'BTC', side: 'buy',
  price: '100', qty: '1', notionalMicros: 100_000_000, fee: '0', feeCurrency: 'USDT', feeMicros: 0, liquidity: null, ts,
});
const rowsOf = (...fills: Fill[]) => ({ fills, unclassified: [], bustedTradeIds: [] });

describe('connecting', () => {
  test('start prepares the first connection, arms the safety-net poll an interval after the last pass and says it is connecting', () => {
    const m = machine({ lastPassEndedAt: T0 - 60 * SECOND });
    const actions = m.send({ type: 'start' });
    assert.deepEqual(types(actions), ['prepare', 'set_timer:poll', 'publish']);
    assert.deepEqual(actions[0], { type: 'prepare', attempt: 1 });
    assert.equal(timer(actions, 'poll')?.delayMs, 240 * SECOND);
    assert.deepEqual(published(actions).map((s) => [s.state, s.pollSeconds, s.detail]), [['polling', 300, "Connecting to the exchange's live stream."]]);
  });

  test('a prepared session is opened; once auth and subscribe are answered the account is live and the REST walker looks at what happened meanwhile', () => {
    const m = machine();
    m.send({ type: 'start' });
    assert.deepEqual(m.send({ type: 'prepared', attempt: 1 }), [{ type: 'open', attempt: 1 }]);
    m.advance(300);
    const actions = m.send({ type: 'ready', attempt: 1 });
    assert.deepEqual(passes(actions), ['stream connected']);
    assert.deepEqual(published(actions).map((s) => [s.state, s.pollSeconds, s.since]), [['live', null, new Date(T0 + 300).toISOString()]]);
    assert.equal(timer(actions, 'poll'), undefined, 'live or not, nobody watching: the pass stays due every 300 s');
  });

  test('rows stream into the batcher once the account has its first REST page; earlier ones wait for it, none is lost', () => {
    const early = live({ hasSyncState: false });
    assert.deepEqual(early.send({ type: 'rows', attempt: 1, rows: rowsOf(fill(1)) }), []);
    assert.deepEqual(early.send({ type: 'rows', attempt: 1, rows: rowsOf(fill(2)) }), []);
    const released = early.send({ type: 'sync_state_seen' });
    assert.deepEqual(released, [{ type: 'commit', rows: rowsOf(fill(1), fill(2)) }]);
    assert.deepEqual(early.send({ type: 'rows', attempt: 1, rows: rowsOf(fill(3)) }), [{ type: 'commit', rows: rowsOf(fill(3)) }]);
    assert.deepEqual(early.send({ type: 'sync_state_seen' }), [], 'released once');
  });

  test('the newest fill seen is published when it is newer, from either path', () => {
    const m = live();
    assert.equal(published(m.send({ type: 'fill_seen', ts: T0 - 5 * SECOND }))[0]?.lastFillAt, new Date(T0 - 5 * SECOND).toISOString());
    assert.deepEqual(m.send({ type: 'fill_seen', ts: T0 - 9 * SECOND }), [], 'an older one changes nothing');
  });

  test('a gap the stream shows sends the REST walker to look', () => {
    assert.deepEqual(passes(live().send({ type: 'gap', attempt: 1, reason: 'sequence jumped from 4 to 9' })), ['sequence jumped from 4 to 9']);
  });
});

describe('drops, stalls and clock jumps', () => {
  test('a drop reconnects after 1 s, then 2 s, 4 s while it keeps failing; a connection that stayed up 10 s starts again from 1 s', () => {
    const m = live();
    const dropped = m.send({ type: 'ended', attempt: 1, end: { kind: 'dropped', detail: 'socket hang up' } });
    assert.deepEqual(types(dropped), ['set_timer:retry', 'publish']);
    assert.equal(timer(dropped, 'retry')?.delayMs, SECOND);
    assert.equal(published(dropped)[0]?.detail, 'The stream dropped: socket hang up; trying the live stream again in 1 s.');
    assert.deepEqual(passes(dropped), [], 'a plain drop: the reconnect asks the walker when it is ready');

    const delays: number[] = [];
    for (let attempt = 2; attempt <= 3; attempt++) {
      assert.deepEqual(types(m.send({ type: 'retry_due', attempt: attempt - 1 })).slice(0, 1), ['prepare']);
      m.send({ type: 'prepared', attempt });
      delays.push(timer(m.send({ type: 'ended', attempt, end: { kind: 'unavailable', detail: 'HTTP 503' } }), 'retry')!.delayMs);
    }
    assert.deepEqual(delays, [2 * SECOND, 4 * SECOND]);

    m.send({ type: 'retry_due', attempt: 3 });
    m.send({ type: 'prepared', attempt: 4 });
    m.send({ type: 'ready', attempt: 4 });
    m.advance(10 * SECOND);
    assert.equal(timer(m.send({ type: 'ended', attempt: 4, end: { kind: 'dropped', detail: 'reset' } }), 'retry')?.delayMs, SECOND);
  });

  test('a stall (heartbeats unanswered) asks the REST walker to look now and reconnects', () => {
    const actions = live().send({ type: 'ended', attempt: 1, end: { kind: 'stalled' } });
    assert.deepEqual(passes(actions), ['the stream stopped answering heartbeats']);
    assert.equal(timer(actions, 'retry')?.delayMs, SECOND);
    assert.equal(published(actions)[0]?.state, 'polling');
  });

  test('a clock jump (the machine slept) asks the REST walker to look now and reconnects', () => {
    const actions = live().send({ type: 'ended', attempt: 1, end: { kind: 'clock_jump', detail: 'the clock jumped 3600 s (the computer slept?)' } });
    assert.deepEqual(passes(actions), ['the clock jumped 3600 s (the computer slept?)']);
    assert.equal(timer(actions, 'retry')?.delayMs, SECOND);
  });

  test('events of a connection that is gone change nothing', () => {
    const m = live();
    m.send({ type: 'ended', attempt: 1, end: { kind: 'dropped', detail: 'x' } });
    m.send({ type: 'retry_due', attempt: 1 });
    assert.deepEqual(m.send({ type: 'ready', attempt: 1 }), []);
    assert.deepEqual(m.send({ type: 'rows', attempt: 1, rows: rowsOf(fill(1)) }), []);
    assert.deepEqual(m.send({ type: 'ended', attempt: 1, end: { kind: 'dropped', detail: 'late' } }), []);
    assert.deepEqual(m.send({ type: 'retry_due', attempt: 1 }), [], 'a retry timer of an earlier attempt');
  });
});

describe('the key, the account and the process', () => {
  test('a replaced key drops the connection and connects with the new one at once, back-off forgotten', () => {
    const m = live();
    m.send({ type: 'ended', attempt: 1, end: { kind: 'dropped', detail: 'x' } });
    m.send({ type: 'retry_due', attempt: 1 });
    m.send({ type: 'prepared', attempt: 2 });
    m.send({ type: 'ended', attempt: 2, end: { kind: 'dropped', detail: 'x' } });
    const waiting = m.send({ type: 'key_replaced' });
    assert.deepEqual(types(waiting).slice(0, 2), ['clear_timer:retry', 'prepare']);
    m.send({ type: 'prepared', attempt: 3 });
    m.send({ type: 'ready', attempt: 3 });
    const onLive = m.send({ type: 'key_replaced' });
    assert.deepEqual(types(onLive).slice(0, 2), ['close', 'prepare']);
    assert.equal(m.state.failures, 0);
    m.send({ type: 'prepared', attempt: 4 });
    assert.equal(timer(m.send({ type: 'ended', attempt: 4, end: { kind: 'dropped', detail: 'x' } }), 'retry')?.delayMs, SECOND);
  });

  test('a key the stream refuses for good is tried again in 30 minutes, or at once when it is replaced', () => {
    const m = machine();
    m.send({ type: 'start' });
    const refused = new PerpvolError('credentials_rejected', 'invalid_api_key', 'Bybit rejected the API key.');
    const actions = m.send({ type: 'prepare_failed', attempt: 1, error: refused });
    assert.equal(timer(actions, 'retry')?.delayMs, PERMANENT_REFUSAL_RETRY_MS);
    assert.match(published(actions)[0]?.detail ?? '', /^The stream could not be prepared: Bybit rejected the API key\.; trying the live stream again in 1800 s\.$/);
    assert.deepEqual(types(m.send({ type: 'key_replaced' })).slice(0, 2), ['clear_timer:retry', 'prepare']);
  });

  test('removing the account or SIGTERM closes the stream, clears both timers, writes what was streamed, and nothing happens after', () => {
    const m = live();
    const actions = m.send({ type: 'stop' });
    assert.deepEqual(types(actions), ['clear_timer:retry', 'clear_timer:poll', 'close', 'flush']);
    for (const event of [
      { type: 'rows', attempt: 1, rows: rowsOf(fill(1)) },
      { type: 'ended', attempt: 1, end: { kind: 'closed_by_us' } },
      { type: 'poll_due' },
      { type: 'key_replaced' },
      { type: 'watched', watched: true },
    ] as Untimed[]) {
      assert.deepEqual(m.send(event), [], event.type);
    }
  });
});

describe('without a stream: polling', () => {
  test('a refused stream polls every 5 minutes, every 30 s while someone watches, and back when they leave', () => {
    const m = machine({ lastPassEndedAt: T0 });
    m.send({ type: 'start' });
    m.send({ type: 'prepared', attempt: 1 });
    const refusal = new PerpvolError('exchange_unavailable', 'stream_refused', 'The stream endpoint answered HTTP 404.');
    const down = m.send({ type: 'ended', attempt: 1, end: { kind: 'refused', error: refusal, permanent: false } });
    assert.equal(published(down)[0]?.pollSeconds, 300);

    const watched = m.send({ type: 'watched', watched: true });
    assert.equal(timer(watched, 'poll')?.delayMs, 30 * SECOND);
    assert.equal(published(watched)[0]?.pollSeconds, 30);

    m.advance(30 * SECOND);
    assert.deepEqual(passes(m.send({ type: 'poll_due' })), ['poll']);
    m.advance(2 * SECOND);
    const ended = m.send({ type: 'pass_ended', account: { status: 'ok', error: null } });
    assert.equal(timer(ended, 'poll')?.delayMs, 30 * SECOND, 'due 30 s after this pass ended');

    const left = m.send({ type: 'watched', watched: false });
    assert.equal(timer(left, 'poll')?.delayMs, 300 * SECOND);
    assert.equal(published(left)[0]?.pollSeconds, 300);
  });

  test('a pass asked for while one runs runs again right after it', () => {
    const m = live();
    m.send({ type: 'pass_busy' });
    assert.equal(m.state.passWanted, true);
    assert.deepEqual(passes(m.send({ type: 'pass_ended', account: { status: 'ok', error: null } })), ['asked for during the last pass']);
    assert.deepEqual(passes(m.send({ type: 'pass_ended', account: { status: 'ok', error: null } })), [], 'once');
  });

  test('refused by the stream and the REST API alike: paused, no polling, and it says to replace the key', () => {
    const m = machine();
    m.send({ type: 'start' });
    m.send({ type: 'prepare_failed', attempt: 1, error: new PerpvolError('credentials_rejected', 'invalid_api_key', 'Bybit rejected the API key.') });
    const actions = m.send({ type: 'pass_ended', account: { status: 'error', error: 'Bybit rejected the API key.' } });
    assert.deepEqual(types(actions), ['clear_timer:poll', 'publish']);
    assert.equal(published(actions)[0]?.state, 'paused');
    assert.match(published(actions)[0]?.detail ?? '', /Replace the key to resume\.$/);
  });

  test('with streams turned off nothing connects: the account polls, and a replaced key changes nothing', () => {
    const m = machine({ streamsEnabled: false });
    const actions = m.send({ type: 'start' });
    assert.deepEqual(types(actions), ['set_timer:poll', 'publish']);
    assert.equal(published(actions)[0]?.detail, 'Live streams are turned off; Perpvol asks the exchange at intervals.');
    assert.deepEqual(m.send({ type: 'key_replaced' }), []);
  });
});
