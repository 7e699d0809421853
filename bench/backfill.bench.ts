/**
 * Backfill: two years of history for four accounts (one per exchange) through the real sync engine
 * into a SQLite data dir, against the simulators enforcing the exchanges' REAL rate limits. Each
 * exchange's time is set beside its floor — the requests it needed divided by the rate its
 * documented limit allows (constants from the connector folders) — target ≤ 1.15× the floor, and
 * zero rate-limit answers: Perpvol paces itself and never learns the limit from a 429.
 *
 * Run alone: node --import tsx bench/backfill.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXCHANGE_LABELS, type ExchangeId } from '../src-main/core/exchange.ts';
import { microsToUsd } from '../src-main/core/usd.ts';
import { ENDPOINT_LIMIT_PER_SECOND } from '../src-main/connectors/bybit/constants.ts';
import { HYPERLIQUID_RATE_LIMIT } from '../src-main/connectors/hyperliquid/limits.ts';
import { PRIVATE_GET_PER_ACCOUNT } from '../src-main/connectors/paradex/constants.ts';
import { TRANSACTION_HISTORY_LIMIT } from '../src-main/connectors/woox/constants.ts';
import { EncryptedFileSecretStore, SECRETS_FILE_NAME } from '../src-main/secrets/encrypted-file-store.ts';
import { createPerpvolCore } from '../src-main/service/core-runtime.ts';
import { startDemoSimulators } from '../test/sim/demo/demo-simulators.ts';
import { truthTotals } from '../test/sim/demo/truth-totals.ts';

const TARGET_RATIO = 1.15;
/** Shaped fills per account on top of the simulators' small uniform base. */
const FILLS_PER_ACCOUNT = 8_000;

/**
 * The sustained rate each exchange documents, in the unit its limit counts (requests, or weight
 * for Hyperliquid), per second.
 */
const DOCUMENTED_RATE: Record<ExchangeId, { perSecond: number; unit: 'requests' | 'weight'; source: string; burst?: number }> = {
  bybit: { perSecond: ENDPOINT_LIMIT_PER_SECOND, unit: 'requests', source: '10 req/s per UID on /v5/execution/list' },
  woox: {
    perSecond: (TRANSACTION_HISTORY_LIMIT.perWindow * 1000) / TRANSACTION_HISTORY_LIMIT.windowMs,
    unit: 'requests',
    source: '2 req/s per account on /v3/trade/transactionHistory',
  },
  hyperliquid: {
    perSecond: (HYPERLIQUID_RATE_LIMIT.capacity * 1000) / HYPERLIQUID_RATE_LIMIT.intervalMs,
    unit: 'weight',
    source: '1200 weight/min per IP',
    // A full bucket at start: a backfill that needs less than this never has to wait.
    burst: HYPERLIQUID_RATE_LIMIT.capacity,
  },
  // 600 req/min per account (the per-minute figure binds before 120 req/s does).
  paradex: {
    perSecond: (PRIVATE_GET_PER_ACCOUNT.capacity * 1000) / PRIVATE_GET_PER_ACCOUNT.intervalMs,
    unit: 'requests',
    source: '600 req/min per account on private GETs',
  },
};

interface ExchangeResult {
  exchange: ExchangeId;
  requests: number;
  weight: number;
  fills: number;
  floorSeconds: number;
  actualSeconds: number;
  rateLimited: number;
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
      const account = await core.service.addAccount({ ...addInput, label: `Bench ${EXCHANGE_LABELS[exchange]}` });
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
      const rate = DOCUMENTED_RATE[exchange];
      const truth = truthTotals([{ exchange, account }]);
      return {
        exchange,
        requests,
        weight,
        fills: status.fillsStored,
        floorSeconds: (rate.unit === 'weight' ? weight : requests) / rate.perSecond,
        actualSeconds: seconds,
        rateLimited: after.rateLimited - start.rateLimited,
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
  const rate = DOCUMENTED_RATE[result.exchange];
  const needed = rate.unit === 'weight' ? result.weight : result.requests;
  if (rate.burst !== undefined && needed <= rate.burst) return `fits the first full bucket (${rate.burst} ${rate.unit}), no wait needed`;
  return result.actualSeconds / result.floorSeconds <= TARGET_RATIO ? 'meets target' : 'over target';
}

export default async function run(): Promise<{ title: string; markdown: string }> {
  const { results, totalSeconds } = await measure();
  const rows = results.map((r) => {
    const rate = DOCUMENTED_RATE[r.exchange];
    const requests = rate.unit === 'weight' ? `${r.requests} (${r.weight} weight)` : String(r.requests);
    const ratio = r.floorSeconds > 0 ? `${(r.actualSeconds / r.floorSeconds).toFixed(2)}×` : '–';
    return `| ${EXCHANGE_LABELS[r.exchange]} | ${rate.source} | ${r.fills.toLocaleString('en-US')} | ${requests} | ${r.floorSeconds.toFixed(1)} | ${r.actualSeconds.toFixed(1)} | ${ratio} | ${r.rateLimited} | ${r.volumeMatches ? 'yes' : 'NO'} | ${r.state}, ${verdict(r)} |`;
  });
  const markdown = [
    `Four accounts (one per exchange, two years of history, ~${FILLS_PER_ACCOUNT.toLocaleString('en-US')} shaped fills each plus the simulators' base) ` +
      'backfilled at once through the real sync engine into a fresh SQLite data dir, against the simulators enforcing the exchanges’ real limits. ' +
      `Floor = requests (Hyperliquid: weight) ÷ the documented sustained rate; target ≤ ${TARGET_RATIO}× the floor and zero rate-limit answers.`,
    '',
    '| exchange | documented limit | fills stored | requests | floor s | actual s | ratio | 429s | volume = truth | result |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---|',
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
