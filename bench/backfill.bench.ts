/**
 * Backfill: two years of history for four accounts (one per exchange) through the real sync engine
 * into a SQLite data dir, against simulators that count the exchanges' REAL rate limits in sliding
 * windows (never more than N in any window, as the docs read). Each exchange's time is set beside
 * its floor — the least time its documented limit allows for the requests it needed, from a fresh
 * start with empty windows — target ≤ 1.15× the floor, and zero rate-limit answers: Perpvol paces
 * itself and never learns the limit from a 429.
 *
 * Run alone: node --import tsx bench/backfill.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExchangeId } from '../src-main/core/exchange.ts';
import { exchanges } from '../src-main/connectors/registry.ts';
import { microsToUsd } from '../src-main/core/usd.ts';
import { EXECUTION_LIST_LIMIT } from '../src-main/connectors/bybit/client.ts';
import type { RateLimit } from '../src-main/connectors/http/rate-limiter.ts';
import { HYPERLIQUID_RATE_LIMIT } from '../src-main/connectors/hyperliquid/client.ts';
import { PRIVATE_GET_PER_ACCOUNT, PRIVATE_GET_PER_ACCOUNT_PER_SECOND } from '../src-main/connectors/paradex/account-client.ts';
import { TRANSACTION_HISTORY_LIMIT } from '../src-main/connectors/woox/client.ts';
import { EncryptedFileSecretStore, SECRETS_FILE_NAME } from '../src-main/secrets/encrypted-file-store.ts';
import { createPerpvolCore } from '../src-main/service/core-runtime.ts';
import { startDemoSimulators } from '../test/sim/demo/demo-simulators.ts';
import { truthTotals } from '../test/sim/demo/truth-totals.ts';

const TARGET_RATIO = 1.15;
/** Shaped fills per account on top of the simulators' small uniform base. */
const FILLS_PER_ACCOUNT = 8_000;

/**
 * The documented limits a backfill spends, in the unit each counts (requests, or weight for
 * Hyperliquid). Where several apply (Paradex per second and per minute), each sets a floor and the
 * larger one counts.
 */
const DOCUMENTED_LIMITS: Record<ExchangeId, { limits: RateLimit[]; unit: 'requests' | 'weight'; source: string }> = {
  bybit: { limits: [EXECUTION_LIST_LIMIT], unit: 'requests', source: '50 req/s per UID on /v5/execution/list' },
  woox: { limits: [TRANSACTION_HISTORY_LIMIT], unit: 'requests', source: '2 req/s per account on /v3/trade/transactionHistory' },
  hyperliquid: { limits: [HYPERLIQUID_RATE_LIMIT], unit: 'weight', source: '1200 weight/min per IP' },
  paradex: {
    limits: [PRIVATE_GET_PER_ACCOUNT_PER_SECOND, PRIVATE_GET_PER_ACCOUNT],
    unit: 'requests',
    source: '120 req/s and 600 req/min per account on private GETs',
  },
};

/** The floor: `units` at the documented sustained rate (N per window W), the slowest limit deciding. */
function floorSeconds(units: number, limits: RateLimit[]): number {
  return Math.max(0, ...limits.map(({ capacity, intervalMs }) => (units * intervalMs) / capacity / 1000));
}

/**
 * The least time a windowed reading allows from empty windows: N at once, N more one window later,
 * … — the last batch starts after ⌈units / N⌉ − 1 windows. Below the floor, because the first
 * window's N come at once; 0 when everything fits in the first window.
 */
function leastSeconds(units: number, limits: RateLimit[]): number {
  return Math.max(0, ...limits.map(({ capacity, intervalMs }) => ((Math.ceil(units / capacity) - 1) * intervalMs) / 1000));
}

/** Whether every unit fits in the first window of every limit: nothing ever has to wait. */
function fitsFirstWindow(units: number, limits: RateLimit[]): boolean {
  return limits.every(({ capacity }) => units <= capacity);
}

interface ExchangeResult {
  exchange: ExchangeId;
  requests: number;
  weight: number;
  fills: number;
  floorSeconds: number;
  leastSeconds: number;
  fitsFirstWindow: boolean;
  actualSeconds: number;
  rateLimited: number;
  /** The fullest any window ever was, as a share of its limit, over every limit the simulator counts. */
  peakShare: number;
  state: string;
  volumeMatches: boolean;
}

