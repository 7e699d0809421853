/**
 * The adapter of a made-up exchange, "Acme" (test/sim/acme/simulator.ts), written the way
 * docs/adding-an-exchange.md says: a descriptor (data) and the few things that are truly Acme's —
 * its request, its schema, its error table, its normalization, its CSV columns, its stream frames.
 * Everything else is the kit's: the answer reader, the versioned cursor, the loop guard, the limiter key, the CSV
 * toolkit, the stream session.
 * Registered only in tests: `new ExchangeRegistry([...exchanges.all(), acme])`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ExchangeId } from '../../../src-main/core/exchange.ts';
import { badInput } from '../../../src-main/core/errors.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import type { MarketClass } from '../../../src-main/core/instrument.ts';
import { productMicros, usdToMicros } from '../../../src-main/core/usd.ts';
import type { Connector, ConnectorContext, FillPage, SyncCursor } from '../../../src-main/connectors/kit/connector.ts';
import { ExchangeHttpClient } from '../../../src-main/connectors/http/exchange-http-client.ts';
import { sharedRateLimiters } from '../../../src-main/connectors/http/rate-limiter.ts';
import { parseOrMalformed, readAnswer, type ErrorTable, type ExchangeWords, type Said } from '../../../src-main/connectors/kit/error-table.ts';
import type { CsvFormat, RowReader } from '../../../src-main/connectors/kit/csv-format.ts';
import { findColumn, headerKey } from '../../../src-main/connectors/kit/csv/csv-table.ts';
import { defineExchange } from '../../../src-main/connectors/kit/exchange-descriptor.ts';
import type { StreamAdapter } from '../../../src-main/connectors/stream/fill-stream.ts';
import { LoopGuard } from '../../../src-main/connectors/kit/loop-guard.ts';
import { readVersionedCursor, writeCursor } from '../../../src-main/connectors/kit/versioned-cursor.ts';

export const ACME = 'acme' as ExchangeId;
const LABEL = 'Acme';
/** Acme relists trades up to a second late: each incremental pass re-reads this much. */
const OVERLAP_MS = 1_000;

const Trade = z.object({
  id: z.string().regex(/^\d+$/),
  market: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  price: z.string(),
  qty: z.string(),
  fee: z.string(),
  maker: z.boolean(),
  time: z.number().int(),
});
const TradesPage = z.object({ data: z.array(Trade), next: z.string().nullish() });
const Me = z.object({ account: z.string(), canWithdraw: z.boolean() });
const Cursor = z.object({ v: z.literal(1), since: z.number().int(), newest: z.number().int().nullable(), page: z.string().nullable() });

/** Acme's error envelope `{"error": "<code>", "message": "…"}`, at any status. */
const ErrorEnvelope = z.object({ error: z.string(), message: z.string().optional() });
const quoted = ({ words }: Said): string => (words ? ` (${words.code}${words.message ? `: "${words.message.slice(0, 200)}"` : ''})` : '');

/** How Acme says no (kit/error-table.ts): its codes and bare statuses, onto the shared error codes. */
export const ACME_ANSWERS: ErrorTable = {
  label: LABEL,
  readWords(body) {
    const envelope = ErrorEnvelope.safeParse(body);
    return envelope.success ? ({ code: envelope.data.error, message: envelope.data.message ?? '' } satisfies ExchangeWords) : null;
  },
  rows: [
    {
      codes: ['bad_key'],
      bareStatus: [401, 403],
      kind: 'credentials_rejected',
      code: 'invalid_api_key',
      retryable: false,
      means: '"bad_key": the key is unknown or revoked',
      message: (said) => `Acme does not know this API key${quoted(said)}. Create a read-only key in Acme → API keys and add the account again.`,
    },
    {
      codes: ['slow_down'],
      bareStatus: [429],
      kind: 'rate_limited',
      code: 'rate_limited',
      retryable: true,
      retry: 'rate_limit',
      means: '"slow_down", or a bare 429: waited out',
      message: (said) => `Acme throttled this account${quoted(said)} although Perpvol paces itself. Perpvol will continue at the next sync.`,
    },
    {
      codes: ['maintenance'],
      bareStatus: 'server_error',
      kind: 'exchange_unavailable',
      code: 'exchange_maintenance',
      retryable: true,
      retry: 'again',
      means: '"maintenance", or a bare 5xx',
      message: (said) => `Acme could not answer right now${quoted(said) || ` (HTTP ${said.status})`}. Perpvol will try again at the next sync.`,
    },
    {
      anyCode: true,
      kind: 'exchange_unavailable',
      code: 'exchange_error',
      retryable: true,
      means: 'any other code',
      message: (said) => `Acme answered with an error${quoted(said)} (HTTP ${said.status}). Perpvol will try again at the next sync.`,
    },
  ],
};

