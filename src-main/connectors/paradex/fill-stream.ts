/**
 * Paradex WebSocket, JSON-RPC 2.0 (https://docs.paradex.trade/ws/general-information/introduction):
 * auth with the REST API's own JWT, then `fills.ALL` (every market), whose rows have the fields of
 * GET /v1/fills and go through the REST connector's normalizeParadexFill and markets catalog; and
 * `tradebusts` (https://docs.paradex.trade/ws/web-socket-channels/tradebusts/tradebusts): the trade
 * ids a bust names (normalize.ts) leave volume at once. The server sends protocol pings every 55 s
 * (`ws` answers them); we send our own, so a stall is noticed in ~40 s.
 */
import { z } from 'zod';
import type { FillStreamProtocol, StreamAdapter, StreamFrame } from '../stream/fill-stream.ts';
import { ParadexClient } from './account-client.ts';
import { InstrumentCatalog } from '../kit/instrument-catalog.ts';
import { MARKETS_KEY, paradexMarketCatalog } from './markets.ts';
import { bustedTradeIds, normalizeParadexFill } from './normalize.ts';
import { fillRowSchema } from './schemas.ts';

const FILLS_CHANNEL = 'fills.ALL';
const TRADEBUSTS_CHANNEL = 'tradebusts';
/** "Malformed Bearer Token", "Invalid Bearer Token" (Authentication Errors). */
const BEARER_ERRORS: ReadonlySet<number> = new Set([40110, 40111]);
const GEO_BLOCKED = 40112;
const AUTH_ID = 0;
const SUBSCRIBE_ID = 1;
const BUSTS_SUBSCRIBE_ID = 2;

const BustData = z.looseObject({ busted_fill_id: z.string().min(1) });

const Reply = z.looseObject({
  id: z.number().optional(),
  method: z.string().optional(),
  result: z.unknown().optional(),
  error: z.looseObject({ code: z.number().optional(), message: z.string().optional() }).optional(),
  params: z.looseObject({ channel: z.string(), data: z.unknown() }).optional(),
});

export const createParadexFillStream: StreamAdapter = async (context, signal) => {
  // A fresh bearer per connection (…/ws/general-information/authentication).
  const client = new ParadexClient({ baseUrl: context.baseUrl, credentials: context.credentials, facts: context.permissions });
  const bearer = await client.token(signal);
  // The same GET /v1/markets catalog the REST connector of this base reads.
  return paradexStream(context.url, bearer, paradexMarketCatalog(client.baseUrl));
};

const subscribe = (channel: string, id: number): string => JSON.stringify({ jsonrpc: '2.0', method: 'subscribe', params: { channel }, id });

export function paradexStream(url: string, bearer: string, markets: InstrumentCatalog = new InstrumentCatalog()): FillStreamProtocol {
  return {
    exchange: 'paradex',
    label: 'Paradex',
    url,
    heartbeat: { intervalMs: 30_000, frame: () => null },
    login: {
      frame: () => JSON.stringify({ jsonrpc: '2.0', method: 'auth', params: { bearer }, id: AUTH_ID }),
      advice: 'The token is invalid or revoked: replace it; Perpvol keeps polling meanwhile.',
    },
    subscribe: { frames: () => [subscribe(FILLS_CHANNEL, SUBSCRIBE_ID), subscribe(TRADEBUSTS_CHANNEL, BUSTS_SUBSCRIBE_ID)], what: 'fills subscription' },
    read(raw): StreamFrame | null {
      const reply = Reply.safeParse(raw);
      if (!reply.success) return null;
      const { id, method, result, error, params } = reply.data;
      if (method === 'subscription' && params?.channel === FILLS_CHANNEL) return { kind: 'rows', rows: [params.data] };
      if (method === 'subscription' && params?.channel === TRADEBUSTS_CHANNEL) {
        const bust = BustData.safeParse(params.data);
        if (!bust.success) return { kind: 'gap', reason: 'Paradex streamed a trade bust Perpvol could not read' };
        return { kind: 'busts', tradeIds: bustedTradeIds(bust.data.busted_fill_id) };
      }
      const reason = error?.message ?? (error?.code !== undefined ? String(error.code) : '');
      if (id === AUTH_ID) {
        if (!error) return { kind: 'logged_in' };
        const refusal = error.code === GEO_BLOCKED ? 'location' : error.code !== undefined && BEARER_ERRORS.has(error.code) ? 'credentials' : 'other';
        return { kind: 'login_refused', refusal, reason };
      }
      // A refused busts subscription costs nothing but time: the REST walker reads GET /v1/tradebusts first on every pass.
      if (id === SUBSCRIBE_ID) return error || result === undefined ? { kind: 'subscribe_refused', reason } : { kind: 'subscribed' };
      return null;
    },
    normalize: (row) => normalizeParadexFill(fillRowSchema.parse(row), markets.known(MARKETS_KEY)),
  };
}
