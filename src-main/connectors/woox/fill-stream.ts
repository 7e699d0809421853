/**
 * WOO X private stream v2 (https://docs.woox.io/#websocket-api-v2), one connection per account:
 * auth signs "|" + timestamp (the v1 rule with no parameters), then the `executionreport` topic; a
 * report with a tradeId and an executed quantity is a fill, read as a transactionHistory row.
 * Not the v3 listen-key stream: creating a v3 listen key "will … immediately expire the old key", the
 * trader's own bot's (docs/live-updates.md, "Live updates"). v2 signs with the key alone and touches
 * nothing, but needs the application id.
 */
import { z } from 'zod';
import { apiKeyPair } from '../kit/api-key-credential.ts';
import type { FillStreamProtocol, StreamAdapter, StreamFrame } from '../stream/fill-stream.ts';
import { APPLICATION_ID_PLACEHOLDER } from '../stream/stream-url.ts';
import { ACCOUNT_INFO_PATH, hmacSha256Hex, keyTag, WOOX_MAINNET_ORIGIN, WooxClient, type WooxKey } from './client.ts';
import { normalizeTransaction } from './normalize.ts';
import { accountInfoSchema, quoteLargeIntegers, transactionRowSchema } from './schemas.ts';

const EXECUTION_TOPIC = 'executionreport';

const Frame = z.looseObject({
  event: z.string().optional(),
  topic: z.string().optional(),
  success: z.boolean().optional(),
  errorMsg: z.string().optional(),
  data: z.unknown().optional(),
});
/** Only what makes a report a fill; the row schema of the REST connector checks the rest. */
const FillReport = z.looseObject({ tradeId: z.union([z.string(), z.number()]), executedQuantity: z.union([z.string(), z.number()]) });
/** Transaction-history field ← execution-report field (the same trade id). */
const ROW_FIELD_FROM_REPORT = {
  id: 'tradeId', symbol: 'symbol', orderId: 'orderId', executedPrice: 'executedPrice', executedQuantity: 'executedQuantity',
  isMaker: 'maker', side: 'side', fee: 'fee', feeAsset: 'feeAsset', executedTimestamp: 'timestamp',
} as const;

/** Application ids learned by asking the exchange, per key digest (keys added without a check lack it). */
const applicationIds = new Map<string, string>();

export const createWooxFillStream: StreamAdapter = async (context, signal) => {
  const key = apiKeyPair(context.credentials, 'credentials_incomplete', 'A WOO X account needs an API key and its secret.');
  let url = context.url;
  if (url.includes(APPLICATION_ID_PLACEHOLDER)) {
    url = url.replace(APPLICATION_ID_PLACEHOLDER, encodeURIComponent(await applicationIdOf(context.permissions, context.baseUrl, key, signal)));
  }
  return wooxStream(url, key.apiKey, key.apiSecret, Date.now);
};

async function applicationIdOf(permissions: Record<string, unknown>, baseUrl: string | null, key: WooxKey, signal: AbortSignal): Promise<string> {
  const known = permissions['applicationId'];
  if (typeof known === 'string' && known) return known;
  const tag = keyTag(key.apiKey);
  const cached = applicationIds.get(tag);
  if (cached) return cached;
  const client = new WooxClient({ baseUrl: baseUrl ?? WOOX_MAINNET_ORIGIN, key });
  const { applicationId } = (await client.get(ACCOUNT_INFO_PATH, [], accountInfoSchema, signal)).data;
  applicationIds.set(tag, applicationId);
  return applicationId;
}

export function wooxStream(url: string, apiKey: string, apiSecret: string, clock: () => number): FillStreamProtocol {
  let requestId = 0;
  const nextId = (): string => `perpvol-${++requestId}`;
  return {
    exchange: 'woox',
    label: 'WOO X',
    url,
    heartbeat: { intervalMs: 30_000, frame: () => JSON.stringify({ event: 'ping' }) },
    login: {
      frame() {
        const timestamp = clock();
        const sign = hmacSha256Hex(apiSecret, `|${timestamp}`);
        return JSON.stringify({ id: nextId(), event: 'auth', params: { apikey: apiKey, sign, timestamp } });
      },
      advice: "Check the key and your computer's clock; Perpvol keeps polling meanwhile.",
    },
    subscribe: { frames: () => [JSON.stringify({ id: nextId(), event: 'subscribe', topic: EXECUTION_TOPIC })], what: 'execution report subscription' },
    parse: (text) => JSON.parse(quoteLargeIntegers(text)) as unknown,
    read(raw): StreamFrame | null {
      const frame = Frame.safeParse(raw);
      if (!frame.success) return null;
      const { event, topic, success, errorMsg: reason = '', data } = frame.data;
      // one report per frame as documented; an array is read too (the docs show both shapes elsewhere)
      if (topic === EXECUTION_TOPIC) return { kind: 'rows', rows: Array.isArray(data) ? data : [data] };
      // the server's own ping is answered, but it is no answer to ours
      if (event === 'ping') return { kind: 'ping', answer: JSON.stringify({ event: 'pong', ts: clock() }) };
      if (event === 'pong') return { kind: 'pong' };
      if (event === 'auth') return success ? { kind: 'logged_in' } : { kind: 'login_refused', refusal: 'credentials', reason };
      if (event === 'subscribe') return success ? { kind: 'subscribed' } : { kind: 'subscribe_refused', reason };
      return null;
    },
    normalize(report) {
      // an execution report that is not a fill (an order placed, cancelled…) is no volume
      const fill = FillReport.safeParse(report);
      if (!fill.success || !(Number(fill.data.executedQuantity) > 0)) return { ignored: 'an execution report without a fill' };
      const row = Object.fromEntries(Object.entries(ROW_FIELD_FROM_REPORT).map(([to, from]) => [to, fill.data[from]]));
      return normalizeTransaction(transactionRowSchema.parse(row));
    },
  };
}
