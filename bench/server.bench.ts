/**
 * Headless server: cold start of `perpvol serve` to its listening line (target ≤ 1 s), resident
 * memory of the server over 1,000,000 stored fills (target ≤ 200 MB), and requests/s and p99 of
 * GET /api/v1/volume/summary and a two-year GET /api/v1/volume/daily over loopback (autocannon).
 * Every server is a real child process started through the CLI, as a user would start it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addDays, utcDay } from '../src-main/core/days.ts';
import type { Fill } from '../src-main/core/fill.ts';
import { feeValueMicros } from '../src-main/core/fee-value.ts';
import { notionalMicros } from '../src-main/core/usd.ts';
import { openSqliteStore } from '../src-main/store/sqlite/open-sqlite-store.ts';
import { generateHistory } from '../test/sim/random-history.ts';
import { spawnServe, type ServeProcess } from '../test/support/serve-process.ts';

const FILLS = 1_000_000;
const DAYS = 730;
const CHUNK = 250_000;
const PAGE_SIZE = 5_000;
const COLD_START_RUNS = 5;
const LOAD_SECONDS = 10;
const CONNECTIONS = 10;
const TARGET_COLD_START_MS = 1_000;
const TARGET_RSS_MB = 200;
const TOKEN = 'bench-token-0123456789-0123456789abcdef';
const MASTER_KEY = 'bench-master-key-0123456789abcdef';

const REPO = fileURLToPath(new URL('../', import.meta.url));

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers: Record<string, string> }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Starts `perpvol serve` (or a bundled entry) and times it to its listening line. */
async function timedServe(dataDir: string, bundle?: string): Promise<ServeProcess & { startMs: number }> {
  const started = performance.now();
  const serving = await spawnServe({
    dataDir,
    env: { PERPVOL_API_TOKEN: TOKEN, PERPVOL_MASTER_KEY: MASTER_KEY, PERPVOL_DATABASE_URL: '' },
    ...(bundle ? { bundle } : {}),
  });
  return { ...serving, startMs: performance.now() - started };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Builds out/cli/perpvol.mjs exactly as `npm run headless` does before it starts the server. */
function buildHeadlessBundle(): string {
  execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'build/headless.ts')], { cwd: REPO, stdio: 'inherit' });
  return join(REPO, 'out/cli/perpvol.mjs');
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** 1M fills over two years ending now, committed page by page as a sync would. */
async function seed(dataDir: string): Promise<void> {
  const store = await openSqliteStore(dataDir);
  // The account points at a closed loopback port: the server's start-up sync fails fast and
  // quietly instead of reaching a real exchange.
  await store.accounts.create({
    id: 'bench', exchange: 'hyperliquid', label: 'bench', baseUrl: 'http://127.0.0.1:9', identity: '0x00000000000000000000000000000000000000b1',
    permissions: {}, warnings: [], createdAt: 0,
  });
  const endMs = Date.now();
  let page = 0;
  for (let chunk = 0; chunk < FILLS / CHUNK; chunk++) {
    const fills: Fill[] = generateHistory({ seed: 500 + chunk, count: CHUNK, endMs, days: DAYS }).map((t) => {
      const fee = (Number(t.price) * Number(t.qty) * (t.maker ? 0.00015 : 0.00045)).toFixed(6);
      return {
        exchange: 'hyperliquid', tradeId: `${chunk}-${t.seq}`, orderId: null, symbol: t.market.base, kind: 'perpetual', underlying: t.market.base, side: t.side, price: t.price, qty: t.qty,
        notionalMicros: notionalMicros(t.price, t.qty), fee, feeCurrency: 'USDC', feeMicros: feeValueMicros(fee, 'USDC', { price: t.price, baseCoin: t.market.base }),
        liquidity: t.maker ? 'maker' : 'taker', ts: t.ts,
      };
    });
    for (let i = 0; i < fills.length; i += PAGE_SIZE) {
      const slice = fills.slice(i, i + PAGE_SIZE);
      page += 1;
      await store.fills.commitPage({
        accountId: 'bench',
        fills: slice,
        state: { cursor: { page }, backfillDone: false, pagesFetched: page, progress: 0, coveredFrom: null, coveredTo: slice[slice.length - 1]!.ts, historyLimitedBefore: null, updatedAt: 0 },
      });
    }
  }
  await store.close();
}

