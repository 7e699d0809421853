/**
 * Every endpoint of docs/api.md against a real server (SQLite file, and Postgres when
 * PERPVOL_TEST_PG_URL is set) with a Hyperliquid simulator backing a real account.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { addDays, utcDay } from '../../src-main/core/days.ts';
import { microsToUsd, usdToMicros } from '../../src-main/core/usd.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, testDatabaseUrl } from '../support/postgres.ts';
import { requireService } from '../support/required-service.ts';
import { startRejectingBybit } from './bybit-stub.ts';
import { eventually, startTestServer, type TestServer } from './harness.ts';

const FILLS = 3_000;
const DAYS = 30;

function truthTotals(sim: HyperliquidSimulatorHandle) {
  const totals = { volumeMicros: 0, feesMicros: 0, trades: 0 };
  for (const day of sim.accounts[0]!.truth().values()) {
    totals.volumeMicros += day.volumeMicros;
    totals.feesMicros += day.feesMicros;
    totals.trades += day.trades;
  }
  return totals;
}

function suite(backend: 'sqlite' | 'postgres', databaseUrl: () => string | null): void {
  describe(`REST API over ${backend}`, () => {
    let sim: HyperliquidSimulatorHandle;
    let server: TestServer;
    let accountId = '';
    const today = utcDay(Date.now());
    const from = addDays(today, -DAYS - 1);

    before(async () => {
      sim = await startHyperliquidSimulator({ seed: 7, fillsPerAccount: FILLS, days: DAYS, enforceRateLimits: false });
      server = await startTestServer({ databaseUrl: databaseUrl() });
    });
    after(async () => {
      await server?.close();
      await sim?.close();
    });

    test('health answers without a token', async () => {
      const answer = await server.call('GET', '/api/v1/health', { token: null });
      assert.equal(answer.status, 200);
      assert.equal(answer.json.status, 'ok');
      assert.match(answer.json.version, /^\d+\.\d+\.\d+/);
    });

    test('a fresh data dir has no accounts', async () => {
      const answer = await server.call('GET', '/api/v1/accounts');
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { accounts: [] });
    });

    test('adding a Hyperliquid account answers 201 with the account and no credentials', async () => {
      const answer = await server.call('POST', '/api/v1/accounts', {
        body: { exchange: 'hyperliquid', label: 'main', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl },
      });
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.json.exchange, 'hyperliquid');
      assert.equal(answer.json.label, 'main');
      assert.equal(answer.json.baseUrl, sim.baseUrl);
      assert.equal(answer.json.status, 'new');
      assert.equal(answer.json.credentials, undefined);
      accountId = answer.json.id;
    });

    test('adding the same account again answers 409', async () => {
      const answer = await server.call('POST', '/api/v1/accounts', {
        body: { exchange: 'hyperliquid', label: 'again', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl },
      });
      assert.equal(answer.status, 409);
      assert.equal(answer.json.error.code, 'account_exists');
    });

    test('a key the exchange refuses answers 422, and validate:false skips the check', async () => {
      const bybit = await startRejectingBybit();
      try {
        const credentials = { apiKey: 'stub-key-abcdef', apiSecret: 'stub-secret-0123456789' };
        const refused = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'bybit', label: 'refused', credentials, baseUrl: bybit.baseUrl } });
        assert.equal(refused.status, 422, refused.text);
        assert.ok(!refused.text.includes(credentials.apiSecret));
        const unchecked = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'bybit', label: 'unchecked', credentials, baseUrl: bybit.baseUrl, validate: false } });
        assert.equal(unchecked.status, 201, unchecked.text);
        assert.ok(!unchecked.text.includes(credentials.apiSecret));
        const removed = await server.call('DELETE', `/api/v1/accounts/${unchecked.json.id}`);
        assert.equal(removed.status, 204);
      } finally {
        await bybit.close();
      }
    });

    test('an account is read back by id, and an unknown id answers 404', async () => {
      const found = await server.call('GET', `/api/v1/accounts/${accountId}`);
      assert.equal(found.status, 200);
      assert.equal(found.json.id, accountId);
      const missing = await server.call('GET', '/api/v1/accounts/no-such-account');
      assert.equal(missing.status, 404);
      assert.equal(missing.json.error.code, 'account_not_found');
    });

    test('syncing answers 202 with the started ids and reaches done', async () => {
      const started = await server.call('POST', '/api/v1/sync', { body: { accountIds: [accountId] } });
      assert.equal(started.status, 202);
      assert.deepEqual(started.json, { started: [accountId] });
      const status = await eventually(async () => {
        const answer = await server.call('GET', '/api/v1/sync');
        const mine = answer.json.accounts.find((s: { accountId: string }) => s.accountId === accountId);
        return mine && (mine.state === 'done' || mine.state === 'error') ? mine : undefined;
      }, 'the sync to finish');
      assert.equal(status.state, 'done', JSON.stringify(status.error));
      assert.equal(status.fillsStored, truthTotals(sim).trades);
    });

    test('POST /sync without a body syncs every account, and an unknown id answers 404', async () => {
      const all = await server.call('POST', '/api/v1/sync');
      assert.equal(all.status, 202);
      assert.deepEqual(all.json.started, [accountId]);
      const unknown = await server.call('POST', '/api/v1/sync', { body: { accountIds: ['nope'] } });
      assert.equal(unknown.status, 404);
    });

    test('daily volume equals the simulator truth on every day, to the micro-dollar', async () => {
      const answer = await server.call('GET', `/api/v1/volume/daily?from=${from}&to=${today}`);
      assert.equal(answer.status, 200);
      assert.equal(answer.json.currency, 'USD');
      assert.equal(answer.json.total.length, DAYS + 2);
      assert.deepEqual(answer.json.series, []);
      const truth = sim.accounts[0]!.truth();
      for (const day of answer.json.total) {
        const expected = truth.get(day.date) ?? { volumeMicros: 0, makerMicros: 0, takerMicros: 0, feesMicros: 0, trades: 0 };
        assert.equal(day.volumeUsd, microsToUsd(expected.volumeMicros), day.date);
        assert.equal(day.makerVolumeUsd, microsToUsd(expected.makerMicros), day.date);
        assert.equal(day.takerVolumeUsd, microsToUsd(expected.takerMicros), day.date);
        assert.equal(day.feesUsd, microsToUsd(expected.feesMicros), day.date);
        assert.equal(day.trades, expected.trades, day.date);
      }
    });

    test('daily volume grouped by exchange has one hyperliquid series', async () => {
      const answer = await server.call('GET', `/api/v1/volume/daily?from=${from}&to=${today}&groupBy=exchange&exchange=hyperliquid`);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json.series.map((s: { key: string }) => s.key), ['hyperliquid']);
    });

    test('kinds and groupBy=underlying|kind: perpetuals by default, series that add up, bad kinds a 400', async () => {
      const byUnderlying = await server.call('GET', `/api/v1/volume/daily?from=${from}&to=${today}&groupBy=underlying`);
      assert.equal(byUnderlying.status, 200, byUnderlying.text);
      assert.deepEqual(byUnderlying.json.kinds, ['perpetual']);
      // xyz:TSLA, a HIP-3 builder-deployed perp, is TSLA; ena:BTC joins BTC
      assert.deepEqual(byUnderlying.json.series.map((s: { key: string }) => s.key).sort(), ['BTC', 'DOGE', 'ETH', 'SOL', 'TSLA']);
      const seriesSum = byUnderlying.json.series.reduce((sum: number, s: { days: { volumeUsd: number }[] }) => sum + s.days.reduce((d, day) => d + usdToMicros(String(day.volumeUsd)), 0), 0);
      assert.equal(seriesSum, truthTotals(sim).volumeMicros);
      const byKind = await server.call('GET', `/api/v1/volume/daily?from=${from}&to=${today}&groupBy=kind&kinds=perpetual,dated_future`);
      assert.equal(byKind.status, 200, byKind.text);
      assert.deepEqual(byKind.json.kinds, ['perpetual', 'dated_future']);
      assert.deepEqual(byKind.json.series.map((s: { key: string }) => s.key), ['perpetual'], 'Hyperliquid has perpetuals only');
      const summary = await server.call('GET', '/api/v1/volume/summary?kinds=dated_future');
      assert.equal(summary.status, 200, summary.text);
      assert.deepEqual([summary.json.kinds, summary.json.allTime.trades, summary.json.allTime.unpricedFees], [['dated_future'], 0, []]);
      for (const path of ['/api/v1/volume/summary?kinds=spot', `/api/v1/volume/daily?from=${from}&to=${today}&kinds=perpetual,`, '/api/v1/fills?kinds=PERPETUAL']) {
        const bad = await server.call('GET', path);
        assert.equal(bad.status, 400, path);
        assert.match(bad.json.error.message, /`kinds`: use perpetual, dated_future, or both/);
      }
    });

    test('the summary counts all fills once', async () => {
      const answer = await server.call('GET', '/api/v1/volume/summary');
      assert.equal(answer.status, 200);
      const totals = truthTotals(sim);
      assert.equal(answer.json.allTime.volumeUsd, microsToUsd(totals.volumeMicros));
      assert.equal(answer.json.allTime.trades, totals.trades);
      assert.equal(answer.json.byExchange.hyperliquid.allTime.trades, totals.trades);
      assert.ok(answer.json.d30.trades <= totals.trades);
    });

    test('fills page by cursor through every stored fill exactly once', async () => {
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const query: string = `/api/v1/fills?accountId=${accountId}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const answer = await server.call('GET', query);
        assert.equal(answer.status, 200, answer.text);
        assert.ok(answer.json.fills.length <= 1000);
        for (const fill of answer.json.fills) seen.add(fill.id);
        cursor = answer.json.nextCursor;
      } while (cursor);
      assert.equal(seen.size, truthTotals(sim).trades);
      const defaults = await server.call('GET', '/api/v1/fills');
      assert.equal(defaults.json.fills.length, 200);
    });

    test('the daily CSV has a header and exact decimal amounts that add up to the truth', async () => {
      const answer = await server.call('GET', `/api/v1/export/daily.csv?from=${from}&to=${today}`);
      assert.equal(answer.status, 200);
      assert.match(String(answer.headers['content-type']), /^text\/csv/);
      const rows = parse(answer.text, { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, DAYS + 2);
      for (const row of rows) assert.match(row.volume_usd!, /^-?\d+\.\d{6}$/);
      const volume = rows.reduce((sum, row) => sum + usdToMicros(row.volume_usd!), 0);
      assert.equal(volume, truthTotals(sim).volumeMicros);
    });

    test('the fills CSV streams every fill with a header row', async () => {
      const answer = await server.call('GET', `/api/v1/export/fills.csv?accountId=${accountId}`);
      assert.equal(answer.status, 200);
      const rows = parse(answer.text, { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, truthTotals(sim).trades);
      const volume = rows.reduce((sum, row) => sum + usdToMicros(row.notional_usd!), 0);
      assert.equal(volume, truthTotals(sim).volumeMicros);
      const missing = await server.call('GET', '/api/v1/export/fills.csv?accountId=nope');
      assert.equal(missing.status, 404);
      assert.ok(missing.json.error);
    });

    test('reconciliation lists our volume beside the exchange\'s report, and an unknown account answers 404', async () => {
      const all = await server.call('GET', '/api/v1/volume/reconciliation');
      assert.equal(all.status, 200, all.text);
      const mine = all.json.accounts.find((a: { accountId: string }) => a.accountId === accountId);
      assert.equal(mine.oursAllTimeUsd, microsToUsd(truthTotals(sim).volumeMicros));
      const one = await server.call('GET', `/api/v1/volume/reconciliation?accountId=${accountId}`);
      assert.deepEqual(one.json.accounts.map((a: { accountId: string }) => a.accountId), [accountId]);
      assert.equal((await server.call('GET', '/api/v1/volume/reconciliation?accountId=nope')).status, 404);
    });

    test('an API key is replaced in place (200) without echoing it; Hyperliquid has none (400); unknown ids answer 404', async () => {
      const bybit = await startRejectingBybit();
      try {
        const added = await server.call('POST', '/api/v1/accounts', {
          body: { exchange: 'bybit', label: 'rotate-me', credentials: { apiKey: 'old-key-1234', apiSecret: 'old-secret-123456' }, baseUrl: bybit.baseUrl, validate: false },
        });
        assert.equal(added.status, 201, added.text);
        const newSecret = 'new-secret-abcdef987654';
        const rotated = await server.call('POST', `/api/v1/accounts/${added.json.id}/credentials`, { body: { credentials: { apiKey: 'new-key-5678', apiSecret: newSecret }, validate: false } });
        assert.equal(rotated.status, 200, rotated.text);
        assert.equal(rotated.json.id, added.json.id);
        assert.ok(!rotated.text.includes(newSecret));
        const refused = await server.call('POST', `/api/v1/accounts/${added.json.id}/credentials`, { body: { credentials: { apiKey: 'bad-key-0000', apiSecret: newSecret } } });
        assert.equal(refused.status, 422, refused.text);
        assert.ok(!refused.text.includes(newSecret));
        assert.equal((await server.call('DELETE', `/api/v1/accounts/${added.json.id}`)).status, 204);
      } finally {
        await bybit.close();
      }
      const hyperliquid = await server.call('POST', `/api/v1/accounts/${accountId}/credentials`, { body: { credentials: sim.accounts[0]!.credentials } });
      assert.equal(hyperliquid.status, 400);
      assert.equal(hyperliquid.json.error.code, 'nothing_to_rotate');
      assert.equal((await server.call('POST', '/api/v1/accounts/nope/credentials', { body: { credentials: sim.accounts[0]!.credentials } })).status, 404);
      assert.equal((await server.call('POST', `/api/v1/accounts/${accountId}/credentials`, { body: { credentials: 'x' } })).status, 400);
    });

    test('the OpenAPI document is 3.1 and lists every endpoint', async () => {
      const answer = await server.call('GET', '/api/v1/openapi.json');
      assert.equal(answer.status, 200);
      assert.match(answer.json.openapi, /^3\.1/);
      for (const path of ['/api/v1/accounts/{id}/credentials', '/api/v1/volume/reconciliation', '/api/v1/health', '/api/v1/accounts', '/api/v1/accounts/{id}', '/api/v1/sync', '/api/v1/volume/daily', '/api/v1/volume/summary', '/api/v1/fills', '/api/v1/events', '/api/v1/export/daily.csv', '/api/v1/export/fills.csv']) {
        assert.ok(answer.json.paths[path], path);
      }
      const dailyParams = answer.json.paths['/api/v1/volume/daily'].get.parameters as { name: string; schema: { enum?: string[] } }[];
      assert.deepEqual(dailyParams.find((p) => p.name === 'groupBy')?.schema.enum, ['exchange', 'account', 'symbol', 'underlying', 'kind']);
      assert.ok(dailyParams.some((p) => p.name === 'kinds'));
      assert.ok((answer.json.paths['/api/v1/volume/summary'].get.parameters as { name: string }[]).some((p) => p.name === 'kinds'));
      assert.ok((answer.json.paths['/api/v1/export/fills.csv'].get.parameters as { name: string }[]).some((p) => p.name === 'kinds'));
      const fillSchema = answer.json.paths['/api/v1/fills'].get.responses['200'].content['application/json'].schema.properties.fills.items;
      assert.deepEqual(fillSchema.properties.kind.enum, ['perpetual', 'dated_future']);
      assert.ok(JSON.stringify(fillSchema.properties.feeUsd).includes('null'), 'feeUsd is nullable');
      const addBody = answer.json.paths['/api/v1/accounts'].post.requestBody.content['application/json'].schema;
      assert.deepEqual([...addBody.required].sort(), ['credentials', 'exchange', 'label']);
      assert.ok(answer.json.paths['/api/v1/accounts'].post.responses['201']);
    });

    test('removing with purge=true answers 204, deletes the fills, and the id is then unknown', async () => {
      const removed = await server.call('DELETE', `/api/v1/accounts/${accountId}?purge=true`);
      assert.equal(removed.status, 204);
      assert.equal(removed.text, '');
      assert.equal((await server.call('GET', `/api/v1/accounts/${accountId}`)).status, 404);
      assert.equal((await server.call('DELETE', `/api/v1/accounts/${accountId}`)).status, 404);
      const summary = await server.call('GET', '/api/v1/volume/summary');
      assert.equal(summary.json.allTime.trades, 0);
    });
  });
}

suite('sqlite', () => null);

const pgUrl = await testDatabaseUrl('server_routes');
if (pgUrl) suite('postgres', () => pgUrl);
else test('REST API over postgres', requireService('Postgres', POSTGRES_UNAVAILABLE_MESSAGE), () => {});
