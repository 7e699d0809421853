/**
 * GET /api/v1/tiers while every exchange is unreachable: 20 accounts on each of the four
 * exchanges, each exchange unreachable in its own way — Bybit refuses the connection, WOO X's host
 * does not resolve, Hyperliquid and Paradex accept the connection and never answer — while the
 * server's background sync of all 80 accounts runs against them. The tiers answer must come within
 * 2 s (p99) however long the exchanges stay silent: it answers with what it knows.
 *
 * Each round first changes the accounts (adds and removes one), which makes the server forget what
 * the exchanges said and ask them again: every round's first request is the worst case.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnServe } from '../test/support/serve-process.ts';

const ACCOUNTS_PER_EXCHANGE = 20;
const ROUNDS = 12;
const REQUESTS_PER_ROUND = 5;
const TARGET_P99_MS = 2_000;
const TOKEN = 'bench-token-0123456789-0123456789abcdef';
const MASTER_KEY = 'bench-master-key-0123456789abcdef';

/** A port nothing listens on: connections are refused at once. */
async function refusingUrl(): Promise<string> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Accepts connections and never says a word: an exchange behind a dead route or a hung proxy. */
async function silentServer(): Promise<{ url: string; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

function accountInput(exchange: string, i: number, urls: { refused: string; unresolvable: string; silent: string }): Record<string, unknown> {
  const label = `${exchange} ${i}`;
  switch (exchange) {
    case 'bybit':
      return { exchange, label, baseUrl: urls.refused, credentials: { apiKey: `BENCHKEY${hex(i, 8)}`, apiSecret: `bench-secret-${i}` }, validate: false };
    case 'woox':
      return { exchange, label, baseUrl: urls.unresolvable, credentials: { apiKey: `benchkey${hex(i, 14)}==`, apiSecret: `BENCHSECRET${hex(i, 21)}` }, validate: false };
    case 'hyperliquid':
      return { exchange, label, baseUrl: urls.silent, credentials: { address: `0x${hex(i + 1, 40)}` }, validate: false };
    default:
      return { exchange, label, baseUrl: urls.silent, credentials: { address: `0x${hex(i + 1, 63)}`, privateKey: `0x${hex(i + 7, 63)}` }, validate: false };
  }
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export default async function run(): Promise<{ title: string; markdown: string }> {
  const root = mkdtempSync(join(tmpdir(), 'perpvol-bench-tiers-'));
  const silent = await silentServer();
  const urls = { refused: await refusingUrl(), unresolvable: 'http://perpvol-bench-exchange.invalid', silent: silent.url };
  const serving = await spawnServe({ dataDir: root, env: { PERPVOL_API_TOKEN: TOKEN, PERPVOL_MASTER_KEY: MASTER_KEY, PERPVOL_DATABASE_URL: '', PERPVOL_STREAMS: 'off' } });
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any; ms: number }> => {
    const started = performance.now();
    const response = await fetch(`${serving.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null, ms: performance.now() - started };
  };
  try {
    for (const exchange of ['bybit', 'woox', 'hyperliquid', 'paradex']) {
      for (let i = 0; i < ACCOUNTS_PER_EXCHANGE; i++) {
        const added = await call('POST', '/api/v1/accounts', accountInput(exchange, i, urls));
        if (added.status !== 201) throw new Error(`adding ${exchange} ${i}: ${added.status} ${JSON.stringify(added.json)}`);
      }
    }
    const sync = await call('POST', '/api/v1/sync', {});
    if (sync.status >= 300) throw new Error(`sync: ${sync.status} ${JSON.stringify(sync.json)}`);

    const cold: number[] = [];
    const all: number[] = [];
    let lastMessages: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // an account change makes the server forget what the exchanges said: the next answer asks again
      const extra = await call('POST', '/api/v1/accounts', accountInput('hyperliquid', 1_000 + round, urls));
      await call('DELETE', `/api/v1/accounts/${extra.json.id}?purge=true`);
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        const answer = await call('GET', '/api/v1/tiers');
        if (answer.status !== 200) throw new Error(`tiers: ${answer.status} ${JSON.stringify(answer.json)}`);
        all.push(answer.ms);
        if (i === 0) cold.push(answer.ms);
        lastMessages = Object.entries(answer.json.exchanges as Record<string, { exchangeError: { message: string } | null }>).map(
          ([exchange, view]) => `${exchange}: ${view.exchangeError?.message ?? '(no error)'}`,
        );
      }
    }
    const spending = JSON.parse(readFileSync(join(root, 'rate-limits.json'), 'utf8').toString() || '{}') as { limiters?: Record<string, [number, number][]> };
    const weightByKey = Object.entries(spending.limiters ?? {}).map(([key, list]) => `${key}: ${list.reduce((sum, [, w]) => sum + w, 0)}`);
    const exitCode = await serving.stop();

    const sorted = [...all].sort((a, b) => a - b);
    const coldSorted = [...cold].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    const markdown = [
      `\`perpvol serve\` (tsx) over SQLite with ${ACCOUNTS_PER_EXCHANGE} accounts on each of Bybit (connection refused), WOO X (host does not resolve), ` +
        `Hyperliquid and Paradex (connection accepted, never answered); a sync of all ${4 * ACCOUNTS_PER_EXCHANGE} accounts runs in the background. ` +
        `${ROUNDS} rounds: an account added and removed (the server forgets what the exchanges said), then ${REQUESTS_PER_ROUND} GET /api/v1/tiers in a row.`,
      '',
      '| measure | result | target |',
      '|---|---|---|',
      `| GET /api/v1/tiers p99 (${all.length} requests) | ${p99.toFixed(0)} ms | ≤ ${TARGET_P99_MS} ms — ${p99 <= TARGET_P99_MS ? 'meets target' : 'MISSES target'} |`,
      `| p50 / max | ${percentile(sorted, 50).toFixed(0)} ms / ${sorted.at(-1)!.toFixed(0)} ms | |`,
      `| first request of each round (asks the exchanges afresh): median / max | ${percentile(coldSorted, 50).toFixed(0)} ms / ${coldSorted.at(-1)!.toFixed(0)} ms | ≤ ${TARGET_P99_MS} ms |`,
      `| weight left in rate-limits.json at the end, per limiter | ${weightByKey.join('; ') || 'none'} | refused and unresolved requests spend none |`,
      `| exit code on SIGTERM | ${exitCode} | 0 |`,
      '',
      `What the last answer said per exchange: ${lastMessages.map((line) => `"${line}"`).join('; ')}.`,
      '',
      `Machine load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) on ${availableParallelism()} cores.`,
    ].join('\n');
    return { title: 'Fee tiers while every exchange is unreachable', markdown };
  } finally {
    await serving.stop().catch(() => undefined);
    silent.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { title, markdown } = await run();
  process.stdout.write(`## ${title}\n\n${markdown}\n`);
}
