/**
 * A made-up exchange over the REST API, end to end: a headless server built with a registry that
 * holds Acme (acme-adapter.ts) takes `exchange: "acme"` where the contract names no such id — the
 * add-account validation follows the registry the server is built with, not a fixed list. Over
 * real HTTP on loopback: add the account (its key checked with Acme's simulator), sync it, and
 * read its volume back, equal to the simulator's own truth; an id the registry does not hold is
 * refused naming the ones it does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exchanges, ExchangeRegistry } from '../../../src-main/connectors/registry.ts';
import { runCli } from '../../../src-main/cli/program.ts';
import { ACME_DIALECTS, startAcmeSimulator, type AcmeSimulator } from '../../sim/acme/simulator.ts';
import { startTestServer, TEST_TOKEN, type TestServer } from '../../server/harness.ts';
import { micros } from '../../support/tier-truth.ts';
import { acme } from './acme-adapter.ts';

const DAY_MS = 86_400_000;

/** `perpvol …args` in this process, built with `registry`, against `dataDir`: its exit code and what it printed. */
async function perpvolWith(registry: ExchangeRegistry, dataDir: string, args: string[]): Promise<{ code: number; stdout: string }> {
  const saved = { dir: process.env.PERPVOL_DATA_DIR, db: process.env.PERPVOL_DATABASE_URL, token: process.env.PERPVOL_API_TOKEN, exitCode: process.exitCode };
  process.env.PERPVOL_DATA_DIR = dataDir;
  process.env.PERPVOL_DATABASE_URL = '';
  process.env.PERPVOL_API_TOKEN = TEST_TOKEN;
  const write = process.stdout.write;
  let stdout = '';
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  try {
    const code = await runCli(['node', 'perpvol', ...args], registry);
    return { code, stdout };
  } finally {
    process.stdout.write = write;
    process.exitCode = saved.exitCode;
    for (const [name, value] of [['PERPVOL_DATA_DIR', saved.dir], ['PERPVOL_DATABASE_URL', saved.db], ['PERPVOL_API_TOKEN', saved.token]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

describe('a made-up exchange over the REST API of a server built with it', () => {
  let sim: AcmeSimulator;
  let server: TestServer;
  const registry = new ExchangeRegistry([...exchanges.all(), acme]);
  // The server syncs with the real clock: the simulator's trades lie in the 60 days before now.
  const now = Date.now();
  before(async () => {
    sim = await startAcmeSimulator({ seed: 77, trades: 120, days: 60, now, dialect: ACME_DIALECTS[0]! });
    server = await startTestServer({ exchanges: registry, schedule: false });
  });
  after(async () => {
    await server?.close();
    await sim?.close();
  });

  test('lists it, adds an account on it, syncs it and serves its volume as the simulator counts it', async () => {
    const listed = await server.call('GET', '/api/v1/exchanges');
    assert.equal(listed.status, 200, listed.text);
    assert.ok(listed.json.exchanges.some((info: { id: string }) => info.id === 'acme'), listed.text);

    const added = await server.call('POST', '/api/v1/accounts', {
      body: { exchange: 'acme', label: 'Acme main', credentials: { apiKey: sim.apiKey }, baseUrl: sim.baseUrl },
    });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.json.exchange, 'acme');
    const id: string = added.json.id;

    const started = await server.call('POST', '/api/v1/sync', { body: { accountIds: [id] } });
    assert.equal(started.status, 202, started.text);
    let state = 'running';
    while (state === 'running' || state === 'idle') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const status = await server.call('GET', '/api/v1/sync');
      state = status.json.accounts.find((entry: { accountId: string }) => entry.accountId === id)?.state ?? 'missing';
    }
    assert.equal(state, 'done');

    const from = isoDay(now - 61 * DAY_MS);
    const to = isoDay(now);
    const daily = await server.call('GET', `/api/v1/volume/daily?from=${from}&to=${to}&exchange=acme`);
    assert.equal(daily.status, 200, daily.text);
    const ours = (daily.json.total as { date: string; volumeUsd: number; trades: number }[]).filter((d) => d.trades > 0).map((d) => [d.date, micros(d.volumeUsd)]);
    const truth = [...sim.truth()].filter(([day]) => day >= from && day <= to).sort(([a], [b]) => (a < b ? -1 : 1));
    assert.ok(truth.length > 10);
    assert.deepEqual(ours, truth);

    const summary = await server.call('GET', '/api/v1/volume/summary');
    assert.equal(summary.status, 200, summary.text);
    const all = truth.reduce((sum, [, volume]) => sum + (volume as bigint), 0n);
    assert.equal(micros(summary.json.byExchange.acme.allTime.volumeUsd), all);

    // every answer that names the exchange serves it: the account list, the reconciliation, the tiers
    const accounts = await server.call('GET', '/api/v1/accounts');
    assert.deepEqual(accounts.json.accounts.map((account: { exchange: string }) => account.exchange), ['acme']);
    const reconciliation = await server.call('GET', `/api/v1/volume/reconciliation?accountId=${id}`);
    assert.equal(reconciliation.status, 200, reconciliation.text);
    assert.equal(micros(reconciliation.json.accounts[0].oursAllTimeUsd), all);
    const tiers = await server.call('GET', '/api/v1/tiers');
    assert.equal(tiers.status, 200, tiers.text);
    assert.equal(tiers.json.exchanges.acme.window.days, 30);
    // and names it by its descriptor's label, never `undefined`
    const costs = await server.call('GET', '/api/v1/costs?groupBy=exchange');
    assert.equal(costs.status, 200, costs.text);
    assert.deepEqual(costs.json.rows.map((row: { key: string; label: string }) => [row.key, row.label]), [['acme', 'Acme']]);
    assert.deepEqual(costs.json.chart.map((series: { label: string }) => series.label), ['Acme']);
    const grouped = await server.call('GET', `/api/v1/volume/daily?from=${from}&to=${to}&groupBy=exchange`);
    assert.equal(grouped.status, 200, grouped.text);
    assert.deepEqual(grouped.json.series.map((series: { key: string; label: string }) => [series.key, series.label]), [['acme', 'Acme']]);
    const byAccount = await server.call('GET', '/api/v1/costs?groupBy=account');
    assert.deepEqual(byAccount.json.rows.map((row: { label: string }) => row.label), ['Acme main (Acme)']);

    // the CLI built with the same registry, beside the server that owns the data
    const listedByCli = await perpvolWith(registry, server.dataDir, ['accounts', 'list']);
    assert.equal(listedByCli.code, 0, listedByCli.stdout);
    assert.match(listedByCli.stdout, new RegExp(`^${id}\\s+Acme\\s+Acme main\\s`, 'm'));
    const syncedByCli = await perpvolWith(registry, server.dataDir, ['sync']);
    assert.equal(syncedByCli.code, 0, syncedByCli.stdout);
    assert.match(syncedByCli.stdout, /^Acme main \(Acme\): done — \d+ fills stored$/m);

    // The import thread reads with the app's registry (it cannot be handed another): an Acme file is
    // refused before any work, saying so, and nothing is stored.
    const imported = await server.call('POST', `/api/v1/accounts/${id}/import`, { body: { csv: sim.csvExport() } });
    assert.equal(imported.status, 400, imported.text);
    assert.equal(imported.json.error.code, 'import_not_supported');
    assert.match(imported.json.error.message, /cannot import Acme CSV files: its import thread reads the exports of .*Bybit.* only\. Sync the Acme account instead; nothing was stored\./);
    const after = await server.call('GET', '/api/v1/volume/summary');
    assert.equal(micros(after.json.byExchange.acme.allTime.volumeUsd), all);
  });

  test('an id its registry does not hold is refused, naming the ones it does', async () => {
    const refused = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'nosuch', label: 'x', credentials: { apiKey: 'acme-key-2' } } });
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.json.error.code, 'unknown_exchange');
    assert.match(refused.json.error.message, /\bacme\b/);
    assert.match(refused.json.error.message, /\bbybit\b/);
  });
});
