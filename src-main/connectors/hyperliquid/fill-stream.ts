/**
 * Hyperliquid WebSocket (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket,
 * …/websocket/subscriptions): no key, the account is its address.
 * - `{"method":"subscribe","subscription":{"type":"userFills","user":ADDR}}`, acknowledged by a
 *   `{"channel":"subscriptionResponse",…}` frame;
 * - `{"channel":"userFills","data":{"isSnapshot":true,"user":ADDR,"fills":[…]}}` first (recent fills),
 *   then the same without isSnapshot for each new fill — WsFill rows have the fields of the REST
 *   userFills rows, so they go through the REST connector's normalizeFill (counted, kept aside or left out alike);
 * - heartbeat `{"method":"ping"}` → `{"channel":"pong"}` ("Heartbeats": the server closes a
 *   connection it has not heard from in 60 s; the official SDK pings every 50 s). We ping every
 *   30 s so a silent stall is noticed within ~40 s.
 * The snapshot repeats fills already stored — the store keeps each tid once — and covers what the
 * stream missed while it was down, up to the snapshot's size; the REST walker covers the rest.
 */
import { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import type { FillStreamSession, StreamAdapter, StreamAction } from '../stream/fill-stream.ts';
import { fillActions } from '../stream/fill-actions.ts';
import { parseFrame } from '../stream/parse-frame.ts';
import { parseAddress } from './address.ts';
import { normalizeFill } from './normalize.ts';
import { HlFillSchema } from './schemas.ts';

export const HYPERLIQUID_PING_INTERVAL_MS = 30_000;
export const HYPERLIQUID_PONG_TIMEOUT_MS = 10_000;

const Frame = z.looseObject({ channel: z.string(), data: z.unknown().optional() });
const UserFillsData = z.looseObject({ user: z.string(), isSnapshot: z.boolean().optional(), fills: z.array(z.unknown()) });

export const createHyperliquidFillStream: StreamAdapter = async (context) => {
  // The same check, code and words as over REST (address.ts): invalid_address either way.
  const address = parseAddress({ address: context.credentials['address'] ?? context.identity ?? '' });
  return hyperliquidSession(context.url, address);
};

export function hyperliquidSession(url: string, address: string): FillStreamSession {
  const user = address.toLowerCase();
  return {
    exchange: 'hyperliquid',
    url,
    heartbeat: {
      intervalMs: HYPERLIQUID_PING_INTERVAL_MS,
      timeoutMs: HYPERLIQUID_PONG_TIMEOUT_MS,
      frame: () => JSON.stringify({ method: 'ping' }),
    },
    opening: () => [JSON.stringify({ method: 'subscribe', subscription: { type: 'userFills', user: address } })],
    handle(text): StreamAction[] {
      // the server greets with the plain text "Websocket connection established."
      const frame = Frame.safeParse(parseFrame(text));
      if (!frame.success) return [];
      switch (frame.data.channel) {
        case 'pong':
          return [{ kind: 'pong' }];
        case 'subscriptionResponse':
          return [{ kind: 'ready' }];
        case 'userFills': {
          const data = UserFillsData.safeParse(frame.data.data);
          if (!data.success) return [{ kind: 'gap', reason: 'Hyperliquid sent a userFills frame Perpvol could not read' }];
          if (data.data.user.toLowerCase() !== user) return [];
          return fillActions(data.data.fills, (row) => normalizeFill(HlFillSchema.parse(row)), 'Hyperliquid', data.data.isSnapshot === true);
        }
        case 'error':
          return [{ kind: 'refused', permanent: false, error: new PerpvolError('exchange_unavailable', 'stream_refused', `Hyperliquid refused the fill subscription: ${String(frame.data.data ?? 'no reason given')}`, true) }];
        default:
          return [];
      }
    },
  };
}
