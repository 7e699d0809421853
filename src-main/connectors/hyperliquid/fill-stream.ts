/**
 * Hyperliquid WebSocket (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket):
 * no key, the account is its address. `userFills` is acknowledged by a `subscriptionResponse`, sends
 * a snapshot of recent fills first, then each new fill (WsFill rows have the REST rows' fields). The
 * snapshot repeats stored fills (the store keeps each tid once) and covers what the stream missed
 * while down, up to its size; the REST walker covers the rest.
 */
import { z } from 'zod';
import type { FillStreamProtocol, StreamAdapter, StreamFrame } from '../stream/fill-stream.ts';
import { parseAddress } from './account.ts';
import { normalizeFill } from './normalize.ts';
import { HlFillSchema } from './schemas.ts';

const Frame = z.looseObject({ channel: z.string(), data: z.unknown().optional() });
const UserFillsData = z.looseObject({ user: z.string(), isSnapshot: z.boolean().optional(), fills: z.array(z.unknown()) });

export const createHyperliquidFillStream: StreamAdapter = async (context) => {
  // The same check, code and words as over REST (account.ts): invalid_address either way.
  const address = parseAddress({ address: context.credentials['address'] ?? context.identity ?? '' });
  return hyperliquidStream(context.url, address);
};

export function hyperliquidStream(url: string, address: string): FillStreamProtocol {
  const user = address.toLowerCase();
  return {
    exchange: 'hyperliquid',
    label: 'Hyperliquid',
    url,
    // The server closes a connection silent for 60 s (the SDK pings every 50 s); every 30 s notices a stall within ~40 s.
    heartbeat: { intervalMs: 30_000, frame: () => JSON.stringify({ method: 'ping' }) },
    subscribe: { frames: () => [JSON.stringify({ method: 'subscribe', subscription: { type: 'userFills', user: address } })], what: 'fill subscription' },
    read(raw): StreamFrame | null {
      // the server greets with the plain text "Websocket connection established." (not JSON: no frame)
      const frame = Frame.safeParse(raw);
      if (!frame.success) return null;
      switch (frame.data.channel) {
        case 'pong':
          return { kind: 'pong' };
        case 'subscriptionResponse':
          return { kind: 'subscribed' };
        case 'userFills': {
          const data = UserFillsData.safeParse(frame.data.data);
          if (!data.success) return { kind: 'gap', reason: 'Hyperliquid sent a userFills frame Perpvol could not read' };
          if (data.data.user.toLowerCase() !== user) return null;
          return { kind: 'rows', rows: data.data.fills, snapshot: data.data.isSnapshot === true };
        }
        case 'error':
          return { kind: 'error', reason: String(frame.data.data ?? '') };
        default:
          return null;
      }
    },
    normalize: (row) => normalizeFill(HlFillSchema.parse(row)),
  };
}
