/**
 * WOO X's v2 private stream as served (https://docs.woox.io/#websocket-api-v2): the path names the
 * account (`/v2/ws/private/stream/{application_id}`); `{"event":"auth","params":{"apikey","sign",
 * "timestamp"}}` with sign = hex HMAC-SHA256(secret, "|" + timestamp), the key must belong to that
 * application and the timestamp be near the server's clock; `{"event":"subscribe","topic":
 * "executionreport"}` after auth; `{"event":"ping"}` → `{"event":"pong"}`; one execution report per
 * fill with trade and order ids as bare (possibly > 2^53) JSON integers.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import { SimStreamServer, type SimStreamClient, type SimStreamProtocol } from '../stream/sim-stream-server.ts';
import type { WooxLedger, WooxRow } from './ledger.ts';

export const WOOX_SIM_STREAM_PREFIX = '/v2/ws/private/stream/';

export function wooxStreamProtocol(ledgers: readonly WooxLedger[], now: () => number, timestampWindowMs: number, onAuthFailure: () => void): SimStreamProtocol<WooxRow> {
  const reply = (client: SimStreamClient, body: Record<string, unknown>): void => client.send(JSON.stringify({ ...body, ts: now() }));
  return {
    matches: (path) => path.startsWith(WOOX_SIM_STREAM_PREFIX) && path.length > WOOX_SIM_STREAM_PREFIX.length,
    received(client, text) {
      let frame: { id?: unknown; event?: unknown; topic?: unknown; params?: { apikey?: unknown; sign?: unknown; timestamp?: unknown } };
      try {
        frame = JSON.parse(text) as typeof frame;
      } catch {
        return reply(client, { event: 'error', success: false, errorMsg: 'invalid json' });
      }
      const id = frame.id ?? '';
      switch (frame.event) {
        case 'ping':
          return reply(client, { event: 'pong' });
        case 'pong':
          return;
        case 'auth': {
          const applicationId = decodeURIComponent(client.path.slice(WOOX_SIM_STREAM_PREFIX.length));
          const { apikey, sign, timestamp } = frame.params ?? {};
          const ledger = ledgers.find((candidate) => candidate.apiKey === apikey && candidate.applicationId === applicationId);
          const stamp = Number(timestamp);
          const valid =
            ledger !== undefined &&
            Number.isFinite(stamp) &&
            Math.abs(now() - stamp) <= timestampWindowMs &&
            typeof sign === 'string' &&
            /^[0-9a-f]{64}$/.test(sign) &&
            timingSafeEqual(createHmac('sha256', ledger.apiSecret).update(`|${String(timestamp)}`).digest(), Buffer.from(sign, 'hex'));
          if (!valid || !ledger) {
            onAuthFailure();
            return reply(client, { id, event: 'auth', success: false, errorMsg: 'auth failed' });
          }
          client.account = ledger.applicationId;
          client.key = ledger.apiKey;
          return reply(client, { id, event: 'auth', success: true });
        }
        case 'subscribe':
          if (client.account === null) return reply(client, { id, event: 'subscribe', success: false, errorMsg: 'not authenticated' });
          if (frame.topic !== 'executionreport') return reply(client, { id, event: 'subscribe', success: false, errorMsg: `unknown topic ${String(frame.topic)}` });
          client.subscribed = true;
          return reply(client, { id, event: 'subscribe', success: true });
        default:
          return reply(client, { id, event: String(frame.event ?? ''), success: false, errorMsg: 'unknown event' });
      }
    },
    frames: (_account, rows) => rows.map((row) => executionReport(row)),
  };
}

/** One fill as an execution report; ids printed as bare integers, as WOO X prints them. */
function executionReport(row: WooxRow): string {
  const data = {
    symbol: row.symbol,
    clientOrderId: 0,
    orderId: '__ORDER__',
    type: 'LIMIT',
    side: row.side,
    quantity: row.executedQuantity,
    price: row.executedPrice,
    tradeId: '__TRADE__',
    executedPrice: row.executedPrice,
    executedQuantity: row.executedQuantity,
    fee: Number(row.fee),
    feeAsset: row.feeAsset,
    totalExecutedQuantity: row.executedQuantity,
    avgPrice: row.executedPrice,
    status: 'FILLED',
    reason: '',
    totalFee: Number(row.fee),
    visible: row.executedQuantity,
    timestamp: row.executedTimestamp,
    reduceOnly: false,
    maker: row.isMaker === 1,
  };
  // fee stays the exact decimal text (a JSON number, as WOO X prints it)
  return JSON.stringify({ topic: 'executionreport', ts: row.executedTimestamp, data })
    .replace('"__ORDER__"', row.orderId.toString())
    .replace('"__TRADE__"', row.id.toString())
    .replace(/"fee":[^,]+,/, `"fee":${row.fee},`)
    .replace(/"totalFee":[^,]+,/, `"totalFee":${row.fee},`);
}

export function attachWooxStream(server: Server, ledgers: readonly WooxLedger[], now: () => number, timestampWindowMs: number): SimStreamServer<WooxRow> {
  let stream: SimStreamServer<WooxRow> | null = null;
  stream = new SimStreamServer(server, wooxStreamProtocol(ledgers, now, timestampWindowMs, () => stream?.authFailed()));
  return stream;
}
