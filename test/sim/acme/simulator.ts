/**
 * A made-up exchange, "Acme", for docs/adding-an-exchange.md: the smallest simulator an adapter
 * ships with, built like the real ones (deterministic history from a seed, truth computed here,
 * never from src-main) and with the dialect switches its adapter must survive:
 * - `order`: rows oldest first or newest first;
 * - `lastPage`: the last page says `"next": null`, leaves `next` out, or points back at its own cursor with no rows;
 * - `pageCap`: the server serves fewer rows than asked without saying so.
 *
 * API: GET /api/me and GET /api/trades?since=<ms>&limit=<n>&cursor=<c>, both with header
 * X-ACME-KEY. Errors are `{"error": "<code>", "message"}`: `bad_key` (401), `slow_down` (429),
 * `maintenance` (503), `not_found` (404). A trade row: {id, market, side, price, qty, fee, maker, time}; BTC-PERP and ETH-PERP
 * are perpetuals, BTC-SPOT is spot (never volume). Its CSV export has the same columns.
 *
 * Private stream at /ws (the same origin): `{"op":"login","key"}` → `{"op":"login","ok"}`, then
 * `{"op":"subscribe","topic":"trades"}` → `{"op":"subscribed"}`; each new trade arrives as
 * `{"op":"trades","data":[row]}`; `{"op":"ping"}` → `{"op":"pong"}`. The shared faults of
 * test/sim/stream (drops, stalls, refusal) apply.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimStreamServer, type SimStreamClient, type SimStreamControl } from '../stream/sim-stream-server.ts';

export interface AcmeDialect {
  order: 'oldest-first' | 'newest-first';
  lastPage: 'null' | 'absent' | 'self';
  pageCap: number | null;
}
export const ACME_DIALECTS: AcmeDialect[] = (['oldest-first', 'newest-first'] as const).flatMap((order) =>
  (['null', 'absent', 'self'] as const).flatMap((lastPage) => [null, 7].map((pageCap) => ({ order, lastPage, pageCap }))),
);

export interface AcmeTrade {
  id: string;
  market: 'BTC-PERP' | 'ETH-PERP' | 'BTC-SPOT';
  side: 'buy' | 'sell';
  /** Two decimals, three decimals, six decimals (USD). */
  price: string;
  qty: string;
  fee: string;
  maker: boolean;
  time: number;
}

export interface AcmeSimulator {
  baseUrl: string;
  apiKey: string;
  trades: AcmeTrade[];
  /** Adds `count` trades at `at` (ms), for incremental syncs; pushed on the private stream too. */
  trade(count: number, at: number): void;
  /** The next `count` answers to /api/trades are JSON of the wrong shape. */
  wrongShape(count: number): void;
  /** The next `count` answers to /api/trades are this error: 429 `slow_down` or 503 `maintenance`. */
  refuse(count: number, error: 'slow_down' | 'maintenance'): void;
  /** Perp volume per UTC day in micro-dollars, from the trades' own decimals. */
  truth(): Map<string, bigint>;
  /** The file the exchange would export: every trade, CSV. */
  csvExport(): string;
  requests(): number;
  streams: SimStreamControl;
  close(): Promise<void>;
}

const API_KEY = 'acme-key-1';
const ACCOUNT = 'acme-7';

