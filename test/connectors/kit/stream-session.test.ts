/**
 * The one stream session (kit/stream-session.ts) against a real WebSocket server on loopback (the
 * `ws` package), each test scripting what the exchange's side does:
 * - a refused login ends the connection with the right PerpvolError (and never subscribes); each
 *   exchange's refusal frames keep their codes (stream_auth_rejected, stream_geo_blocked,
 *   stream_auth_failed, stream_subscribe_failed, stream_refused);
 * - a login or a subscription left unanswered ends the connection, and it is never called ready;
 * - fills that arrive before the acknowledgement are handed over after it, in order — or before the
 *   end when the acknowledgement never comes: nothing the exchange sent is lost;
 * - heartbeats go out on their cadence; answered, the stream stays up; unanswered with nothing else
 *   flowing, it is `stalled`; unanswered while frames flow, a gap; the exchange's own pings are answered;
 * - closing from our side is a close handshake (normal closure), reported once.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { bybitStream } from '../../../src-main/connectors/bybit/fill-stream.ts';
import { hyperliquidStream } from '../../../src-main/connectors/hyperliquid/fill-stream.ts';
import { StreamSession, type StreamEnd, type StreamSessionOptions } from '../../../src-main/connectors/kit/stream-session.ts';
import { paradexStream } from '../../../src-main/connectors/paradex/fill-stream.ts';
import type { FillStreamProtocol } from '../../../src-main/connectors/stream/fill-stream.ts';
import { wooxStream } from '../../../src-main/connectors/woox/fill-stream.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import { PerpvolError } from '../../../src-main/core/errors.ts';

/** What the exchange's side does with each frame the client sends (and with its opening). */
type Script = { opened?(socket: WebSocket): void; received(socket: WebSocket, frame: any): void };

interface Loopback {
  url: string;
  /** Every text frame each connection received, parsed. */
  received: any[];
  closeCodes: number[];
  protocolPings: number;
  script: Script;
}

let server: WebSocketServer;
const loopback: Loopback = { url: '', received: [], closeCodes: [], protocolPings: 0, script: { received: () => undefined } };

