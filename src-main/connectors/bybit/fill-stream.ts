/**
 * Bybit V5 private stream (https://bybit-exchange.github.io/docs/v5/ws/connect):
 * - auth: `{"op":"auth","args":[apiKey, expires, signature]}`, signature = hex HMAC-SHA256(secret,
 *   "GET/realtime" + expires), expires a ms timestamp in the future ("Authentication" section);
 * - then `{"op":"subscribe","args":["execution"]}` — the all-in-one execution topic
 *   (https://bybit-exchange.github.io/docs/v5/websocket/private/execution): linear and inverse
 *   executions arrive as `{"topic":"execution","data":[…rows…]}` with the same row fields as
 *   GET /v5/execution/list, so each row goes through the REST connector's own normalizeExecution,
 *   with the same instruments-info catalog (execution types and markets decided alike);
 * - heartbeat `{"op":"ping"}` every 20 s ("we recommend that you send the ping heartbeat packet
 *   every 20 seconds"); private pongs are `{"op":"pong",…}`.
 * Execution `seq` is a cross sequence shared by fills at the same instant and not consecutive, so it
 * cannot reveal a gap; drops and stalls are caught by the connection, and the REST walker runs on
 * every reconnect.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { badInput } from '../../core/errors.ts';
import type { FillStreamProtocol, StreamAdapter, StreamFrame } from '../stream/fill-stream.ts';
import { BYBIT_MAINNET_ORIGIN, PERP_CATEGORIES, type PerpCategory } from './constants.ts';
import { bybitInstrumentCatalog, newBybitInstrumentCatalog, type BybitInstrumentCatalog } from './instruments.ts';
import { normalizeExecution } from './normalize.ts';
import { ExecutionRowSchema } from './schemas.ts';

/** "We recommend that you send the ping heartbeat packet every 20 seconds" (wss-authentication). */
export const BYBIT_PING_INTERVAL_MS = 20_000;
/** How far ahead `expires` is set; the server only requires it to be later than its own clock. */
export const BYBIT_AUTH_EXPIRES_AHEAD_MS = 10_000;
export const BYBIT_EXECUTION_TOPIC = 'execution';

/** The string Bybit's private stream auth signs: "GET/realtime" + expires. */
export function bybitStreamSignature(apiSecret: string, expires: number): string {
  return createHmac('sha256', apiSecret).update(`GET/realtime${expires}`, 'utf8').digest('hex');
}

const OpReply = z.looseObject({ op: z.string(), success: z.boolean().optional(), ret_msg: z.string().optional() });
const ExecutionMessage = z.looseObject({ topic: z.literal(BYBIT_EXECUTION_TOPIC), data: z.array(z.unknown()) });
const Category = z.looseObject({ category: z.string() });

export const createBybitFillStream: StreamAdapter = async (context) => {
  const apiKey = context.credentials['apiKey']?.trim();
  const apiSecret = context.credentials['apiSecret']?.trim();
  if (!apiKey || !apiSecret) throw badInput('missing_credentials', 'A Bybit account needs an API key and its API secret.');
  // The same instruments-info catalog the REST connector of this origin reads (BybitClient.origin).
  const instruments = bybitInstrumentCatalog(new URL(context.baseUrl ?? BYBIT_MAINNET_ORIGIN).origin);
  return bybitStream(context.url, apiKey, apiSecret, Date.now, instruments);
};

export function bybitStream(
  url: string,
  apiKey: string,
  apiSecret: string,
  clock: () => number,
  instruments: BybitInstrumentCatalog = newBybitInstrumentCatalog(),
): FillStreamProtocol {
  let requestId = 0;
  const request = (op: string, args?: unknown[]): string => JSON.stringify({ req_id: `perpvol-${++requestId}`, op, ...(args ? { args } : {}) });
  return {
    exchange: 'bybit',
    label: 'Bybit',
    url,
    heartbeat: { intervalMs: BYBIT_PING_INTERVAL_MS, frame: () => request('ping') },
    login: {
      frame() {
        const expires = clock() + BYBIT_AUTH_EXPIRES_AHEAD_MS;
        return request('auth', [apiKey, expires, bybitStreamSignature(apiSecret, expires)]);
      },
      advice: "Check that the key is valid and your computer's clock is right; Perpvol keeps polling meanwhile.",
    },
    subscribe: { frames: () => [request('subscribe', [BYBIT_EXECUTION_TOPIC])], what: 'execution subscription' },
    read(frame): StreamFrame | null {
      const execution = ExecutionMessage.safeParse(frame);
      if (execution.success) return { kind: 'rows', rows: execution.data.data };
      const reply = OpReply.safeParse(frame);
      if (!reply.success) return null;
      const { op, success, ret_msg: reason = '' } = reply.data;
      if (op === 'pong' || (op === 'ping' && success !== false)) return { kind: 'pong' };
      if (op === 'auth') return success ? { kind: 'logged_in' } : { kind: 'login_refused', refusal: 'credentials', reason };
      if (op === 'subscribe') return success ? { kind: 'subscribed' } : { kind: 'subscribe_refused', reason };
      return null;
    },
    normalize(row) {
      const category = Category.parse(row).category;
      // spot and option executions are never futures volume (the REST walker does not read them either)
      if (!PERP_CATEGORIES.includes(category as PerpCategory)) return { ignored: `${category} execution` };
      return normalizeExecution(category as PerpCategory, ExecutionRowSchema.parse(row), instruments.known(category as PerpCategory));
    },
  };
}
