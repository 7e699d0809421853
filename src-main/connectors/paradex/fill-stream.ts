/**
 * Paradex WebSocket, JSON-RPC 2.0 (https://docs.paradex.trade/ws/general-information/introduction):
 * - `{"jsonrpc":"2.0","method":"auth","params":{"bearer":JWT},"id":…}` ("Authentication"); errors
 *   40110 malformed / 40111 invalid bearer / 40112 geo-blocked;
 * - then `{"method":"subscribe","params":{"channel":"fills.ALL"}}` ("Subscription Channels";
 *   `fills.{market_symbol}` in the AsyncAPI reference, ALL for every market);
 * - fills arrive as `{"method":"subscription","params":{"channel":"fills.ALL","data":Fill}}` with
 *   the fields of GET /v1/fills rows (ResponsesFillResult), so each goes through the REST
 *   connector's normalizeParadexFill with the same markets catalog (fill types and markets decided
 *   alike: counted, kept aside as unclassified, or left out);
 * - keep-alive is at the WebSocket protocol level ("The server sends a ping message every 55
 *   seconds"; `ws` answers it); we also send protocol pings, so a stall is noticed in ~40 s.
 * - busts: the private channel `tradebusts` ("fills that are busted by a blockchain",
 *   https://docs.paradex.trade/ws/web-socket-channels/tradebusts/tradebusts), data `{account,
 *   busted_fill_id, created_at}` as GET /v1/tradebusts rows: the trade ids it names (busts.ts) leave
 *   volume at once. A refused busts subscription costs nothing but time: the REST walker reads
 *   GET /v1/tradebusts first on every pass.
 */
import { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import type { FillStreamSession, StreamAdapter, StreamAction } from '../stream/fill-stream.ts';
import { fillActions } from '../stream/fill-actions.ts';
import { parseFrame } from '../stream/parse-frame.ts';
import { paradexApiBaseUrl } from './base-url.ts';
import { bustedTradeIds } from './busts.ts';
import { PARADEX_MAINNET_URL } from './constants.ts';
import { MARKETS_KEY, newParadexMarketCatalog, paradexMarketCatalog, type ParadexMarketCatalog } from './markets.ts';
import { normalizeParadexFill } from './normalize.ts';
import { fillRowSchema } from './schemas.ts';
import { paradexStreamBearer } from './stream-bearer.ts';

export const PARADEX_FILLS_CHANNEL = 'fills.ALL';
export const PARADEX_TRADEBUSTS_CHANNEL = 'tradebusts';
export const PARADEX_PING_INTERVAL_MS = 30_000;
export const PARADEX_PONG_TIMEOUT_MS = 10_000;
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
  const bearer = await paradexStreamBearer(context, signal);
  // The same GET /v1/markets catalog the REST connector of this base reads (account-client.ts).
  const markets = paradexMarketCatalog(paradexApiBaseUrl(context.baseUrl ?? PARADEX_MAINNET_URL));
  return paradexSession(context.url, bearer, markets);
};

export function paradexSession(url: string, bearer: string, markets: ParadexMarketCatalog = newParadexMarketCatalog()): FillStreamSession {
  return {
    exchange: 'paradex',
    url,
    heartbeat: { intervalMs: PARADEX_PING_INTERVAL_MS, timeoutMs: PARADEX_PONG_TIMEOUT_MS, frame: () => null },
    opening: () => [JSON.stringify({ jsonrpc: '2.0', method: 'auth', params: { bearer }, id: AUTH_ID })],
    handle(text): StreamAction[] {
      const reply = Reply.safeParse(parseFrame(text));
      if (!reply.success) return [];
      const { id, method, result, error, params } = reply.data;
      if (method === 'subscription' && params?.channel === PARADEX_FILLS_CHANNEL) {
        return fillActions([params.data], (row) => normalizeParadexFill(fillRowSchema.parse(row), markets.known(MARKETS_KEY)), 'Paradex');
      }
      if (method === 'subscription' && params?.channel === PARADEX_TRADEBUSTS_CHANNEL) {
        const bust = BustData.safeParse(params.data);
        if (!bust.success) return [{ kind: 'gap', reason: 'Paradex streamed a trade bust Perpvol could not read' }];
        return [{ kind: 'fills', fills: [], unclassified: [], bustedTradeIds: bustedTradeIds(bust.data.busted_fill_id), snapshot: false }];
      }
      if (id === AUTH_ID) {
        if (error) return [refusal(error.code, error.message)];
        return [
          { kind: 'send', frame: JSON.stringify({ jsonrpc: '2.0', method: 'subscribe', params: { channel: PARADEX_FILLS_CHANNEL }, id: SUBSCRIBE_ID }) },
          { kind: 'send', frame: JSON.stringify({ jsonrpc: '2.0', method: 'subscribe', params: { channel: PARADEX_TRADEBUSTS_CHANNEL }, id: BUSTS_SUBSCRIBE_ID }) },
        ];
      }
      if (id === SUBSCRIBE_ID) {
        if (error || result === undefined) {
          return [{ kind: 'refused', permanent: false, error: new PerpvolError('exchange_unavailable', 'stream_subscribe_failed', `Paradex refused the fills subscription (${error?.message ?? 'no reason given'}).`, true) }];
        }
        return [{ kind: 'ready' }];
      }
      return [];
    },
  };
}

function refusal(code: number | undefined, message: string | undefined): StreamAction {
  if (code !== undefined && BEARER_ERRORS.has(code)) {
    return { kind: 'refused', permanent: true, error: new PerpvolError('credentials_rejected', 'stream_auth_rejected', `Paradex refused the stream login (${message ?? code}): the token is invalid or revoked. Replace it; Perpvol keeps polling meanwhile.`) };
  }
  if (code === GEO_BLOCKED) {
    return { kind: 'refused', permanent: true, error: new PerpvolError('credentials_rejected', 'stream_geo_blocked', 'Paradex refuses streams from this location (geo IP blocked); Perpvol keeps polling instead.') };
  }
  return { kind: 'refused', permanent: false, error: new PerpvolError('exchange_unavailable', 'stream_auth_failed', `Paradex did not accept the stream login (${message ?? code ?? 'no reason given'}).`, true) };
}
