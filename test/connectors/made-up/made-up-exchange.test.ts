/**
 * docs/adding-an-exchange.md, proved: a made-up exchange ("Acme": a page of adapter code in
 * acme-adapter.ts, its simulator in test/sim/acme) is added by one descriptor in a registry built
 * for the test, and then runs through what a real one does — under every dialect of its simulator:
 * - sync: the engine backfills it into a real SQLite store, resumes, and the daily totals equal the
 *   simulator's own truth; a malformed answer leaves the account in error, retryable, nothing lost;
 * - import: its CSV export imports through the same import path, and a later sync adds nothing twice;
 * - tiers: its fee-tier window, ladder and our volume over the window;
 * - live: its private stream (frames declared in acme-adapter.ts) runs on the kit's one stream
 *   session: a trade arrives by the stream alone, and a key it refuses is said so while REST polls;
 * - the account form: GET /exchanges (the service's listExchanges) serves its fields, from which the
 *   renderer's form checks a draft.
 * The app's own registry never lists it: test-only registration does not leak into production.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exchanges, ExchangeRegistry } from '../../../src-main/connectors/registry.ts';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { EncryptedFileSecretStore } from '../../../src-main/secrets/encrypted-file-store.ts';
import { VolumeService } from '../../../src-main/service/volume-service.ts';
import { openStore } from '../../../src-main/store/open-store.ts';
import type { Store } from '../../../src-main/store/store.ts';
import { EventBus } from '../../../src-main/sync/event-bus.ts';
import { LiveUpdates } from '../../../src-main/sync/live/live-updates.ts';
import { SyncEngine } from '../../../src-main/sync/sync-engine.ts';
import { checkCredentials, formFor } from '../../../src-renderer/src/lib/account-forms.ts';
import { ACME_DIALECTS, startAcmeSimulator, type AcmeSimulator } from '../../sim/acme/simulator.ts';
import { micros } from '../../support/tier-truth.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../../sync/fixtures/sync-harness.ts';
import { acme, ACME } from './acme-adapter.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const registry = new ExchangeRegistry([...exchanges.all(), acme]);

interface Rig {
  store: Store;
  service: VolumeService;
  engine: SyncEngine;
  secrets: EncryptedFileSecretStore;
  bus: EventBus;
  close(): Promise<void>;
}

async function openRig(): Promise<Rig> {
  const dir = await makeTempDir();
  const store = await openStore({ dataDir: dir.path });
  const secrets = new EncryptedFileSecretStore({ filePath: join(dir.path, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY });
  const bus = new EventBus();
  const createConnector = registry.createConnector;
  const engine = new SyncEngine({ store, secrets, bus, now: () => NOW, createConnector });
  const service = new VolumeService({ store, secrets, engine, bus, now: () => NOW, createConnector, exchanges: registry });
  return { store, service, engine, secrets, bus, close: async () => (await store.close(), await dir.remove()) };
}

/** What "add account" stores for an exchange the contract's enum does not name: the record and its secret. */
async function addAcmeAccount(rig: Rig, sim: AcmeSimulator): Promise<string> {
  const id = `acme-${Math.random().toString(36).slice(2)}`;
  await rig.secrets.set(id, { apiKey: sim.apiKey });
  await rig.store.accounts.create({ id, exchange: ACME, label: 'Acme main', baseUrl: sim.baseUrl, streamUrl: null, identity: 'acme-7', permissions: {}, warnings: [], createdAt: NOW });
  return id;
}

/** Our daily volume as the service reports it, in micro-dollars, days with trades only. */
async function ourDays(rig: Rig): Promise<Map<string, bigint>> {
  const daily = await rig.service.dailyVolume({ from: '2026-01-01', to: '2026-12-31' });
  return new Map(daily.total.filter((d) => d.trades > 0).map((d) => [d.date, micros(d.volumeUsd)]));
}

const sorted = (days: Map<string, bigint>) => [...days].sort(([a], [b]) => (a < b ? -1 : 1));