async function load(url: string): Promise<AutocannonResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: LOAD_SECONDS, headers: { authorization: `Bearer ${TOKEN}` } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

const verdict = (ok: boolean): string => (ok ? 'meets target' : '**misses target**');

export default async function run(): Promise<{ title: string; markdown: string }> {
  const root = mkdtempSync(join(tmpdir(), 'perpvol-bench-server-'));
  try {
    // Cold start: an empty data dir each time (migrations included), as `npm run headless` starts it
    // (the bundled CLI), and as a developer's `npm run perpvol -- serve` does under tsx.
    const bundle = buildHeadlessBundle();
    const coldStart = async (label: string, entry?: string): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i <= COLD_START_RUNS; i++) {
        const serving = await timedServe(join(root, `${label}-${i}`), entry);
        if (i > 0) times.push(serving.startMs); // the first run warms the OS file cache
        await serving.stop();
      }
      return median(times);
    };
    const bundledMs = await coldStart('bundled', bundle);
    const coldMs = await coldStart('tsx');

    const bigDir = join(root, 'big');
    const seedStarted = performance.now();
    await seed(bigDir);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const serving = await timedServe(bigDir, bundle);
    const bigStartMs = serving.startMs;
    const pid = serving.child.pid!;
    const rssIdle = rssMb(pid);
    const today = utcDay(Date.now());
    const summary = await load(`${serving.url}/api/v1/volume/summary`);
    const daily = await load(`${serving.url}/api/v1/volume/daily?from=${addDays(today, -(DAYS - 1))}&to=${today}`);
    const grouped = await load(`${serving.url}/api/v1/volume/daily?from=${addDays(today, -(DAYS - 1))}&to=${today}&groupBy=symbol`);
    const rssLoaded = rssMb(pid);
    const exitCode = await serving.stop();

    const row = (name: string, r: AutocannonResult) =>
      `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} |`;
    const markdown = [
      `Server started as \`npm run headless\` starts it (\`node out/cli/perpvol.mjs serve --port 0\`), SQLite, loopback; ` +
        `load by autocannon, ${CONNECTIONS} connections × ${LOAD_SECONDS} s per endpoint.`,
      '',
      '| measure | result | target |',
      '|---|---|---|',
      `| cold start to "listening on", \`npm run headless\` entry (out/cli/perpvol.mjs), empty data dir (median of ${COLD_START_RUNS}) | ${bundledMs.toFixed(0)} ms | ≤ ${TARGET_COLD_START_MS} ms — ${verdict(bundledMs <= TARGET_COLD_START_MS)} |`,
      `| cold start under tsx (developer's \`npm run perpvol -- serve\`, compiles TypeScript at start) | ${coldMs.toFixed(0)} ms | (no target) |`,
      `| start to "listening on" with ${FILLS.toLocaleString('en-US')} fills stored | ${bigStartMs.toFixed(0)} ms | ≤ ${TARGET_COLD_START_MS} ms — ${verdict(bigStartMs <= TARGET_COLD_START_MS)} |`,
      `| RSS with ${FILLS.toLocaleString('en-US')} fills, idle after start | ${rssIdle.toFixed(0)} MB | ≤ ${TARGET_RSS_MB} MB — ${verdict(rssIdle <= TARGET_RSS_MB)} |`,
      `| RSS after the load runs below | ${rssLoaded.toFixed(0)} MB | ≤ ${TARGET_RSS_MB} MB — ${verdict(rssLoaded <= TARGET_RSS_MB)} |`,
      `| exit code on SIGTERM | ${exitCode} | 0 |`,
      '',
      '| endpoint | requests/s | p50 ms | p99 ms |',
      '|---|---|---|---|',
      row('GET /api/v1/volume/summary', summary),
      row(`GET /api/v1/volume/daily, ${DAYS} days`, daily),
      row(`GET /api/v1/volume/daily, ${DAYS} days, groupBy=symbol`, grouped),
      '',
      `Seeding ${FILLS.toLocaleString('en-US')} fills (${DAYS} days) through commitPage took ${seedSeconds.toFixed(1)} s (not a server figure). ` +
        `Machine load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) on ${availableParallelism()} cores.`,
    ].join('\n');
    return { title: 'Headless server', markdown };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { title, markdown } = await run();
  process.stdout.write(`## ${title}\n\n${markdown}\n`);
}
