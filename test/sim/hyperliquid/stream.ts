/**
 * Hyperliquid's WebSocket as served (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket):
 * a plain-text greeting, `{"method":"subscribe","subscription":{"type":"userFills","user"}}` answered
 * with `{"channel":"subscriptionResponse",…}`, then a snapshot (`isSnapshot: true`, the user's recent
 * fills) and one `userFills` frame per new fill; `{"method":"ping"}` → `{"channel":"pong"}`. No key:
 * anyone may subscribe to any address.
 */
import type { Server } from 'node:http';
import { SimStreamServer, type SimStreamClient, type SimStreamProtocol } from '../stream/sim-stream-server.ts';
import type { HlFill } from './fills.ts';

export const HYPERLIQUID_SIM_STREAM_PATH = '/ws';
/** How many recent fills the snapshot carries; the docs leave it open (a dialect). */
export const DEFAULT_SNAPSHOT_FILLS = 500;

export function hyperliquidStreamProtocol(recentOf: (user: string) => readonly HlFill[], snapshotFills: number): SimStreamProtocol<HlFill> {
  const send = (client: SimStreamClient, channel: string, data: unknown): void => client.send(JSON.stringify({ channel, data }));
  return {
    matches: (path) => path === HYPERLIQUID_SIM_STREAM_PATH,
    opened: (client) => client.send('Websocket connection established.'),
    received(client, text) {
      let frame: { method?: unknown; subscription?: { type?: unknown; user?: unknown } };
      try {
        frame = JSON.parse(text) as typeof frame;
      } catch {
        return send(client, 'error', `Invalid message: ${text.slice(0, 80)}`);
      }
      if (frame.method === 'ping') return send(client, 'pong', undefined);
      const subscription = frame.subscription;
      if (frame.method !== 'subscribe' || subscription?.type !== 'userFills' || typeof subscription.user !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(subscription.user)) {
        return send(client, 'error', `Invalid subscription ${JSON.stringify(subscription ?? null)}`);
      }
      const user = subscription.user.toLowerCase();
      client.account = user;
      client.subscribed = true;
      send(client, 'subscriptionResponse', { method: 'subscribe', subscription });
      send(client, 'userFills', { isSnapshot: true, user, fills: recentOf(user).slice(0, snapshotFills) });
    },
    frames: (account, rows) => [JSON.stringify({ channel: 'userFills', data: { user: account, fills: rows } })],
  };
}

export function attachHyperliquidStream(server: Server, recentOf: (user: string) => readonly HlFill[], snapshotFills = DEFAULT_SNAPSHOT_FILLS): SimStreamServer<HlFill> {
  return new SimStreamServer(server, hyperliquidStreamProtocol(recentOf, snapshotFills));
}
