/**
 * Live updates, measured: `perpvol serve` as a child process (real connectors, real limiters) over
 * the four simulators enforcing the exchanges' real rate limits, two accounts per exchange (eight
 * open streams).
 * 1. Latency: a fill traded on a simulator → the SSE `volume` event for its account AND
 *    GET /volume/summary counting it; ≥ 200 fills across all four exchanges; p50 ≤ 1 s, p99 ≤ 3 s.
 * 2. Streams refused (HTTP 503 on every upgrade), a dashboard watching: ≤ 45 s by polling.
 * 3. Faults for STREAMS_BENCH_FAULT_SECONDS (default 60; 600 when writing BENCHMARKS.md): drops every
 *    10–30 s per exchange, duplicated and reordered frames, silent stalls of 3–45 s, trading
 *    throughout; then every fill counted exactly once (truth from the simulators) — within one REST
 *    safety-net interval of the faults ending, and how long it took — zero rate-limit answers, RSS
 *    growth ≤ 10 MB.
 * 4. Idle: eight open streams, no trading, server CPU ≤ 1 % of a core.
 * Run alone: `node --import tsx bench/streams.bench.ts` — it replaces only its own section of BENCHMARKS.md.
 */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openEventStream, type SseConnection } from '../test/server/sse-client.ts';
import { startBybitSimulator } from '../test/sim/bybit/simulator.ts';
import { startHyperliquidSimulator } from '../test/sim/hyperliquid/simulator.ts';
import { startParadexSimulator } from '../test/sim/paradex/index.ts';
import type { SimAccount, SimExchangeId, SimulatorHandle, SimTruthDay } from '../test/sim/simulator.ts';
import { startWooxSimulator } from '../test/sim/woox/simulator.ts';
import { spawnServe } from '../test/support/serve-process.ts';

const TITLE = 'Live updates: private streams with REST as the safety net';
const LATENCY_FILLS = 240;
const FAULT_SECONDS = Number(process.env['STREAMS_BENCH_FAULT_SECONDS'] ?? 60);
const IDLE_SECONDS = 60;
/** The REST pass while streaming runs every sync interval (5 min); a minute on top for the pass itself. */
const SAFETY_NET_WAIT_MS = 6 * 60_000;
/** The server refuses tokens under 32 characters (server/api-token.ts MIN_TOKEN_LENGTH). */
const TOKEN = 'bench-token-streams-0123456789abcdef';
const EXCHANGES: readonly SimExchangeId[] = ['bybit', 'woox', 'hyperliquid', 'paradex'];

interface BenchAccount {
  exchange: SimExchangeId;
  id: string;
  sim: SimAccount;
}

/** Steady idle starts this long after the last pass ended (timers of the reconnects have fired). */
const IDLE_SETTLE_MS = 15_000;

