/**
 * The dashboard in a browser: the renderer bundle's size over the wire (gzip of the built JS and
 * CSS), the time from navigation to the first drawn chart, and the time to redraw the chart after a
 * range change — against a real headless server whose store holds two years of fills on each of
 * the four exchanges, in Debian's Chromium driven by playwright-core. Medians of 5.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ExchangeId } from '../src-main/core/exchange.ts';
import type { Fill } from '../src-main/core/fill.ts';
import { feeValueMicros } from '../src-main/core/fee-value.ts';
import { notionalMicros } from '../src-main/core/usd.ts';
import { startServer } from '../src-main/server/start.ts';
import { openSqliteStore } from '../src-main/store/sqlite/open-sqlite-store.ts';
import { generateHistory } from '../test/sim/random-history.ts';
import { resolveGranularity, snapRange } from '../src-renderer/src/lib/buckets.ts';
import { lastDays } from '../src-renderer/src/lib/dates.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const RENDERER = join(REPO, 'out/renderer');
const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'bench-renderer-token-0123456789abcdef';
const DAYS = 730;
const FILLS_PER_ACCOUNT = 50_000;
const PAGE_SIZE = 5_000;
const RUNS = 5;
const EXCHANGES: ExchangeId[] = ['bybit', 'woox', 'hyperliquid', 'paradex'];
const TARGET_GZIP_KB = 250;
const TARGET_FIRST_CHART_MS = 1_500;
const TARGET_RANGE_CHANGE_MS = 300;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const verdict = (ok: boolean): string => (ok ? 'meets target' : '**misses target**');

function bundleSizes(): { files: number; rawKb: number; gzipKb: number; jsGzipKb: number; cssGzipKb: number } {
  execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO, stdio: 'ignore' });
  const assets = join(RENDERER, 'assets');
  let raw = 0;
  let js = 0;
  let css = 0;
  let files = 0;
  for (const name of readdirSync(assets)) {
    if (!name.endsWith('.js') && !name.endsWith('.css')) continue;
    const bytes = readFileSync(join(assets, name));
    const gz = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    files += 1;
    if (name.endsWith('.js')) js += gz;
    else css += gz;
  }
  return { files, rawKb: raw / 1024, gzipKb: (js + css) / 1024, jsGzipKb: js / 1024, cssGzipKb: css / 1024 };
}

/** Two years of fills on one account per exchange, committed page by page as a sync would. */
async function seed(dataDir: string): Promise<number> {
  const store = await openSqliteStore(dataDir);
  const endMs = Date.now();
  let total = 0;
  for (const [index, exchange] of EXCHANGES.entries()) {
    const accountId = `bench-${exchange}`;
    // A closed loopback port: nothing ever reaches a real exchange.
    await store.accounts.create({
      id: accountId, exchange, label: `Bench ${exchange}`, baseUrl: 'http://127.0.0.1:9', identity: `0x${String(index + 1).padStart(40, '0')}`,
      permissions: {}, warnings: [], createdAt: 0,
    });
    const fills: Fill[] = generateHistory({ seed: 900 + index, count: FILLS_PER_ACCOUNT, endMs, days: DAYS }).map((t) => {
      const fee = (Number(t.price) * Number(t.qty) * (t.maker ? 0.0002 : 0.00055)).toFixed(6);
      return {
        exchange, tradeId: `${index}-${t.seq}`, orderId: null, symbol: t.market.base, kind: 'perpetual', underlying: t.market.base, side: t.side, price: t.price, qty: t.qty,
        notionalMicros: notionalMicros(t.price, t.qty), fee, feeCurrency: 'USDT', feeMicros: feeValueMicros(fee, 'USDT', { price: t.price, baseCoin: t.market.base }),
        liquidity: t.maker ? 'maker' : 'taker', ts: t.ts,
      };
    });
    for (let i = 0, page = 1; i < fills.length; i += PAGE_SIZE, page++) {
      const slice = fills.slice(i, i + PAGE_SIZE);
      await store.fills.commitPage({
        accountId,
        fills: slice,
        state: { cursor: { page }, backfillDone: false, pagesFetched: page, progress: 0, coveredFrom: null, coveredTo: slice[slice.length - 1]!.ts, historyLimitedBefore: null, updatedAt: 0 },
      });
    }
    total += fills.length;
  }
  await store.close();
  return total;
}

/**
 * The first day the chart draws for a preset of `days` days: the range widened back to its first
 * bar (weeks beyond 90 days, months beyond a year), as the dashboard does (src-renderer/src/lib/buckets.ts).
 */
function rangeStart(days: number): string {
  const picked = lastDays(days, Date.now());
  return snapRange(picked, resolveGranularity('auto', picked.from, picked.to)).from;
}

/**
 * Resolves in the page, on the first animation frame after the chart for the range starting on
 * `from` is on screen (its canvas, its bars for that range), with performance.now() at that moment.
 */
