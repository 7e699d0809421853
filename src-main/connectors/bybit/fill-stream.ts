/**
 * Bybit V5 private stream (https://bybit-exchange.github.io/docs/v5/ws/connect), topic `execution`. Its
 * `seq` is shared by fills at the same instant and not consecutive, so it cannot reveal a gap: drops and
 * stalls are caught by the connection, and the REST walker runs on every reconnect.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { apiKeyPair } from '../kit/api-key-credential.ts';
import type { FillStreamProtocol, StreamAdapter, StreamFrame } from '../stream/fill-stream.ts';
import { BYBIT_MAINNET_ORIGIN } from './client.ts';
import { InstrumentCatalog } from '../kit/instrument-catalog.ts';
import { bybitInstrumentCatalog, type BybitInstrumentCatalog } from './instruments.ts';
import { normalizeExecution, PERP_CATEGORIES, type PerpCategory } from './normalize.ts';
import { ExecutionRowSchema } from './schemas.ts';

/** How far ahead `expires` is set; the server only requires it to be later than its own clock. */
const AUTH_EXPIRES_AHEAD_MS = 10_000;
const EXECUTION_TOPIC = 'execution';

const OpReply = z.looseObject({ op: z.string(), success: z.boolean().optional(), ret_msg: z.string().optional() });
const ExecutionMessage = z.looseObject({ topic: z.literal(EXECUTION_TOPIC), data: z.array(z.unknown()) });
const Category = z.looseObject({ category: z.string() });

export const createBybitFillStream: StreamAdapter = async (context) => {
  const { apiKey, apiSecret } = apiKeyPair(context.credentials, 'missing_credentials', 'A Bybit account needs an API key and its API secret.');
  // The same instruments-info catalog the REST connector of this origin reads (BybitClient.origin).
  const instruments = bybitInstrumentCatalog(new URL(context.baseUrl ?? BYBIT_MAINNET_ORIGIN).origin);
  return bybitStream(context.url, apiKey, apiSecret, Date.now, instruments);
};

export function bybitStream(url: string, apiKey: string, apiSecret: string, clock: () => number, instruments: BybitInstrumentCatalog = new InstrumentCatalog()): FillStreamProtocol {
  let requestId = 0;
  const request = (op: string, args?: unknown[]): string => JSON.stringify({ req_id: `perpvol-${++requestId}`, op, ...(args ? { args } : {}) });
  return {
    exchange: 'bybit',
    label: 'Bybit',
    url,
    // "We recommend that you send the ping heartbeat packet every 20 seconds"; private pongs are {"op":"pong"}.
    heartbeat: { intervalMs: 20_000, frame: () => request('ping') },
    login: {
      frame() {
        const expires = clock() + AUTH_EXPIRES_AHEAD_MS;
        return request('auth', [apiKey, expires, createHmac('sha256', apiSecret).update(`GET/realtime${expires}`, 'utf8').digest('hex')]);
      },
      advice: "Check that the key is valid and your computer's clock is right; Perpvol keeps polling meanwhile.",
    },
    subscribe: { frames: () => [request('subscribe', [EXECUTION_TOPIC])], what: 'execution subscription' },
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