/** Server CPU (% of a core) over IDLE_SECONDS, and the REST requests the simulators answered meanwhile. */
async function measureIdle(pid: number, sims: Record<SimExchangeId, SimulatorHandle>): Promise<{ cpu: number; restRequests: number }> {
  const requests = () => EXCHANGES.reduce((sum, exchange) => sum + sims[exchange].stats().requests, 0);
  const requests0 = requests();
  const ticks0 = cpuTicks(pid);
  const t0 = performance.now();
  await sleep(IDLE_SECONDS * 1000);
  const cpu = ((cpuTicks(pid) - ticks0) / 100 / ((performance.now() - t0) / 1000)) * 100;
  return { cpu, restRequests: requests() - requests0 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function api(url: string, path: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

function truthOf(accounts: BenchAccount[], exchange: SimExchangeId): SimTruthDay {
  const total = { volumeMicros: 0, makerMicros: 0, takerMicros: 0, feesMicros: 0, trades: 0 };
  for (const account of accounts.filter((a) => a.exchange === exchange)) {
    for (const day of account.sim.truth().values()) {
      total.volumeMicros += day.volumeMicros;
      total.trades += day.trades;
    }
  }
  return total;
}

async function countedExactly(url: string, accounts: BenchAccount[], exchange: SimExchangeId): Promise<boolean> {
  const summary = await api(url, '/volume/summary');
  const ours = summary.byExchange[exchange]?.allTime;
  const truth = truthOf(accounts, exchange);
  return ours !== undefined && ours.trades === truth.trades && Math.round(ours.volumeUsd * 1e6) === truth.volumeMicros;
}

/** Per account of `exchange`: our trades and volume against the simulator's, and what the account says. */
async function describeMiss(url: string, accounts: BenchAccount[], exchange: SimExchangeId): Promise<string[]> {
  const listed = (await api(url, '/accounts')).accounts as any[];
  const lines: string[] = [];
  for (const account of accounts.filter((a) => a.exchange === exchange)) {
    let trades = 0;
    let volumeMicros = 0;
    for (const day of account.sim.truth().values()) {
      trades += day.trades;
      volumeMicros += day.volumeMicros;
    }
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    // the simulators hold 30 days of history; the daily route takes at most three years
    const daily = await api(url, `/volume/daily?from=${day(Date.now() - 60 * 86_400_000)}&to=${day(Date.now())}&accountId=${account.id}`);
    const ours = daily.total.reduce((sum: { trades: number; volume: number }, day: any) => ({ trades: sum.trades + day.trades, volume: sum.volume + day.volumeUsd }), { trades: 0, volume: 0 });
    const shown = listed.find((a) => a.id === account.id);
    lines.push(
      `${exchange} ${account.id}: ${ours.trades} trades / $${ours.volume.toFixed(2)} counted, truth ${trades} / $${(volumeMicros / 1e6).toFixed(2)}; ` +
        `status ${shown?.status}, live ${shown?.live?.state}${shown?.lastError ? `, error ${shown.lastError.code}: ${shown.lastError.message}` : ''}`,
    );
  }
  return lines;
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100/s)
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

export default async function run(): Promise<{ title: string; markdown: string }> {
  const root = mkdtempSync(join(tmpdir(), 'perpvol-bench-streams-'));
  const sims: Record<SimExchangeId, SimulatorHandle> = {
    bybit: await startBybitSimulator({ accounts: 2, fillsPerAccount: 300, days: 30 }),
    woox: await startWooxSimulator({ accounts: 2, fillsPerAccount: 300, days: 30 }),
    hyperliquid: await startHyperliquidSimulator({ accounts: 2, fillsPerAccount: 300, days: 30 }),
    paradex: await startParadexSimulator({ accounts: 2, fillsPerAccount: 300, days: 30 }),
  };
  const serving = await spawnServe({ dataDir: join(root, 'data'), env: { PERPVOL_API_TOKEN: TOKEN, PERPVOL_MASTER_KEY: 'bench master key', PERPVOL_SECRET_STORE: 'file' } });
  const pid = serving.child.pid!;
  let sse: SseConnection | null = null;
  try {
    const accounts: BenchAccount[] = [];
    for (const exchange of EXCHANGES) {
      for (const sim of sims[exchange].accounts) {
        const account = await api(serving.url, '/accounts', {
          method: 'POST',
          body: JSON.stringify({ exchange, label: `${exchange} ${accounts.length}`, credentials: sim.credentials, baseUrl: sims[exchange].baseUrl, allowWithdrawalPermission: true }),
        });
        accounts.push({ exchange, id: account.id, sim });
      }
    }
    sse = await openEventStream(serving.url, TOKEN);
    const liveAll = async () => (await api(serving.url, '/accounts')).accounts.every((a: any) => a.live?.state === 'live');
    await until('eight streams live', liveAll, 120_000);
    const backfillStarted = Date.now();
    for (const exchange of EXCHANGES) await until(`${exchange} backfilled`, () => countedExactly(serving.url, accounts, exchange), 180_000);
    const backfillSeconds = (Date.now() - backfillStarted) / 1000;

    // 1. latency through the streams
    const latencies: number[] = [];
    for (let i = 0; latencies.length < LATENCY_FILLS; i++) {
      const account = accounts[i % accounts.length]!;
      const seen = sse.events.length;
      const before = truthOf(accounts, account.exchange).trades;
      const t0 = performance.now();
      account.sim.trade(1);
      // a simulator may trade spot (WOO X): not volume, so no event to wait for
      if (truthOf(accounts, account.exchange).trades === before) continue;
      await sse.waitFor((event) => sse!.events.indexOf(event) >= seen && event.event === 'volume' && event.data.accountId === account.id && event.data.fillsInserted > 0, 'volume event');
      await until('summary counts the fill', () => countedExactly(serving.url, accounts, account.exchange), 30_000).catch(async (error: Error) => {
        throw new Error(`${error.message} (${account.exchange}): ${(await describeMiss(serving.url, accounts, account.exchange)).join('; ')}`);
      });
      latencies.push(performance.now() - t0);
    }

    // 2. streams refused: polling, while a client (this SSE connection) watches
    for (const exchange of EXCHANGES) {
      sims[exchange].streams.refuse(true);
      sims[exchange].streams.drop();
    }
    await until('every account polling', async () => (await api(serving.url, '/accounts')).accounts.every((a: any) => a.live?.state === 'polling'), 60_000);
    const pollStarted = performance.now();
    const pollLatencies = await Promise.all(
      accounts.map(async (account) => {
        account.sim.trade(1);
        await until('polled fill counted', () => countedExactly(serving.url, accounts, account.exchange), 120_000);
        return performance.now() - pollStarted;
      }),
    );
    for (const exchange of EXCHANGES) sims[exchange].streams.refuse(false);
    await until('streams back', liveAll, 180_000);

    // 3. faults under trading
    const rssBefore = rssMb(pid);
    const faultEnd = Date.now() + FAULT_SECONDS * 1000;
    const nextDrop = new Map(EXCHANGES.map((e) => [e, Date.now() + 10_000 + Math.random() * 20_000]));
    const counts = { drops: 0, stalls: 0, fills: 0 };
    // One stall at a time per exchange, each ended by its own timer after 3–45 s: long ones outlast
    // every heartbeat, short ones may swallow one or fall between two (then only a REST pass can tell).
    const stallsEnding = new Map<SimExchangeId, Promise<void>>();
    while (Date.now() < faultEnd) {
      const now = Date.now();
      for (const exchange of EXCHANGES) {
        const control = sims[exchange].streams;
        if (now >= nextDrop.get(exchange)!) {
          control.drop();
          counts.drops++;
          nextDrop.set(exchange, now + 10_000 + Math.random() * 20_000);
        }
        control.duplicate(Math.random() < 0.3);
        control.reorder(Math.random() < 0.3);
        if (!stallsEnding.has(exchange) && Math.random() < 0.01) {
          counts.stalls++;
          control.stall(true);
          stallsEnding.set(exchange, sleep(3_000 + Math.random() * 42_000).then(() => {
            control.stall(false);
            stallsEnding.delete(exchange);
          }));
        }
      }
      const account = accounts[Math.floor(Math.random() * accounts.length)]!;
      counts.fills += account.sim.trade(1 + Math.floor(Math.random() * 3));
      await sleep(500);
    }
    // a stall runs its course (the benchmark ending is not the exchange recovering)
    await Promise.all(stallsEnding.values());
    for (const exchange of EXCHANGES) {
      sims[exchange].streams.duplicate(false);
      sims[exchange].streams.reorder(false);
    }
    // Fills a stall swallowed between two heartbeats are invisible to any client: the REST pass that
    // runs every sync interval while streaming (300 s) is what finds them, so wait that long and more.
    const faultsEnded = performance.now();
    const exact: Record<string, boolean> = {};
    const exactAfter: Record<string, number> = {};
    const misses: string[] = [];
    for (const exchange of EXCHANGES) {
      exact[exchange] = await until(`${exchange} exact after faults`, () => countedExactly(serving.url, accounts, exchange), SAFETY_NET_WAIT_MS).then(() => true, () => false);
      exactAfter[exchange] = (performance.now() - faultsEnded) / 1000;
      if (!exact[exchange]) misses.push(...(await describeMiss(serving.url, accounts, exchange)));
    }
    const rssAfter = rssMb(pid);
    const rateLimited = EXCHANGES.reduce((sum, exchange) => sum + sims[exchange].stats().rateLimited, 0);

    // 4. idle with eight open streams
    await until('streams live for idle', liveAll, 180_000);
    sse.close();
    sse = null;
    await sleep(5_000);
    const idleAfterFaults = await measureIdle(pid, sims);
    // Reconnects during the faults leave REST safety-net passes (stream connected, gap suspected)
    // that can land in the minute above; steady idle is measured once no account is syncing.
    const quiet = async () => (await liveAll()) && (await api(serving.url, '/accounts')).accounts.every((a: any) => a.status !== 'syncing');
    await until('no pass running', quiet, 180_000);
    await sleep(IDLE_SETTLE_MS);
    const idleSteady = await measureIdle(pid, sims);
    const idleCpu = idleSteady.cpu;
    const openStreams = EXCHANGES.reduce((sum, exchange) => sum + sims[exchange].streams.stats().open, 0);

    const ok = (pass: boolean) => (pass ? 'meets target' : '**misses target**');
    const p50 = percentile(latencies, 50) / 1000;
    const p99 = percentile(latencies, 99) / 1000;
    const pollMax = Math.max(...pollLatencies) / 1000;
    const allExact = Object.values(exact).every(Boolean);
    const markdown = [
      `\`perpvol serve\` (child process, SQLite, real connectors and limiters) over the four simulators with their real rate limits; ` +
        `two accounts per exchange = ${accounts.length} private streams. Initial backfill took ${backfillSeconds.toFixed(0)} s.`,
      '',
      '| measure | result | target |',
      '|---|---|---|',
      `| fill traded → SSE \`volume\` event and GET /volume/summary counting it, ${latencies.length} fills over 4 exchanges: p50 | ${p50.toFixed(3)} s | ≤ 1 s — ${ok(p50 <= 1)} |`,
      `| same, p99 | ${p99.toFixed(3)} s | ≤ 3 s — ${ok(p99 <= 3)} |`,
      `| streams refused (HTTP 503), a client watching: slowest of ${pollLatencies.length} fills to the summary by polling | ${pollMax.toFixed(1)} s | ≤ 45 s — ${ok(pollMax <= 45)} |`,
      `| ${FAULT_SECONDS} s of faults (${counts.drops} drops, ${counts.stalls} stalls of 3–45 s, duplicates and reordering, ${counts.fills} fills traded): every fill counted exactly once (s after the faults ended) | ${EXCHANGES.map((e) => `${e} ${exact[e] ? `yes (${exactAfter[e]!.toFixed(1)} s)` : 'NO'}`).join(', ')} | all yes — ${ok(allExact)} |`,
      `| rate-limit answers from the simulators over the whole run | ${rateLimited} | 0 — ${ok(rateLimited === 0)} |`,
      `| server RSS growth over the fault run | ${(rssAfter - rssBefore).toFixed(1)} MB (${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB) | ≤ 10 MB — ${ok(rssAfter - rssBefore <= 10)} |`,
      `| server CPU idle with ${openStreams} open streams, ${IDLE_SECONDS} s, once no pass runs (${idleSteady.restRequests} REST requests in it) | ${idleCpu.toFixed(2)} % of a core | ≤ 1 % — ${ok(idleCpu <= 1)} |`,
      `| same, starting 5 s after the faults (${idleAfterFaults.restRequests} REST requests of safety-net passes in it) | ${idleAfterFaults.cpu.toFixed(2)} % of a core | ≤ 1 % — ${ok(idleAfterFaults.cpu <= 1)} |`,
      '',
      `The fault run's length is \`STREAMS_BENCH_FAULT_SECONDS\` (default 60 s for a quick run; 600 s for this file).`,
      ...(misses.length > 0 ? ['', 'Accounts that missed the exactly-once check:', '', ...misses.map((line) => `- ${line}`)] : []),
    ].join('\n');
    return { title: TITLE, markdown };
  } finally {
    sse?.close();
    await serving.stop();
    for (const sim of Object.values(sims)) await sim.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Replaces this benchmark's own section of BENCHMARKS.md (or appends it), leaving the others as they are. */
function writeSection(title: string, markdown: string): void {
  const file = resolve(fileURLToPath(new URL('..', import.meta.url)), 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const section = `## ${title}\n\n_streams.bench.ts, run ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}._\n\n${markdown}\n`;
  const start = text.indexOf(`## ${title}`);
  if (start < 0) return writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
  const next = text.indexOf('\n## ', start + 3);
  writeFileSync(file, `${text.slice(0, start)}${section}${next < 0 ? '' : text.slice(next + 1)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { title, markdown } = await run();
  process.stdout.write(`## ${title}\n\n${markdown}\n`);
  if (process.env['STREAMS_BENCH_WRITE'] !== '0') writeSection(title, markdown);
}