for (const [index, dialect] of ACME_DIALECTS.entries()) {
  describe(`a made-up exchange (order=${dialect.order} lastPage=${dialect.lastPage} pageCap=${dialect.pageCap ?? 'none'})`, () => {
    let sim: AcmeSimulator;
    let rig: Rig;
    before(async () => {
      sim = await startAcmeSimulator({ seed: 500 + index, trades: 180, days: 60, now: NOW, dialect });
      rig = await openRig();
    });
    after(async () => {
      await rig.close();
      await sim.close();
    });

    test('syncs to the simulator’s truth, survives a malformed answer, and an incremental sync adds only the new trades', async () => {
      const id = await addAcmeAccount(rig, sim);
      sim.wrongShape(1);
      const failed = await rig.engine.syncAccount(id);
      assert.equal(failed.state, 'error');
      assert.equal(failed.error?.code, 'malformed_response');
      assert.equal((await rig.engine.syncAccount(id)).state, 'done');
      assert.deepEqual(sorted(await ourDays(rig)), sorted(sim.truth()));
      sim.trade(3, NOW - 60_000);
      assert.equal((await rig.engine.syncAccount(id)).state, 'done');
      assert.deepEqual(sorted(await ourDays(rig)), sorted(sim.truth()));
    });

    test('its CSV export imports through the import path; a sync after it stores nothing twice', async () => {
      const other = await openRig();
      try {
        const id = await addAcmeAccount(other, sim);
        // through the service built with the registry: its in-thread importer reads with that registry
        const result = await other.service.importFills({ id, csv: sim.csvExport() });
        const perps = sim.trades.filter((t) => t.market !== 'BTC-SPOT').length;
        assert.equal(result.imported, perps);
        assert.equal(result.skipped, sim.trades.length - perps);
        assert.deepEqual(sorted(await ourDays(other)), sorted(sim.truth()));
        assert.equal((await other.engine.syncAccount(id)).state, 'done');
        assert.deepEqual(sorted(await ourDays(other)), sorted(sim.truth()));
      } finally {
        await other.close();
      }
    });

    test('tiers: its window, its ladder, and our volume over the window', async () => {
      const tiers = await rig.service.tiers({});
      const view = tiers.exchanges[ACME];
      assert.ok(view, JSON.stringify(Object.keys(tiers.exchanges)));
      assert.equal(view.window.days, 30);
      assert.equal(view.source, 'perpvol');
      assert.equal(view.tierTableSource, 'https://acme.example/fees');
      const inWindow = [...sim.truth()].filter(([day]) => day >= view.window.from && day <= view.window.to).reduce((sum, [, v]) => sum + v, 0n);
      assert.equal(micros(view.volumeUsd), inWindow);
      // The ladder of its descriptor: Pro from $1,000,000 over the window.
      assert.equal(view.tier?.name, inWindow >= 1_000_000_000_000n ? 'Pro' : 'Base');
    });
  });
}

async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('live updates of a made-up exchange, on the kit’s stream session', () => {
  let sim: AcmeSimulator;
  let rig: Rig;
  let live: LiveUpdates;
  let passes = 0;
  before(async () => {
    sim = await startAcmeSimulator({ seed: 900, trades: 40, days: 5, now: NOW, dialect: ACME_DIALECTS[0]! });
    rig = await openRig();
    // REST passes are counted, not run: what arrives after the first sync comes by the stream alone
    const engine = { syncAccount: async () => void passes++, isRunning: () => false };
    live = new LiveUpdates({ store: rig.store, secrets: rig.secrets, bus: rig.bus, engine, idlePollSeconds: 3_600, streamFactory: (exchange) => registry.fillStreamFactory(exchange), backoffMs: () => 50 });
  });
  after(async () => {
    await live.stop();
    await rig.close();
    await sim.close();
  });

  test('a trade arrives by the stream alone; with a key Acme refuses, the stream says so and REST polling takes over', async () => {
    const id = await addAcmeAccount(rig, sim);
    assert.equal((await rig.engine.syncAccount(id)).state, 'done');
    await live.start();
    await eventually('the stream is live', () => live.liveState(id)?.state === 'live');
    const passesWhenLive = passes;
    sim.trade(3, NOW - 30_000);
    await eventually('the streamed trades are counted', async () => sameDays(await ourDays(rig), sim.truth()));
    assert.deepEqual(sorted(await ourDays(rig)), sorted(sim.truth()));
    assert.equal(passes, passesWhenLive, 'no REST pass brought them');

    await rig.secrets.set(id, { apiKey: 'acme-key-2' });
    await live.credentialsChanged(id);
    await eventually('the stream refused', () => /refused/.test(live.liveState(id)?.detail ?? ''));
    assert.equal(live.liveState(id)?.state, 'polling');
    assert.match(live.liveState(id)?.detail ?? '', /Acme refused the private stream login \(unknown API key\)/);
    assert.ok(sim.streams.stats().authFailures >= 1);
  });
});

