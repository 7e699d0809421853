/**
 * Imports run in a worker thread on a connection of their own, page by page inside one
 * transaction: a bad row far down a big file still leaves nothing behind, the REST body is checked
 * there with the API's own errors, imports queue behind each other, this process's writes made
 * during an import wait for it and then land, and closing the core stops an import without a trace.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { makeFill, pageOf } from '../store/fill-fixtures.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import { dumpDatabase, makeTempDir, openTestCore } from '../sync/fixtures/sync-harness.ts';

const HEADER = 'Contracts,Order No.,Direction,Filled Qty,Filled Price,Filled Type,Fees Paid,Trasaction ID,Transaction Time(UTC)';

/** A Bybit export of `rows` fills a minute apart from 2024-11-16 (ids `${tag}-n`); `badLine` (1-based file line) has no price. */
function bybitExport(rows: number, tag: string, badLine?: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const at = new Date(Date.UTC(2024, 10, 16) + i * 60_000).toISOString();
    const price = lines.length + 1 === badLine ? 'abc' : `60000.${String(i % 100).padStart(2, '0')}`;
    lines.push(`BTCUSDT,o-${i},${i % 2 ? 'SELL' : 'BUY'},0.010,${price},Trade,0.120000,${tag}-${i},${at.slice(11, 16)} ${at.slice(0, 10)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('imports off the event loop', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let core: PerpvolCore;
  let accountId: string;
  let otherId: string;

  before(async () => {
    dir = await makeTempDir('perpvol-import-thread-');
    core = await openTestCore(dir.path);
    accountId = (await core.service.addAccount({ exchange: 'bybit', label: 'Main', credentials: { apiKey: 'k', apiSecret: 's' }, validate: false })).id;
    otherId = (await core.service.addAccount({ exchange: 'bybit', label: 'Other', credentials: { apiKey: 'k2', apiSecret: 's2' }, validate: false })).id;
  });
  after(async () => {
    await core.close();
    await dir.remove();
  });

  test('a bad row after several pages of good ones leaves nothing behind, and names its line', async () => {
    const before = dumpDatabase(dir.path);
    await assert.rejects(core.service.importFills({ id: accountId, csv: bybitExport(25_000, 'bad', 24_002) }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'import_invalid_row');
      assert.match(error.message, /^Line 24002, column "Filled Price": expected a decimal number \(found "abc"\)/);
      return true;
    });
    assert.deepEqual(dumpDatabase(dir.path), before);
  });

  test('imports queue behind each other, and a page a sync commits meanwhile waits, then lands: nothing lost, nothing twice', async () => {
    const [first, second, page] = await Promise.all([
      core.service.importFills({ id: accountId, csv: bybitExport(25_000, 'a') }),
      core.service.importFills({ id: accountId, csv: bybitExport(20_000, 'b') }),
      core.store.fills.commitPage(pageOf(otherId, [makeFill({ tradeId: 'synced-1', ts: Date.UTC(2024, 10, 20) })], { cursor: { at: 1 } })),
    ]);
    assert.deepEqual([first.imported, first.duplicates], [25_000, 0]);
    assert.deepEqual([second.imported, second.duplicates], [20_000, 0]);
    assert.equal(page.inserted, 1);
    assert.equal(await core.store.fills.count(accountId), 45_000);
    assert.equal(await core.store.fills.count(otherId), 1);
    const again = await core.service.importFills({ id: accountId, csv: bybitExport(25_000, 'a') });
    assert.deepEqual([again.imported, again.duplicates], [0, 25_000]);
  });
});

describe('closing the core during an import', () => {
  test('stops the import, and nothing of it is stored', async () => {
    const dir = await makeTempDir('perpvol-import-close-');
    try {
      const core = await openTestCore(dir.path);
      const { id } = await core.service.addAccount({ exchange: 'bybit', label: 'Main', credentials: { apiKey: 'k', apiSecret: 's' }, validate: false });
      const importing = core.service.importFills({ id, csv: bybitExport(150_000, 'big') });
      const outcome = importing.then(
        () => 'finished',
        (error: Error & { code?: string }) => error.code,
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the worker get going (either outcome is checked below)
      await core.close();
      const reopened = await openTestCore(dir.path);
      const stored = await reopened.store.fills.count(id);
      await reopened.close();
      // One transaction: either the whole file (had it finished before the close) or none of it.
      assert.ok((await outcome) === 'import_stopped' ? stored === 0 : stored === 150_000, `${await outcome}, ${stored} stored`);
    } finally {
      await dir.remove();
    }
  });
});

describe('POST /accounts/:id/import checks its body in the worker, with the API’s errors', () => {
  let server: TestServer;
  let accountId: string;

  before(async () => {
    server = await startTestServer();
    accountId = (await server.call('POST', '/api/v1/accounts', { body: { exchange: 'bybit', label: 'B', credentials: { apiKey: 'k', apiSecret: 's' }, validate: false } })).json.id;
  });
  after(() => server.close());

  const post = (rawBody: string, contentType = 'application/json') =>
    server.call('POST', `/api/v1/accounts/${accountId}/import`, { rawBody, headers: { 'content-type': contentType } });

  test('empty, malformed and wrongly shaped bodies are 400s that say what to send', async () => {
    const cases: [string, string, RegExp][] = [
      ['', 'empty_body', /the body is empty/],
      ['{"csv": "a', 'malformed_json', /not valid JSON/],
      ['[1]', 'invalid_input', /JSON object/],
      ['{}', 'invalid_input', /csv/],
      ['{"csv": "x", "format": "kraken"}', 'invalid_input', /format/],
      ['{"csv": "x", "utcOffset": "soon"}', 'invalid_utc_offset', /UTC offset/],
    ];
    for (const [body, code, message] of cases) {
      const answer = await post(body);
      assert.equal(answer.status, 400, body);
      assert.equal(answer.json.error.code, code, body);
      assert.match(answer.json.error.message, message, body);
    }
  });

  test('a body that is not JSON is 415, an unknown account 404, and a good file imports', async () => {
    assert.equal((await post('csv', 'text/plain')).status, 415);
    assert.equal((await server.call('POST', '/api/v1/accounts/nope/import', { body: { csv: bybitExport(3, 'x') } })).status, 404);
    const answer = await server.call('POST', `/api/v1/accounts/${accountId}/import`, { body: { csv: bybitExport(1_000, 'rest'), format: 'bybit' } });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual([answer.json.imported, answer.json.duplicates, answer.json.skipped], [1_000, 0, 0]);
  });
});