export function classifyAcmeSymbol(symbol: string): MarketClass {
  if (symbol.endsWith('-PERP')) return 'perpetual';
  return symbol.endsWith('-SPOT') ? 'not_volume' : 'unknown';
}

function toFill(t: { id: string; market: string; side: 'buy' | 'sell'; price: string; qty: string; fee: string; maker: boolean; time: number }): Fill | null {
  if (classifyAcmeSymbol(t.market) !== 'perpetual') return null;
  return {
    exchange: ACME, tradeId: t.id, orderId: null, symbol: t.market, kind: 'perpetual', underlying: t.market.split('-')[0]!,
    side: t.side, price: t.price, qty: t.qty, notionalMicros: productMicros(t.price, t.qty), fee: t.fee, feeCurrency: 'USD',
    feeMicros: usdToMicros(t.fee), liquidity: t.maker ? 'maker' : 'taker', ts: t.time,
  };
}

export function createAcmeConnector(context: ConnectorContext): Connector {
  const apiKey = context.credentials['apiKey'];
  if (!apiKey) throw badInput('missing_credentials', 'An Acme account needs its API key.');
  const baseUrl = context.baseUrl ?? 'https://api.acme.example';
  const digest = createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
  const http = new ExchangeHttpClient({
    answers: ACME_ANSWERS,
    baseUrl,
    limiter: sharedRateLimiters.get(['acme', baseUrl, `key:${digest}`], { capacity: 20, intervalMs: 1_000 }),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  const get = async <T>(path: string, query: [string, string | number | undefined][], schema: z.ZodType<T>, what: string, signal: AbortSignal): Promise<T> => {
    const answer = await http.send({ method: 'GET', path, query, headers: { 'X-ACME-KEY': apiKey } }, signal);
    return parseOrMalformed(LABEL, schema, readAnswer(ACME_ANSWERS, answer), what, answer.where);
  };

  return {
    exchange: ACME,
    async *pages(saved: SyncCursor | null, { signal }): AsyncGenerator<FillPage> {
      const last = readVersionedCursor({ current: Cursor }, saved);
      let cursor = last?.page != null ? last : { v: 1 as const, since: last?.newest != null ? last.newest - OVERLAP_MS : 0, newest: last?.newest ?? null, page: null };
      const guard = new LoopGuard(LABEL);
      for (;;) {
        guard.enter(String(cursor.since), cursor.page);
        const page = await get('/api/trades', [['since', cursor.since], ['limit', 50], ['cursor', cursor.page ?? undefined]], TradesPage, 'a page of trades', signal);
        const fills = page.data.map(toFill).filter((fill): fill is Fill => fill !== null);
        const newest = Math.max(cursor.newest ?? 0, ...page.data.map((t) => t.time));
        const next = guard.follow(page.next ?? null, page.data.length, () => 'pages of trades');
        cursor = { ...cursor, newest: newest || null, page: next };
        yield { fills, cursor: writeCursor(cursor), progress: next === null ? 1 : 0.5, coveredFrom: null, coveredTo: next === null ? cursor.newest : null };
        if (next === null) return;
      }
    },
    async checkCredential(signal) {
      const me = await get('/api/me', [], Me, 'the key owner', signal);
      return { identity: me.account, canWithdrawOrTransfer: me.canWithdraw, permissions: {}, warnings: [] };
    },
  };
}

/** Acme's private stream: log in with the key, subscribe to trades; each trade row is a REST row. */
const StreamFrame = z.looseObject({ op: z.string(), ok: z.boolean().optional(), message: z.string().optional(), data: z.array(z.unknown()).optional() });
const fillStream: StreamAdapter = async (context) => {
  const apiKey = context.credentials['apiKey'];
  if (!apiKey) throw badInput('missing_credentials', 'An Acme account needs its API key.');
  return {
    exchange: ACME,
    label: LABEL,
    url: context.url,
    heartbeat: { intervalMs: 20_000, frame: () => JSON.stringify({ op: 'ping' }) },
    login: { frame: () => JSON.stringify({ op: 'login', key: apiKey }), advice: 'Replace the API key; Perpvol keeps polling meanwhile.' },
    subscribe: { frames: () => [JSON.stringify({ op: 'subscribe', topic: 'trades' })], what: 'trades subscription' },
    read(raw) {
      const frame = StreamFrame.safeParse(raw);
      if (!frame.success) return null;
      const { op, ok, message = '', data } = frame.data;
      if (op === 'login') return ok ? { kind: 'logged_in' } : { kind: 'login_refused', refusal: 'credentials', reason: message };
      if (op === 'subscribed') return { kind: 'subscribed' };
      if (op === 'pong') return { kind: 'pong' };
      if (op === 'trades' && data) return { kind: 'rows', rows: data };
      return op === 'error' ? { kind: 'error', reason: message } : null;
    },
    normalize: (row) => {
      const fill = toFill(Trade.parse(row));
      return fill ? { fill } : { ignored: 'not a perpetual' };
    },
  };
};

/** Acme's export: time,market,side,price,qty,fee,liquidity,trade_id — with the API's trade ids. */
function rowReader(headers: readonly string[]): RowReader {
  const at = (name: string) => findColumn(headers, [headerKey(name)]);
  const [time, market, side, price, qty, fee, liquidity, id] = ['time', 'market', 'side', 'price', 'qty', 'fee', 'liquidity', 'trade_id'].map(at) as number[];
  return (row) => {
    const cell = (i: number) => row.cells[i!] ?? '';
    const fill = toFill({ id: cell(id!), market: cell(market!), side: cell(side!) === 'sell' ? 'sell' : 'buy', price: cell(price!), qty: cell(qty!), fee: cell(fee!), maker: cell(liquidity!) === 'maker', time: Number(cell(time!)) });
    return fill ?? 'skipped';
  };
}

const csv: CsvFormat & { timeZoneHelp: string } = {
  format: 'acme',
  guidance: 'On acme.example open History → Trades → Export',
  timeZoneHelp: 'Acme writes epoch milliseconds.',
  looksLike: (headers) => headers.includes('trade_id') && headers.includes('liquidity'),
  plan: async (headers) => ({ read: rowReader(headers) }),
};

export const acme = defineExchange({
  info: {
    id: ACME,
    label: LABEL,
    helpUrl: 'https://acme.example/api-keys',
    origins: { main: 'https://api.acme.example', test: null },
    credentials: [{
      id: 'api_key', label: 'API key', called: 'an API key', kinds: [],
      fields: [{ name: 'apiKey', label: 'Read-only API key', secret: true, placeholder: 'acme-key-…', pattern: '^acme-key-\\d+$', message: 'an Acme key looks like acme-key-123' }],
      help: 'In Acme → API keys, create a read-only key.',
    }],
    colors: { own: { light: '#65a30d', dark: '#a3e635' }, accounts: [{ light: '#3f6212', dark: '#d9f99d' }] }, // lime
  },
  credentialHint: 'Acme needs {"apiKey"}',
  history: { limit: null, exportPath: null },
  feeTier: {
    windowDays: 30, kinds: ['perpetual'], counts: 'Acme counts 30-day perp volume.', docsUrl: 'https://acme.example/fees',
    table: { asOf: '2026-12-01', source: 'https://acme.example/fees', tiers: [
      { name: 'Base', volumeUsd: 0, makerRate: 0.0002, takerRate: 0.0005 },
      { name: 'Pro', volumeUsd: 1_000_000, makerRate: 0.0001, takerRate: 0.0004 },
    ] },
  },
  stream: { path: '/ws', origins: {} },
  classifySymbol: classifyAcmeSymbol,
  connector: createAcmeConnector,
  fillStream,
  csv,
});