function sameDays(a: Map<string, bigint>, b: Map<string, bigint>): boolean {
  return a.size === b.size && [...a].every(([day, v]) => b.get(day) === v);
}

describe('the account form of a made-up exchange, from the descriptors route', () => {
  let rig: Rig;
  before(async () => {
    rig = await openRig();
  });
  after(() => rig.close());

  test('its fields and help are served and the renderer checks a draft with them; the app itself does not list it', async () => {
    const { exchanges: served } = await rig.service.listExchanges({});
    const form = formFor(served, ACME)!;
    assert.equal(form.id, ACME);
    assert.deepEqual(form.credentials[0]!.fields.map((f) => [f.name, f.secret]), [['apiKey', true]]);
    // (Sending it over REST needs nothing more: acme-over-http.test.ts adds an Acme account through a server built with it.)
    const good = checkCredentials(form, { apiKey: ' acme-key-12 ', address: 'not this exchange’s' });
    assert.deepEqual(good, { ok: true, credentials: { apiKey: 'acme-key-12' } });
    const bad = checkCredentials(form, { apiKey: 'sk_live_1' });
    assert.deepEqual(bad, { ok: false, errors: { apiKey: 'an Acme key looks like acme-key-123' } });
    assert.ok(!exchanges.infos().some((info) => info.id === ACME), 'the app’s registry does not list it');
  });
});

describe('how a made-up exchange says no, through its error table', () => {
  let sim: AcmeSimulator;
  let rig: Rig;
  before(async () => {
    sim = await startAcmeSimulator({ seed: 900, trades: 40, days: 10, now: NOW, dialect: ACME_DIALECTS[0]! });
    rig = await openRig();
  });
  after(async () => {
    await rig.close();
    await sim.close();
  });

  test('an unknown key, a passing outage and a lasting one map to the shared codes; nothing is lost', async () => {
    const stranger = acme.connector({ baseUrl: sim.baseUrl, credentials: { apiKey: 'acme-key-999' } });
    const refused = await stranger.checkCredential(AbortSignal.timeout(5_000)).then(() => null, (error: unknown) => error as PerpvolError);
    assert.ok(refused instanceof PerpvolError);
    assert.deepEqual([refused.kind, refused.code, refused.retryable], ['credentials_rejected', 'invalid_api_key', false]);
    assert.match(refused.message, /Acme does not know this API key \(bad_key: "unknown API key"\)/);

    const id = await addAcmeAccount(rig, sim);
    // a throttle and a maintenance answer in passing are tried again inside the request
    sim.refuse(1, 'slow_down');
    sim.refuse(1, 'maintenance');
    assert.equal((await rig.engine.syncAccount(id)).state, 'done');
    assert.deepEqual(sorted(await ourDays(rig)), sorted(sim.truth()));

    // maintenance through every retry: the account is in error with the shared code, worth a later try
    sim.trade(2, NOW - 30_000);
    sim.refuse(20, 'maintenance');
    const failed = await rig.engine.syncAccount(id);
    assert.equal(failed.state, 'error');
    assert.equal(failed.error?.code, 'exchange_maintenance');
    assert.match(failed.error?.message ?? '', /Acme could not answer right now \(maintenance: "back soon"\)/);
    // the next syncs use up the remaining refusals, then read on from the saved cursor
    let state: string = failed.state;
    for (let attempt = 0; attempt < 5 && state !== 'done'; attempt++) state = (await rig.engine.syncAccount(id)).state;
    assert.equal(state, 'done');
    assert.deepEqual(sorted(await ourDays(rig)), sorted(sim.truth()));
  });
});