const WAIT_FOR_CHART = `(from) => new Promise((resolve) => {
  const drawn = () => document.querySelector(\`[data-testid="daily-chart"][data-from="\${from}"] canvas\`);
  const check = () => (drawn() ? requestAnimationFrame(() => resolve(performance.now())) : requestAnimationFrame(check));
  check();
})`;

async function firstChartMs(browser: Browser, url: string): Promise<number> {
  // A fresh context each time: empty cache, as when the dashboard is opened for the first time.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/#/daily&token=${TOKEN}`, { waitUntil: 'commit' });
    // performance.now() counts from the navigation's start.
    return (await page.evaluate(`(${WAIT_FOR_CHART})(${JSON.stringify(rangeStart(30))})`)) as number;
  } finally {
    await context.close();
  }
}

/** Clicks a range button and times until the new chart is on screen (API call + redraw). */
async function rangeChangeMs(page: Page, label: string, days: number): Promise<number> {
  return (await page.evaluate(`(async () => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === ${JSON.stringify(label)});
    const started = performance.now();
    button.click();
    const done = await (${WAIT_FOR_CHART})(${JSON.stringify(rangeStart(days))});
    return done - started;
  })()`)) as number;
}

export default async function run(): Promise<{ title: string; markdown: string }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const sizes = bundleSizes();
  const dataDir = mkdtempSync(join(tmpdir(), 'perpvol-bench-renderer-'));
  let browser: Browser | null = null;
  const server = await (async () => {
    const fills = await seed(dataDir);
    const running = await startServer({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: null, apiToken: TOKEN, schedule: false, log: () => {} });
    return { running, fills };
  })();
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    await firstChartMs(browser, server.running.url); // warm the server's caches and the JIT once
    const firstChart: number[] = [];
    for (let i = 0; i < RUNS; i++) firstChart.push(await firstChartMs(browser, server.running.url));

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(`${server.running.url}/#/daily&token=${TOKEN}`);
    await page.evaluate(`(${WAIT_FOR_CHART})(${JSON.stringify(rangeStart(30))})`);
    const toTwoYears: number[] = [];
    const toThirtyDays: number[] = [];
    await rangeChangeMs(page, '2 years', 730); // warm-up
    await rangeChangeMs(page, '30 days', 30);
    for (let i = 0; i < RUNS; i++) {
      toTwoYears.push(await rangeChangeMs(page, '2 years', 730));
      toThirtyDays.push(await rangeChangeMs(page, '30 days', 30));
    }
    await context.close();

    const first = median(firstChart);
    const twoYears = median(toTwoYears);
    const thirty = median(toThirtyDays);
    const markdown = [
      `Built with \`electron-vite build\` (minified); the same bundle the headless server serves. Store: SQLite, ` +
        `${server.fills.toLocaleString('en-US')} fills (${FILLS_PER_ACCOUNT.toLocaleString('en-US')} per exchange × ${EXCHANGES.length} exchanges over ${DAYS} days); ` +
        `server in-process on loopback; Chromium ${browser.version()} headless via playwright-core, 1280×900. Chart = the Volume chart page stacked by exchange ` +
        'with its trend line (30 days: daily bars; 2 years: monthly bars, the days before the range loaded for the trend line).',
      '',
      '| measure | result | target |',
      '|---|---|---|',
      `| renderer JS + CSS, gzip -9 (${sizes.files} files; ${sizes.rawKb.toFixed(0)} KB raw) | ${sizes.gzipKb.toFixed(1)} KB (JS ${sizes.jsGzipKb.toFixed(1)} KB, CSS ${sizes.cssGzipKb.toFixed(1)} KB) | ≤ ${TARGET_GZIP_KB} KB — ${verdict(sizes.gzipKb <= TARGET_GZIP_KB)} |`,
      `| navigation → first chart drawn (30 days, cold cache, median of ${RUNS}) | ${first.toFixed(0)} ms (runs: ${firstChart.map((v) => v.toFixed(0)).join(', ')}) | ≤ ${TARGET_FIRST_CHART_MS} ms — ${verdict(first <= TARGET_FIRST_CHART_MS)} |`,
      `| range change 30 days → 2 years (API call for ~790 days × 4 series + redraw in monthly bars, median of ${RUNS}) | ${twoYears.toFixed(0)} ms (runs: ${toTwoYears.map((v) => v.toFixed(0)).join(', ')}) | ≤ ${TARGET_RANGE_CHANGE_MS} ms — ${verdict(twoYears <= TARGET_RANGE_CHANGE_MS)} |`,
      `| range change 2 years → 30 days (median of ${RUNS}) | ${thirty.toFixed(0)} ms (runs: ${toThirtyDays.map((v) => v.toFixed(0)).join(', ')}) | ≤ ${TARGET_RANGE_CHANGE_MS} ms — ${verdict(thirty <= TARGET_RANGE_CHANGE_MS)} |`,
    ].join('\n');
    return { title: 'Dashboard (renderer) in Chromium', markdown };
  } finally {
    await browser?.close();
    await server.running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