before(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  loopback.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/private`;
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const text = data.toString();
      const frame = text.startsWith('{') ? JSON.parse(text) : text;
      loopback.received.push(frame);
      loopback.script.received(socket, frame);
    });
    socket.on('ping', (data) => {
      loopback.protocolPings++;
      socket.pong(data);
    });
    socket.on('close', (code) => loopback.closeCodes.push(code));
    loopback.script.opened?.(socket);
  });
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function useScript(script: Script): void {
  loopback.received = [];
  loopback.closeCodes = [];
  loopback.protocolPings = 0;
  loopback.script = script;
}

const send = (socket: WebSocket, frame: unknown) => socket.send(JSON.stringify(frame));

/** A made-up exchange's frames: `{op:"login"}` → `{op:"login",ok}`, `{op:"subscribe"}` → `{op:"subscribed"}`, rows as `{fills:[…]}`. */
function acmeProtocol(overrides: Partial<FillStreamProtocol> = {}): FillStreamProtocol {
  return {
    exchange: 'bybit',
    label: 'Acme',
    url: loopback.url,
    heartbeat: { intervalMs: 60_000, frame: () => JSON.stringify({ op: 'ping' }) },
    login: { frame: () => JSON.stringify({ op: 'login', key: 'k' }), advice: 'Replace the key.' },
    subscribe: { frames: () => [JSON.stringify({ op: 'subscribe' })], what: 'fill subscription' },
    read(frame: any) {
      if (frame?.op === 'login') return frame.ok ? { kind: 'logged_in' } : { kind: 'login_refused', refusal: 'credentials', reason: frame.why };
      if (frame?.op === 'subscribed') return { kind: 'subscribed' };
      if (frame?.op === 'pong') return { kind: 'pong' };
      if (frame?.op === 'server_ping') return { kind: 'ping', answer: JSON.stringify({ op: 'server_pong' }) };
      if (Array.isArray(frame?.fills)) return { kind: 'rows', rows: frame.fills };
      return null;
    },
    normalize(row: any) {
      if (typeof row?.id !== 'string') throw new Error('unreadable');
      return { fill: { tradeId: row.id } as Fill };
    },
    ...overrides,
  };
}

interface Run {
  log: string[];
  ended: Promise<StreamEnd>;
  session: StreamSession;
}

/** Opens a session, recording what it reports, in order. */
function run(protocol: FillStreamProtocol, options: StreamSessionOptions = {}): Run {
  const log: string[] = [];
  let done!: (end: StreamEnd) => void;
  const ended = new Promise<StreamEnd>((resolve) => (done = resolve));
  const session = new StreamSession(
    protocol,
    {
      onReady: () => log.push('ready'),
      onFills: (rows) => log.push(`fills ${rows.fills.map((fill) => fill.tradeId).join(',')}${rows.bustedTradeIds.length ? ` busts ${rows.bustedTradeIds.join(',')}` : ''}`),
      onGap: (reason) => log.push(`gap ${reason}`),
      onEnd: (end) => {
        log.push(`end ${end.kind}`);
        done(end);
      },
    },
    options,
  );
  session.open();
  return { log, ended, session };
}

async function eventually(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The exchange answers a login, then acknowledges the subscription. */
const healthy = (extra: Partial<Script> = {}): Script => ({
  received(socket, frame) {
    if (frame.op === 'login') send(socket, { op: 'login', ok: true });
    if (frame.op === 'subscribe') send(socket, { op: 'subscribed' });
    if (frame.op === 'ping') send(socket, { op: 'pong' });
    extra.received?.(socket, frame);
  },
  ...(extra.opened ? { opened: extra.opened } : {}),
});

describe('the stream session: login and subscription', () => {
  test('logs in, then subscribes, then is ready; closing is a close handshake, reported once', async () => {
    useScript(healthy());
    const { log, ended, session } = run(acmeProtocol());
    await eventually('ready', () => log.includes('ready'));
    assert.deepEqual(loopback.received.map((frame) => frame.op), ['login', 'subscribe']);
    await session.close();
    assert.equal((await ended).kind, 'closed_by_us');
    await eventually('the server saw the close', () => loopback.closeCodes.length === 1);
    assert.deepEqual(loopback.closeCodes, [1000]);
    await session.close();
    assert.deepEqual(log, ['ready', 'end closed_by_us']);
  });

  test('a refused login is credentials_rejected / stream_auth_rejected for good, with the exchange’s reason and advice; it never subscribes', async () => {
    useScript({ received: (socket, frame) => frame.op === 'login' && send(socket, { op: 'login', ok: false, why: 'invalid api key' }) });
    const { log, ended } = run(acmeProtocol());
    const end = await ended;
    assert.equal(end.kind, 'refused');
    assert.ok(end.kind === 'refused' && end.error instanceof PerpvolError);
    assert.equal(end.error.kind, 'credentials_rejected');
    assert.equal(end.error.code, 'stream_auth_rejected');
    assert.equal(end.permanent, true);
    assert.match(end.error.message, /Acme refused the private stream login \(invalid api key\)\. Replace the key\./);
    assert.deepEqual(loopback.received.map((frame) => frame.op), ['login']);
    assert.deepEqual(log, ['end refused']);
  });

  test('a login left unanswered drops the connection, never ready; so does a subscription never acknowledged', async () => {
    useScript({ received: () => undefined });
    const silent = run(acmeProtocol(), { answerTimeoutMs: 150 });
    const first = await silent.ended;
    assert.equal(first.kind, 'dropped');
    assert.match(first.kind === 'dropped' ? first.detail : '', /Acme did not answer the stream login/);
    assert.deepEqual(silent.log, ['end dropped']);

    useScript({ received: (socket, frame) => frame.op === 'login' && send(socket, { op: 'login', ok: true }) });
    const unacknowledged = run(acmeProtocol(), { answerTimeoutMs: 150 });
    const second = await unacknowledged.ended;
    assert.equal(second.kind, 'dropped');
    assert.match(second.kind === 'dropped' ? second.detail : '', /Acme did not acknowledge the fill subscription/);
    assert.deepEqual(loopback.received.map((frame) => frame.op), ['login', 'subscribe']);
    assert.deepEqual(unacknowledged.log, ['end dropped']);
  });

  test('without a login step it subscribes as the socket opens', async () => {
    useScript(healthy());
    const { log, session } = run(acmeProtocol({ login: undefined } as Partial<FillStreamProtocol>));
    await eventually('ready', () => log.includes('ready'));
    assert.deepEqual(loopback.received.map((frame) => frame.op), ['subscribe']);
    await session.close();
  });
});

describe('the stream session: frames before the acknowledgement', () => {
  test('fills sent before the acknowledgement are handed over right after ready, in order, then live fills follow', async () => {
    useScript({
      received(socket, frame) {
        if (frame.op === 'login') send(socket, { op: 'login', ok: true });
        if (frame.op !== 'subscribe') return;
        send(socket, { fills: [{ id: 't1' }] });
        send(socket, { fills: [{ id: 't2' }, { id: 't3' }] });
        send(socket, { op: 'subscribed' });
        send(socket, { fills: [{ id: 't4' }] });
      },
    });
    const { log, session } = run(acmeProtocol());
    await eventually('t4', () => log.includes('fills t4'));
    assert.deepEqual(log, ['ready', 'fills t1', 'fills t2,t3', 'fills t4']);
    await session.close();
  });

  test('fills sent before an acknowledgement that never comes are still handed over, before the end', async () => {
    useScript({
      received(socket, frame) {
        if (frame.op === 'login') send(socket, { op: 'login', ok: true });
        if (frame.op === 'subscribe') send(socket, { fills: [{ id: 't9' }] });
      },
    });
    const { log, ended } = run(acmeProtocol(), { answerTimeoutMs: 150 });
    await ended;
    assert.deepEqual(log, ['fills t9', 'end dropped']);
  });

  test('an unreadable row is a gap; the rest of its frame still counts', async () => {
    useScript(healthy({ received: (socket, frame) => frame.op === 'subscribe' && send(socket, { fills: [{ id: 't1' }, { nope: true }, { id: 't2' }] }) }));
    const { log, session } = run(acmeProtocol());
    await eventually('the gap', () => log.some((line) => line.startsWith('gap')));
    assert.deepEqual(log, ['ready', 'fills t1,t2', 'gap Acme streamed 1 execution(s) Perpvol could not read']);
    await session.close();
  });
});

describe('the stream session: heartbeats', () => {
  test('heartbeats go out on their cadence; answered, the stream stays up', async () => {
    useScript(healthy());
    const { log, session } = run(acmeProtocol(), { heartbeat: { intervalMs: 40, timeoutMs: 2_000 } });
    await eventually('five heartbeats', () => loopback.received.filter((frame) => frame.op === 'ping').length >= 5);
    assert.deepEqual(log, ['ready']);
    await session.close();
  });

  test('a heartbeat unanswered with nothing else arriving is a stall: the connection ends', async () => {
    useScript({ received: (socket, frame) => frame.op !== 'ping' && healthy().received(socket, frame) });
    const { log, ended } = run(acmeProtocol(), { heartbeat: { intervalMs: 40, timeoutMs: 120 } });
    assert.equal((await ended).kind, 'stalled');
    assert.deepEqual(log, ['ready', 'end stalled']);
  });

  test('a heartbeat unanswered while fills flow is a gap (the exchange may have skipped some), not a drop', async () => {
    let feed: NodeJS.Timeout | undefined;
    useScript({
      received(socket, frame) {
        if (frame.op === 'ping') return; // never answered
        healthy().received(socket, frame);
        if (frame.op === 'subscribe') feed = setInterval(() => send(socket, { fills: [] }), 10);
      },
    });
    const { log, session } = run(acmeProtocol(), { heartbeat: { intervalMs: 40, timeoutMs: 120 } });
    try {
      await eventually('a gap', () => log.includes('gap the exchange left a heartbeat unanswered while the stream went on'));
      assert.equal(log[0], 'ready');
      assert.ok(!log.some((line) => line.startsWith('end')), log.join(' | '));
    } finally {
      clearInterval(feed);
      await session.close();
    }
  });

  test('the exchange’s own ping is answered with its pong; a protocol-level heartbeat uses WebSocket pings', async () => {
    useScript(healthy({ received: (socket, frame) => frame.op === 'subscribe' && send(socket, { op: 'server_ping' }) }));
    const { log, session } = run(acmeProtocol({ heartbeat: { intervalMs: 40, frame: () => null } }));
    await eventually('the pong', () => loopback.received.some((frame) => frame.op === 'server_pong'));
    await eventually('protocol pings', () => loopback.protocolPings >= 3);
    assert.equal(loopback.received.filter((frame) => frame.op === 'ping').length, 0);
    assert.deepEqual(log, ['ready']);
    await session.close();
  });
});

describe('each exchange’s refusal frames keep their error codes through the session', () => {
  const cases: { name: string; protocol: () => FillStreamProtocol; answer(socket: WebSocket, frame: any): void; kind: string; code: string; permanent: boolean; says: string }[] = [
    {
      name: 'Bybit: auth refused',
      protocol: () => bybitStream(loopback.url, 'key', 'secret', Date.now),
      answer: (socket, frame) => frame.op === 'auth' && send(socket, { op: 'auth', success: false, ret_msg: 'Invalid apikey', conn_id: 'c' }),
      kind: 'credentials_rejected', code: 'stream_auth_rejected', permanent: true,
      says: "Bybit refused the private stream login (Invalid apikey). Check that the key is valid and your computer's clock is right; Perpvol keeps polling meanwhile.",
    },
    {
      name: 'Bybit: subscription refused',
      protocol: () => bybitStream(loopback.url, 'key', 'secret', Date.now),
      answer: (socket, frame) => send(socket, frame.op === 'auth' ? { op: 'auth', success: true } : { op: 'subscribe', success: false, ret_msg: 'no topic' }),
      kind: 'exchange_unavailable', code: 'stream_subscribe_failed', permanent: false,
      says: 'Bybit refused the execution subscription (no topic).',
    },
    {
      name: 'WOO X: auth refused',
      protocol: () => wooxStream(loopback.url, 'key', 'secret', Date.now),
      answer: (socket, frame) => frame.event === 'auth' && send(socket, { id: frame.id, event: 'auth', success: false, errorMsg: 'invalid signature' }),
      kind: 'credentials_rejected', code: 'stream_auth_rejected', permanent: true,
      says: "WOO X refused the private stream login (invalid signature). Check the key and your computer's clock; Perpvol keeps polling meanwhile.",
    },
    {
      name: 'Paradex: invalid bearer (40111)',
      protocol: () => paradexStream(loopback.url, 'jwt'),
      answer: (socket, frame) => send(socket, { jsonrpc: '2.0', id: frame.id, error: { code: 40111, message: 'Invalid Bearer Token' } }),
      kind: 'credentials_rejected', code: 'stream_auth_rejected', permanent: true,
      says: 'Paradex refused the private stream login (Invalid Bearer Token). The token is invalid or revoked: replace it; Perpvol keeps polling meanwhile.',
    },
    {
      name: 'Paradex: geo-blocked (40112)',
      protocol: () => paradexStream(loopback.url, 'jwt'),
      answer: (socket, frame) => send(socket, { jsonrpc: '2.0', id: frame.id, error: { code: 40112, message: 'Geo IP blocked' } }),
      kind: 'credentials_rejected', code: 'stream_geo_blocked', permanent: true,
      says: 'Paradex refuses streams from this location (Geo IP blocked); Perpvol keeps polling instead.',
    },
    {
      name: 'Paradex: another login error',
      protocol: () => paradexStream(loopback.url, 'jwt'),
      answer: (socket, frame) => send(socket, { jsonrpc: '2.0', id: frame.id, error: { code: -32603, message: 'Internal error' } }),
      kind: 'exchange_unavailable', code: 'stream_auth_failed', permanent: false,
      says: 'Paradex did not accept the stream login (Internal error).',
    },
    {
      name: 'Hyperliquid: an error frame',
      protocol: () => hyperliquidStream(loopback.url, `0x${'ab'.repeat(20)}`),
      answer: (socket) => send(socket, { channel: 'error', data: 'Invalid subscription' }),
      kind: 'exchange_unavailable', code: 'stream_refused', permanent: false,
      says: 'Hyperliquid refused the fill subscription: Invalid subscription',
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      useScript({ received: c.answer });
      const { ended, log } = run(c.protocol());
      const end = await ended;
      assert.equal(end.kind, 'refused', JSON.stringify(end));
      assert.ok(end.kind === 'refused');
      assert.deepEqual([end.error.kind, end.error.code, end.permanent, end.error.message], [c.kind, c.code, c.permanent, c.says]);
      assert.ok(!log.includes('ready'));
    });
  }
});