async function measure(): Promise<{ results: ExchangeResult[]; totalSeconds: number }> {
  const root = mkdtempSync(join(tmpdir(), 'perpvol-bench-backfill-'));
  const sims = await startDemoSimulators({ seed: 7, fillsPerAccount: FILLS_PER_ACCOUNT, enforceRateLimits: true });
  const secretStore = new EncryptedFileSecretStore({ filePath: join(root, SECRETS_FILE_NAME), masterKey: 'bench-only-master-key' });
  const core = await createPerpvolCore({ dataDir: root, databaseUrl: null, secretStore });
  try {
    const ids = new Map<ExchangeId, string>();
    for (const { exchange, addInput } of sims.exchanges) {
      const account = await core.service.addAccount({ ...addInput, label: `Bench ${exchanges.label(exchange)}` });
      ids.set(exchange, account.id);
    }
    // Adding checked each key with the exchange; only the backfill's own requests count below.
    const before = new Map(sims.exchanges.map(({ exchange, sim }) => [exchange, sim.stats()]));
    const started = performance.now();
    const finished = await Promise.all(
      sims.exchanges.map(async ({ exchange }) => {
        const status = await core.engine.syncAccount(ids.get(exchange)!);
        return { exchange, status, seconds: (performance.now() - started) / 1000 };
      }),
    );
    const totalSeconds = (performance.now() - started) / 1000;
    const summary = await core.service.summary({});

    const results = finished.map(({ exchange, status, seconds }): ExchangeResult => {
      const { sim, account } = sims.exchanges.find((entry) => entry.exchange === exchange)!;
      const after = sim.stats();
      const start = before.get(exchange)!;
      const requests = after.requests - start.requests;
      const weight = after.weightUsed - start.weightUsed;
      const documented = DOCUMENTED_LIMITS[exchange];
      const truth = truthTotals([{ exchange, account }]);
      const peaks = after.windowPeaks ?? [];
      return {
        exchange,
        requests,
        weight,
        fills: status.fillsStored,
        floorSeconds: floorSeconds(documented.unit === 'weight' ? weight : requests, documented.limits),
        leastSeconds: leastSeconds(documented.unit === 'weight' ? weight : requests, documented.limits),
        fitsFirstWindow: fitsFirstWindow(documented.unit === 'weight' ? weight : requests, documented.limits),
        actualSeconds: seconds,
        rateLimited: after.rateLimited - start.rateLimited,
        peakShare: Math.max(0, ...peaks.map(({ peak, limit }) => peak / limit)),
        state: status.state === 'error' ? `error: ${status.error?.code}` : status.state,
        volumeMatches: summary.byExchange[exchange]?.allTime.volumeUsd === microsToUsd(truth.volumeMicros),
      };
    });
    return { results, totalSeconds };
  } finally {
    await core.close();
    await sims.close();
    rmSync(root, { recursive: true, force: true });
  }
}

function verdict(result: ExchangeResult): string {
  if (result.fitsFirstWindow) return 'fits in the first window, no wait needed';
  return result.actualSeconds / result.floorSeconds <= TARGET_RATIO ? 'meets target' : 'over target';
}

export default async function run(): Promise<{ title: string; markdown: string }> {
  const { results, totalSeconds } = await measure();
  const rows = results.map((r) => {
    const documented = DOCUMENTED_LIMITS[r.exchange];
    const requests = documented.unit === 'weight' ? `${r.requests} (${r.weight} weight)` : String(r.requests);
    const ratio = r.fitsFirstWindow ? '–' : `${(r.actualSeconds / r.floorSeconds).toFixed(2)}×`;
    return (
      `| ${exchanges.label(r.exchange)} | ${documented.source} | ${r.fills.toLocaleString('en-US')} | ${requests} | ` +
      `${r.floorSeconds.toFixed(1)} | ${r.leastSeconds.toFixed(1)} | ${r.actualSeconds.toFixed(1)} | ${ratio} | ${r.rateLimited} | ${Math.round(r.peakShare * 100)}% | ` +
      `${r.volumeMatches ? 'yes' : 'NO'} | ${r.state}, ${verdict(r)} |`
    );
  });
  const markdown = [
    `Four accounts (one per exchange, two years of history, ~${FILLS_PER_ACCOUNT.toLocaleString('en-US')} shaped fills each plus the simulators' base) ` +
      'backfilled at once through the real sync engine into a fresh SQLite data dir, against simulators that count the exchanges’ documented ' +
      'limits in sliding windows (never more than N in any window of that length). Floor = the requests made (Hyperliquid: their ' +
      'weight) at the documented sustained rate, N per window; "least" = what the windowed reading allows at best from empty windows, ' +
      `N at once and N more each window later (⌈units ÷ N⌉ − 1 windows). Target ≤ ${TARGET_RATIO}× the floor and zero rate-limit ` +
      'answers; "fullest window" is the most the simulator ever counted in one window, as a share of that limit (every limit it counts).',
    '',
    '| exchange | documented limit | fills stored | requests | floor s | least s | actual s | ratio | 429s | fullest window | volume = truth | result |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows,
    '',
    `All four finished in ${totalSeconds.toFixed(1)} s (the slowest account sets it).`,
  ].join('\n');
  return { title: 'Backfill against rate-limited simulators', markdown };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { title, markdown } = await run();
  process.stdout.write(`## ${title}\n\n${markdown}\n`);
}
