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
import { badInput, PerpvolError } from '../../core/errors.ts';
import type { FillStreamSession, StreamAdapter, StreamAction } from '../stream/fill-stream.ts';
import { fillActions } from '../stream/fill-actions.ts';
import { parseFrame } from '../stream/parse-frame.ts';
import { BYBIT_MAINNET_ORIGIN, PERP_CATEGORIES, type PerpCategory } from './constants.ts';
import { bybitInstrumentCatalog, newBybitInstrumentCatalog, type BybitInstrumentCatalog } from './instruments.ts';
import { normalizeExecution } from './normalize.ts';
import { ExecutionRowSchema } from './schemas.ts';

/** "We recommend that you send the ping heartbeat packet every 20 seconds" (wss-authentication). */
export const BYBIT_PING_INTERVAL_MS = 20_000;
export const BYBIT_PONG_TIMEOUT_MS = 10_000;
/** How far ahead `expires` is set; the server only requires it to be later than its own clock. */
export const BYBIT_AUTH_EXPIRES_AHEAD_MS = 10_000;
export const BYBIT_EXECUTION_TOPIC = 'execution';

/** The string Bybit's private stream auth signs: "GET/realtime" + expires. */
export function bybitStreamSignature(apiSecret: string, expires: number): string {
  return createHmac('sha256', apiSecret).update(`GET/realtime${expires}`, 'utf8').digest('hex');
}

const OpReply = z.looseObject({ op: z.string(), success: z.boolean().optional(), ret_msg: z.string().optional() });
const ExecutionMessage = z.looseObject({
  topic: z.literal(BYBIT_EXECUTION_TOPIC),
  data: z.array(z.looseObject({ category: z.string() })),
});

export const createBybitFillStream: StreamAdapter = async (context) => {
  const apiKey = context.credentials['apiKey']?.trim();
  const apiSecret = context.credentials['apiSecret']?.trim();
  if (!apiKey || !apiSecret) throw badInput('missing_credentials', 'A Bybit account needs an API key and its API secret.');
  // The same instruments-info catalog the REST connector of this origin reads (BybitClient.origin).
  const instruments = bybitInstrumentCatalog(new URL(context.baseUrl ?? BYBIT_MAINNET_ORIGIN).origin);
  return bybitSession(context.url, apiKey, apiSecret, Date.now, instruments);
};

export function bybitSession(
  url: string,
  apiKey: string,
  apiSecret: string,
  clock: () => number,
  instruments: BybitInstrumentCatalog = newBybitInstrumentCatalog(),
): FillStreamSession {
  let requestId = 0;
  const nextId = (): string => `perpvol-${++requestId}`;
  return {
    exchange: 'bybit',
    url,
    heartbeat: {
      intervalMs: BYBIT_PING_INTERVAL_MS,
      timeoutMs: BYBIT_PONG_TIMEOUT_MS,
      frame: () => JSON.stringify({ req_id: nextId(), op: 'ping' }),
    },
    opening() {
      const expires = clock() + BYBIT_AUTH_EXPIRES_AHEAD_MS;
      return [JSON.stringify({ req_id: nextId(), op: 'auth', args: [apiKey, expires, bybitStreamSignature(apiSecret, expires)] })];
    },
    handle(text): StreamAction[] {
      const frame = parseFrame(text);
      const execution = ExecutionMessage.safeParse(frame);
      if (execution.success) return executionsActions(execution.data.data, instruments);
      const reply = OpReply.safeParse(frame);
      if (!reply.success) return [];
      const { op, success, ret_msg: message = '' } = reply.data;
      if (op === 'pong' || (op === 'ping' && success !== false)) return [{ kind: 'pong' }];
      if (op === 'auth') {
        if (success) return [{ kind: 'send', frame: JSON.stringify({ req_id: nextId(), op: 'subscribe', args: [BYBIT_EXECUTION_TOPIC] }) }];
        return [{ kind: 'refused', permanent: true, error: new PerpvolError('credentials_rejected', 'stream_auth_rejected', `Bybit refused the private stream login (${message || 'no reason given'}). Check that the key is valid and your computer's clock is right; Perpvol keeps polling meanwhile.`) }];
      }
      if (op === 'subscribe') {
        if (success) return [{ kind: 'ready' }];
        return [{ kind: 'refused', permanent: false, error: new PerpvolError('exchange_unavailable', 'stream_subscribe_failed', `Bybit refused the execution subscription (${message || 'no reason given'}).`, true) }];
      }
      return [];
    },
  };
}

function executionsActions(rows: { category: string }[], instruments: BybitInstrumentCatalog): StreamAction[] {
  // spot and option executions are never futures volume (the REST walker does not read them either)
  const perpRows = rows.filter((row) => PERP_CATEGORIES.includes(row.category as PerpCategory));
  return fillActions(
    perpRows,
    (row) => {
      const category = row.category as PerpCategory;
      return normalizeExecution(category, ExecutionRowSchema.parse(row), instruments.known(category));
    },
    'Bybit',
  );
}
