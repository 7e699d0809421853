/**
 * WOO X private stream, v2 (https://docs.woox.io/#websocket-api-v2): one connection per account at
 * `wss://wss.woox.io/v2/ws/private/stream/{application_id}`.
 * - auth: `{"id","event":"auth","params":{"apikey","sign","timestamp"}}`, sign = hex HMAC-SHA256
 *   (secret, "|" + timestamp) — the v1 signing rule with no parameters ("Authentication");
 * - then `{"id","event":"subscribe","topic":"executionreport"}`; every execution report of the
 *   account arrives as `{"topic":"executionreport","ts","data":{…}}`; a report with a tradeId and
 *   an executed quantity is a fill, mapped onto the transaction-history row and normalized by the
 *   REST connector's own normalizeTransaction (the same decisions as a REST page: counted, kept aside
 *   as unclassified, or left out);
 * - the server pings `{"event":"ping"}` and expects `{"event":"pong"}`; the client may ping too.
 *
 * Why v2 and not the v3 listen-key stream (developer.woox.io "WebSocket Introduction"): a v3
 * listen key is created by `POST /v3/account/listenKey`, and "if a valid listen key already exists,
 * the system will create a new one and immediately expire the old key" — a volume tracker must not
 * cut off the trader's own bot streaming on the same account. v2 signs each connection with the key
 * itself and touches nothing else; it needs the application id, which the key check records.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PerpvolError } from '../../core/errors.ts';
import type { FillStreamProtocol, StreamAdapter, StreamFrame } from '../stream/fill-stream.ts';
import { APPLICATION_ID_PLACEHOLDER } from '../stream/stream-url.ts';
import { WooxClient } from './client.ts';
import { ACCOUNT_INFO_PATH, WOOX_MAINNET_ORIGIN } from './constants.ts';
import { normalizeTransaction } from './normalize.ts';
import { accountInfoSchema, transactionRowSchema } from './schemas.ts';
import { hmacSha256Hex } from './sign.ts';

export const WOOX_EXECUTION_TOPIC = 'executionreport';
export const WOOX_PING_INTERVAL_MS = 30_000;

/** v2 private auth signs "|" + timestamp (ms). */
export function wooxStreamSignature(apiSecret: string, timestamp: number): string {
  return hmacSha256Hex(apiSecret, `|${timestamp}`);
}

const Frame = z.looseObject({
  event: z.string().optional(),
  topic: z.string().optional(),
  success: z.boolean().optional(),
  errorMsg: z.string().optional(),
  data: z.unknown().optional(),
});
/** Only what makes a report a fill; the row schema of the REST connector checks the rest. */
const FillReport = z.looseObject({ tradeId: z.union([z.string(), z.number()]), executedQuantity: z.union([z.string(), z.number()]) });

/** Application ids learned by asking the exchange, per key (keys added without a check lack it). */
const applicationIds = new Map<string, string>();

export const createWooxFillStream: StreamAdapter = async (context, signal) => {
  const apiKey = context.credentials['apiKey']?.trim() ?? '';
  const apiSecret = context.credentials['apiSecret']?.trim() ?? '';
  if (!apiKey || !apiSecret) throw new PerpvolError('bad_input', 'credentials_incomplete', 'A WOO X account needs an API key and its secret.');
  let url = context.url;
  if (url.includes(APPLICATION_ID_PLACEHOLDER)) {
    url = url.replace(APPLICATION_ID_PLACEHOLDER, encodeURIComponent(await applicationIdOf(context.permissions, context.baseUrl, apiKey, apiSecret, signal)));
  }
  return wooxStream(url, apiKey, apiSecret, Date.now);
};

async function applicationIdOf(permissions: Record<string, unknown>, baseUrl: string | null, apiKey: string, apiSecret: string, signal: AbortSignal): Promise<string> {
  const known = permissions['applicationId'];
  if (typeof known === 'string' && known) return known;
  const tag = createHash('sha256').update(apiKey).digest('hex');
  const cached = applicationIds.get(tag);
  if (cached) return cached;
  const client = new WooxClient({ baseUrl: baseUrl ?? WOOX_MAINNET_ORIGIN, key: { apiKey, apiSecret } });
  const info = await client.get(ACCOUNT_INFO_PATH, [], accountInfoSchema, signal);
  applicationIds.set(tag, info.data.applicationId);
  return info.data.applicationId;
}

export function wooxStream(url: string, apiKey: string, apiSecret: string, clock: () => number): FillStreamProtocol {
  let requestId = 0;
  const nextId = (): string => `perpvol-${++requestId}`;
  return {
    exchange: 'woox',
    label: 'WOO X',
    url,
    heartbeat: { intervalMs: WOOX_PING_INTERVAL_MS, frame: () => JSON.stringify({ event: 'ping' }) },
    login: {
      frame() {
        const timestamp = clock();
        return JSON.stringify({ id: nextId(), event: 'auth', params: { apikey: apiKey, sign: wooxStreamSignature(apiSecret, timestamp), timestamp } });
      },
      advice: "Check the key and your computer's clock; Perpvol keeps polling meanwhile.",
    },
    subscribe: { frames: () => [JSON.stringify({ id: nextId(), event: 'subscribe', topic: WOOX_EXECUTION_TOPIC })], what: 'execution report subscription' },
    // Trade and order ids can exceed 2^53: keep their digits as text before JSON.parse.
    parse: (text) => JSON.parse(text.replace(/"(tradeId|orderId)"(\s*):(\s*)(-?\d+)(?=\s*[,}\]])/g, '"$1"$2:$3"$4"')) as unknown,
    read(raw): StreamFrame | null {
      const frame = Frame.safeParse(raw);
      if (!frame.success) return null;
      const { event, topic, success, errorMsg: reason = '', data } = frame.data;
      // one report per frame as documented; an array is read too (the docs show both shapes elsewhere)
      if (topic === WOOX_EXECUTION_TOPIC) return { kind: 'rows', rows: Array.isArray(data) ? data : [data] };
      switch (event) {
        case 'ping':
          // the server's own heartbeat: answered, but it is no answer to ours
          return { kind: 'ping', answer: JSON.stringify({ event: 'pong', ts: clock() }) };
        case 'pong':
          return { kind: 'pong' };
        case 'auth':
          return success ? { kind: 'logged_in' } : { kind: 'login_refused', refusal: 'credentials', reason };
        case 'subscribe':
          return success ? { kind: 'subscribed' } : { kind: 'subscribe_refused', reason };
        default:
          return null;
      }
    },
    normalize(report) {
      // an execution report that is not a fill (an order placed, cancelled…) is no volume
      const fill = FillReport.safeParse(report);
      if (!fill.success || !(Number(fill.data.executedQuantity) > 0)) return { ignored: 'an execution report without a fill' };
      return normalizeTransaction(transactionRowSchema.parse(toTransactionRow(fill.data)));
    },
  };
}

/** An execution report in the shape of a /v3/trade/transactionHistory row (the same trade id). */
function toTransactionRow(report: Record<string, unknown>): Record<string, unknown> {
  return {
    id: report['tradeId'],
    symbol: report['symbol'],
    orderId: report['orderId'],
    executedPrice: report['executedPrice'],
    executedQuantity: report['executedQuantity'],
    isMaker: report['maker'],
    side: report['side'],
    fee: report['fee'],
    feeAsset: report['feeAsset'],
    executedTimestamp: report['timestamp'],
  };
}
