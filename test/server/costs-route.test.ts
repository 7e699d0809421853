/**
 * GET /api/v1/costs against a real server on a SQLite file: the default range and grouping, the
 * figures of a hand-computed fixture, and every malformed query answered 400 with a message that
 * says what to send (never 500).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../src-main/store/open-store.ts';
import { startTestServer, type TestServer } from './harness.ts';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('GET /api/v1/costs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'perpvol-costs-route-'));
  let server: TestServer;
  const yesterday = Date.now() - DAY_MS;

  before(async () => {
    const store = await openStore({ dataDir });
    // the exchange's fee facts are asked at a closed loopback port: refused at once, the tier table stands in
    await store.accounts.create({
      id: 'hl', exchange: 'hyperliquid', label: 'HL', baseUrl: 'http://127.0.0.1:9', identity: `0x${'cd'.repeat(20)}`, permissions: {}, warnings: [], createdAt: 1,
    });
    const fill = (tradeId: string, notionalUsd: number, fee: string, liquidity: 'maker' | 'taker') => ({
      exchange: 'hyperliquid' as const, tradeId, orderId: null, symbol: 'BTC', kind: 'perpetual' as const, underlying: 'BTC', side: 'buy' as const,
      price: String(notionalUsd), qty: '1', notionalMicros: notionalUsd * 1_000_000, fee, feeCurrency: 'USDC', feeMicros: Math.round(Number(fee) * 1e6), liquidity, ts: yesterday,
    });
    // 30,000 at a 0.003 % rebate (-0.9) and 10,000 taker at 0.045 % (4.5): fees 3.6 on 40,000 = $90 per $1M
    await store.fills.importFills('hl', [fill('m', 30_000, '-0.9', 'maker'), fill('t', 10_000, '4.5', 'taker')]);
    await store.close();
    server = await startTestServer({ dataDir });
  });
  after(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('answers 200 with the last 30 UTC days per exchange by default, rebates as negative fees', async () => {
    const answer = await server.call('GET', '/api/v1/costs');
    assert.equal(answer.status, 200);
    const body = answer.json as { from: string; to: string; groupBy: string; rows: { key: string; feesUsd: number; makerFeesUsd: number; feesPerMillionUsd: number; makerShare: number; tier: { source: string } | null }[] };
    assert.equal(body.to, day(Date.now()));
    assert.equal(body.from, day(Date.now() - 29 * DAY_MS));
    assert.equal(body.groupBy, 'exchange');
    const [hl] = body.rows;
    assert.deepEqual([hl?.key, hl?.feesUsd, hl?.makerFeesUsd, hl?.feesPerMillionUsd, hl?.makerShare], ['hyperliquid', 3.6, -0.9, 90, 0.75]);
    assert.equal(hl?.tier?.source, 'perpvol');
  });

  test('groupBy=day and explicit ranges are taken from the query string', async () => {
    const answer = await server.call('GET', `/api/v1/costs?groupBy=day&from=${day(yesterday)}&to=${day(yesterday)}&kinds=perpetual,dated_future`);
    assert.equal(answer.status, 200);
    const body = answer.json as { rows: { key: string; volumeUsd: number }[] };
    assert.deepEqual(body.rows.map((r) => [r.key, r.volumeUsd]), [[day(yesterday), 40_000]]);
  });

  test('a malformed query is a 400 that says what to send', async () => {
    const cases: [string, RegExp][] = [
      ['groupBy=symbol', /groupBy/],
      ['from=2026-02-31', /not a calendar date/],
      ['from=2026-03-10&to=2026-03-01', /after to .*swap them/],
      ['kinds=spot', /perpetual, dated_future/],
      ['from=2020-01-01&to=2026-01-01', /longer than three years/],
    ];
    for (const [query, message] of cases) {
      const answer = await server.call('GET', `/api/v1/costs?${query}`);
      assert.equal(answer.status, 400, query);
      const error = (answer.json as { error: { code: string; message: string } }).error;
      assert.match(error.message, message, query);
    }
  });

  test('is in the OpenAPI document and needs the token', async () => {
    const doc = (await server.call('GET', '/api/v1/openapi.json')).json as { paths: Record<string, unknown> };
    assert.ok(doc.paths['/api/v1/costs'], 'documented');
    assert.equal((await server.call('GET', '/api/v1/costs', { token: null })).status, 401);
  });
});