const MARKETS = ['BTC-PERP', 'ETH-PERP', 'BTC-SPOT'] as const;

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startAcmeSimulator(options: { seed: number; trades: number; days: number; now: number; dialect: AcmeDialect }): Promise<AcmeSimulator> {
  const rand = random(options.seed);
  const trades: AcmeTrade[] = [];
  let nextId = 1000;
  const make = (time: number): AcmeTrade => {
    const market = MARKETS[Math.floor(rand() * MARKETS.length)]!;
    const cents = 100_000 + Math.floor(rand() * 9_000_000);
    return {
      id: String(nextId++),
      market,
      side: rand() < 0.5 ? 'buy' : 'sell',
      price: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      qty: `0.${String(1 + Math.floor(rand() * 998)).padStart(3, '0')}`,
      fee: `0.${String(Math.floor(rand() * 999_999)).padStart(6, '0')}`,
      maker: rand() < 0.4,
      time,
    };
  };
  for (let i = 0; i < options.trades; i++) trades.push(make(options.now - Math.floor(rand() * options.days * 86_400_000)));
  // Several trades in one millisecond, across a page edge.
  for (let i = 0; i < 4; i++) trades.push({ ...make(options.now - 3_600_000) });
  let wrong = 0;
  const refusals: ('slow_down' | 'maintenance')[] = [];
  let served = 0;

  const sorted = () => [...trades].sort((a, b) => a.time - b.time || Number(a.id) - Number(b.id));
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    served++;
    const url = new URL(req.url ?? '/', 'http://acme');
    if (req.headers['x-acme-key'] !== API_KEY) return reply(res, 401, { error: 'bad_key', message: 'unknown API key' });
    if (url.pathname === '/api/me') return reply(res, 200, { account: ACCOUNT, canWithdraw: false });
    if (url.pathname !== '/api/trades') return reply(res, 404, { error: 'not_found' });
    const refusal = refusals.shift();
    if (refusal === 'slow_down') return reply(res, 429, { error: 'slow_down', message: 'too many requests' });
    if (refusal === 'maintenance') return reply(res, 503, { error: 'maintenance', message: 'back soon' });
    if (wrong > 0) {
      wrong--;
      return reply(res, 200, { ok: true });
    }
    const since = Number(url.searchParams.get('since') ?? 0);
    const asked = Math.min(100, Number(url.searchParams.get('limit') ?? 50));
    const limit = options.dialect.pageCap === null ? asked : Math.min(asked, options.dialect.pageCap);
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    let rows = sorted().filter((t) => t.time >= since);
    if (options.dialect.order === 'newest-first') rows = rows.reverse();
    const page = rows.slice(offset, offset + limit);
    const more = offset + limit < rows.length;
    if (more) return reply(res, 200, { data: page, next: String(offset + limit) });
    if (options.dialect.lastPage === 'absent') return reply(res, 200, { data: page });
    if (options.dialect.lastPage === 'null' || page.length === 0) return reply(res, 200, { data: page, next: options.dialect.lastPage === 'self' ? String(offset) : null });
    // 'self': the last rows, then an empty page that points at itself.
    return reply(res, 200, { data: page, next: String(offset + limit) });
  });
  const streams = new SimStreamServer<AcmeTrade>(server, {
    matches: (path) => path === '/ws',
    received(client: SimStreamClient, text: string) {
      let frame: { op?: unknown; key?: unknown; topic?: unknown };
      try {
        frame = JSON.parse(text) as typeof frame;
      } catch {
        return client.send(JSON.stringify({ op: 'error', message: 'not JSON' }));
      }
      if (frame.op === 'ping') return client.send(JSON.stringify({ op: 'pong' }));
      if (frame.op === 'login') {
        const ok = frame.key === API_KEY;
        if (ok) Object.assign(client, { account: ACCOUNT, key: API_KEY });
        else streams.authFailed();
        return client.send(JSON.stringify({ op: 'login', ok, ...(ok ? {} : { message: 'unknown API key' }) }));
      }
      if (frame.op === 'subscribe' && frame.topic === 'trades' && client.account) {
        client.subscribed = true;
        return client.send(JSON.stringify({ op: 'subscribed' }));
      }
      client.send(JSON.stringify({ op: 'error', message: `cannot ${String(frame.op)} now` }));
    },
    frames: (_account, rows) => rows.map((row) => JSON.stringify({ op: 'trades', data: [row] })),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey: API_KEY,
    trades,
    trade(count, at) {
      const made = Array.from({ length: count }, () => make(at));
      trades.push(...made);
      streams.publish(ACCOUNT, made);
    },
    wrongShape(count) {
      wrong += count;
    },
    refuse(count, error) {
      for (let i = 0; i < count; i++) refusals.push(error);
    },
    truth() {
      const days = new Map<string, bigint>();
      for (const t of trades) {
        if (t.market === 'BTC-SPOT') continue;
        const micros = (BigInt(t.price.replace('.', '')) * BigInt(t.qty.replace('.', ''))) * 10n; // cents × milli = 1e-5 USD
        const day = new Date(t.time).toISOString().slice(0, 10);
        days.set(day, (days.get(day) ?? 0n) + micros);
      }
      return days;
    },
    csvExport() {
      const rows = sorted().map((t) => [t.time, t.market, t.side, t.price, t.qty, t.fee, t.maker ? 'maker' : 'taker', t.id].join(','));
      return ['time,market,side,price,qty,fee,liquidity,trade_id', ...rows].join('\n') + '\n';
    },
    requests: () => served,
    streams,
    close: async () => {
      await streams.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
