/**
 * Paradex's WebSocket as served (https://docs.paradex.trade/ws/general-information/introduction),
 * JSON-RPC 2.0 on `/v1`: `auth` with `{"bearer": JWT}` (40110 malformed, 40111 invalid or expired),
 * `subscribe` to `fills.ALL` or `fills.{market}` and `tradebusts` only after auth, each fill pushed
 * as `{"method":"subscription","params":{"channel","data":fill}}` and each bust, once the chain
 * made it, on the `tradebusts` channel (a socket gets only the channels it subscribed to),
 * keep-alive by WebSocket protocol pings. The docs say a connection stays authenticated for its lifetime; `sessionEndsWithJwt` is
 * the other reading (the server ends the session once the JWT it was opened with expires).
 */
import type { Server } from 'node:http';
import { SimStreamServer, type SimStreamClient, type SimStreamProtocol } from '../stream/sim-stream-server.ts';
import type { SimJwtIssuer } from './sim-auth.ts';
import type { SimBust, SimFillRow } from './sim-history.ts';

/** What the stream pushes: a new fill, or a bust the chain just made. */
export type ParadexStreamRow = SimFillRow | SimBust;
const isBust = (row: ParadexStreamRow): row is SimBust => 'busted_fill_id' in row;
const TRADEBUSTS = 'tradebusts';

export const PARADEX_SIM_STREAM_PATH = '/v1';

export interface ParadexStreamOptions {
  jwt: SimJwtIssuer;
  now: () => number;
  /** The account an address names (the JWT's subject), or undefined. */
  accountOf: (address: string) => string | undefined;
  sessionEndsWithJwt: boolean;
  onAuthFailure: () => void;
}

export function paradexStreamProtocol(options: ParadexStreamOptions): SimStreamProtocol<ParadexStreamRow> {
  const expiries = new WeakMap<SimStreamClient, number>();
  const channels = new WeakMap<SimStreamClient, Set<string>>();
  const result = (client: SimStreamClient, id: unknown, body: unknown): void =>
    client.send(JSON.stringify({ jsonrpc: '2.0', result: body, usIn: options.now() * 1000, usDiff: 100, id }));
  const error = (client: SimStreamClient, id: unknown, code: number, message: string): void =>
    client.send(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, usIn: options.now() * 1000, usDiff: 100, id }));
  return {
    matches: (path) => path === PARADEX_SIM_STREAM_PATH || path === `${PARADEX_SIM_STREAM_PATH}/`,
    protocolPings: true,
    received(client, text) {
      let frame: { id?: unknown; method?: unknown; params?: { bearer?: unknown; channel?: unknown } };
      try {
        frame = JSON.parse(text) as typeof frame;
      } catch {
        return error(client, null, -32700, 'Parse error');
      }
      if (frame.method === 'auth') {
        const bearer = frame.params?.bearer;
        if (typeof bearer !== 'string' || bearer.split('.').length !== 3) {
          options.onAuthFailure();
          return error(client, frame.id, 40110, 'Malformed Bearer Token');
        }
        const claims = options.jwt.read(bearer);
        const account = claims ? options.accountOf(claims.sub) : undefined;
        if (!claims || !account || claims.exp <= Math.floor(options.now() / 1000)) {
          options.onAuthFailure();
          return error(client, frame.id, 40111, 'Invalid Bearer Token');
        }
        client.account = account;
        expiries.set(client, claims.exp * 1000);
        return result(client, frame.id, { node_id: 'sim-node' });
      }
      if (frame.method === 'subscribe') {
        const channel = frame.params?.channel;
        if (typeof channel !== 'string' || !(channel === TRADEBUSTS || /^fills\.[A-Z0-9-]+$/.test(channel))) return error(client, frame.id, -32602, `invalid channel ${String(channel)}`);
        if (client.account === null) return error(client, frame.id, 40100, 'Unauthorized: authenticate first');
        const mine = channels.get(client) ?? new Set<string>();
        if (mine.has(channel)) return error(client, frame.id, 40600, 'already subscribed');
        mine.add(channel);
        channels.set(client, mine);
        client.subscribed = true;
        return result(client, frame.id, { channel });
      }
      return error(client, frame.id, -32601, `method not found: ${String(frame.method)}`);
    },
    frames: (_account, rows) =>
      rows.map((row) => {
        if (isBust(row)) return JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel: TRADEBUSTS, data: row } });
        const { seq: _seq, assetKind: _kind, ...fill } = row;
        return JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel: 'fills.ALL', data: fill } });
      }),
    wants: (client, frame) => {
      const mine = channels.get(client);
      const bust = frame.includes(`"channel":"${TRADEBUSTS}"`);
      return bust ? mine?.has(TRADEBUSTS) === true : [...(mine ?? [])].some((channel) => channel.startsWith('fills.'));
    },
    sessionExpired: (client: SimStreamClient) => options.sessionEndsWithJwt && (expiries.get(client) ?? Infinity) <= options.now(),
  } as SimStreamProtocol<ParadexStreamRow>;
}

export function attachParadexStream(server: Server, options: Omit<ParadexStreamOptions, 'onAuthFailure'>): SimStreamServer<ParadexStreamRow> {
  let stream: SimStreamServer<ParadexStreamRow> | null = null;
  stream = new SimStreamServer(server, paradexStreamProtocol({ ...options, onAuthFailure: () => stream?.authFailed() }));
  return stream;
}
