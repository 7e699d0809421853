/**
 * Costs query: the daily-query bench's 5,000,000 stored fills (4 accounts, one per exchange, 730
 * days), then GET /api/v1/costs's work timed through the costs service — rollups read, exact sums,
 * tier comparison, chart and cheapest exchange — over the whole 730 days (target p50 ≤ 20 ms) and
 * as the dashboard asks by default. The exchanges are never asked (the accounts have no keys): the
 * tier tables stand in, as when an exchange cannot be reached.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CostGroupBy, Costs } from '../src-shared/cost-schemas.ts';
import { addDays, utcDay } from '../src-main/core/days.ts';
import { DEFAULT_KINDS } from '../src-main/core/instrument.ts';
import { exchanges } from '../src-main/connectors/registry.ts';
import { EncryptedFileSecretStore } from '../src-main/secrets/encrypted-file-store.ts';
import { CostsService } from '../src-main/service/costs/costs-service.ts';
import { TierStandingService } from '../src-main/service/tiers/tier-standing-service.ts';
import { openSqliteStore } from '../src-main/store/sqlite/open-sqlite-store.ts';
import { DAYS, END_MS, EXCHANGES, populate, RUNS, time, TOTAL_FILLS, WARMUP, type Timing } from './support/fill-history.ts';

const TARGET_P50_MS = 20;

export default async function run(): Promise<{ title: string; markdown: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'perpvol-bench-costs-'));
  try {
    const store = await openSqliteStore(dir);
    const loadSeconds = await populate(store);
    const now = END_MS - 1;
    const secrets = new EncryptedFileSecretStore({ filePath: join(dir, 'secrets.enc.json'), masterKey: 'bench-costs-master-key' });
    const tiers = new TierStandingService({ store, secrets, now: () => now, createConnector: exchanges.createConnector, tierTablePath: null });
    const costs = new CostsService(store, tiers, () => now);
    const to = utcDay(now);
    const ask = (days: number, groupBy: CostGroupBy) => () => costs.costs({ from: addDays(to, -(days - 1)), to, groupBy, kinds: [...DEFAULT_KINDS] });
    const rowsOf = (answer: Costs) => answer.rows.length;
    const results: [string, Timing][] = [
      [`costs, ${DAYS} days, groupBy=exchange`, await time(ask(DAYS, 'exchange'), rowsOf)],
      [`… ${DAYS} days, groupBy=account`, await time(ask(DAYS, 'account'), rowsOf)],
      [`… ${DAYS} days, groupBy=day`, await time(ask(DAYS, 'day'), rowsOf)],
      ['… 30 days (the default), groupBy=exchange', await time(ask(30, 'exchange'), rowsOf)],
      [`rollup read alone: costDays, ${DAYS} days`, await time(() => store.volume.costDays({ from: addDays(to, -(DAYS - 1)), to, kinds: DEFAULT_KINDS }), (rows) => rows.length)],
    ];
    await store.close();
    const headline = results[0]![1];
    const verdict = headline.p50 <= TARGET_P50_MS ? 'PASS' : 'FAIL';
    console.log(`costs query: p50 ${headline.p50.toFixed(2)} ms, p95 ${headline.p95.toFixed(2)} ms ${verdict}`);
    const markdown = [
      `${TOTAL_FILLS.toLocaleString('en-US')} stored fills (4 accounts: ${EXCHANGES.join(', ')}; ${DAYS} days), SQLite, loaded through \`commitPage\` in ${loadSeconds.toFixed(0)} s. ` +
        `Each query through the costs service (what GET /api/v1/costs runs, JSON aside), ${WARMUP} warm-up runs then ${RUNS} timed; the tier tables stand in for the exchanges.`,
      '',
      '| query | rows | p50 ms | p95 ms | CPU p50 ms |',
      '|---|---:|---:|---:|---:|',
      ...results.map(([name, r]) => `| ${name} | ${r.rows.toLocaleString('en-US')} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.cpuP50.toFixed(2)} |`),
      '',
      `Costs over ${DAYS} days p50 ${headline.p50.toFixed(2)} ms (target ≤ ${TARGET_P50_MS} ms): **${verdict}**. The answer reads the per-(day, account) rollups ` +
        '(with each side\'s fees, migration 0010) and the unpriced fees per day, never the fills: the database sums them per account (or per day), and one ' +
        'read of volume and fees per exchange and day feeds the chart and the tier-change check (rolling windows from prefix sums). The last row is the ' +
        'per-(day, account) read alone, for scale.',
    ].join('\n');
    return { title: `Costs query: ${(TOTAL_FILLS / 1e6).toFixed(0)},000,000 fills, ${DAYS} days`, markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
