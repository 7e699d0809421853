/**
 * Bybit's V5 private stream as the exchange serves it (https://bybit-exchange.github.io/docs/v5/ws/connect):
 * `{"op":"auth","args":[apiKey, expires, sign]}` with sign = hex HMAC-SHA256(secret, "GET/realtime" +
 * expires) and expires later than the server's clock; `{"op":"subscribe","args":["execution"]}` only
 * after auth; `{"op":"ping"}` answered `{"op":"pong",…}` on private streams; executions pushed as
 * `{"topic":"execution","creationTime","data":[rows]}` with the rows of /v5/execution/list.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SimStreamServer, type SimStreamClient, type SimStreamProtocol } from '../stream/sim-stream-server.ts';
import type { SimKey } from './auth.ts';
import type { BybitExecRow } from './history.ts';

export const BYBIT_SIM_STREAM_PATH = '/v5/private';

export function bybitStreamProtocol(keys: ReadonlyMap<string, SimKey>, serverTime: () => number, onAuthFailure: () => void): SimStreamProtocol<BybitExecRow> {
  let connId = 0;
  const reply = (client: SimStreamClient, body: Record<string, unknown>): void => client.send(JSON.stringify({ conn_id: `sim-${connId++}`, ...body }));
  return {
    matches: (path) => path === BYBIT_SIM_STREAM_PATH,
    received(client, text) {
      let frame: { op?: unknown; args?: unknown; req_id?: unknown };
      try {
        frame = JSON.parse(text) as typeof frame;
      } catch {
        return reply(client, { success: false, ret_msg: 'Invalid json', op: '' });
      }
      const reqId = typeof frame.req_id === 'string' ? frame.req_id : '';
      const args = Array.isArray(frame.args) ? frame.args : [];
      switch (frame.op) {
        case 'ping':
          return reply(client, { req_id: reqId, op: 'pong', args: [String(Date.now())] });
        case 'auth': {
          const [apiKey, expires, sign] = args as [unknown, unknown, unknown];
          const key = typeof apiKey === 'string' ? keys.get(apiKey) : undefined;
          const valid =
            key !== undefined &&
            typeof expires === 'number' &&
            expires > serverTime() &&
            typeof sign === 'string' &&
            /^[0-9a-f]{64}$/.test(sign) &&
            timingSafeEqual(createHmac('sha256', key.apiSecret).update(`GET/realtime${expires}`).digest(), Buffer.from(sign, 'hex'));
          if (!valid || !key) {
            onAuthFailure();
            return reply(client, { req_id: reqId, success: false, ret_msg: typeof expires === 'number' && expires <= serverTime() ? 'Params Error' : 'Request not authorized', op: 'auth' });
          }
          client.account = String(key.uid);
          client.key = key.apiKey;
          return reply(client, { req_id: reqId, success: true, ret_msg: '', op: 'auth' });
        }
        case 'subscribe': {
          if (client.account === null) return reply(client, { req_id: reqId, success: false, ret_msg: 'Request not authorized', op: 'subscribe' });
          if (!args.every((topic) => topic === 'execution')) return reply(client, { req_id: reqId, success: false, ret_msg: `error:handler not found,topic:${String(args[0])}`, op: 'subscribe' });
          client.subscribed = true;
          return reply(client, { req_id: reqId, success: true, ret_msg: '', op: 'subscribe' });
        }
        default:
          return reply(client, { req_id: reqId, success: false, ret_msg: `error:unknown op ${String(frame.op)}`, op: String(frame.op ?? '') });
      }
    },
    frames(_account, rows) {
      const data = rows.map(({ contractType: _internal, ...row }) => row);
      return [JSON.stringify({ topic: 'execution', id: `sim_${rows[0]?.execId ?? ''}`, creationTime: Date.now(), data })];
    },
  };
}

export function attachBybitStream(server: import('node:http').Server, keys: ReadonlyMap<string, SimKey>, serverTime: () => number): SimStreamServer<BybitExecRow> {
  let stream: SimStreamServer<BybitExecRow> | null = null;
  stream = new SimStreamServer(server, bybitStreamProtocol(keys, serverTime, () => stream?.authFailed()));
  return stream;
}
