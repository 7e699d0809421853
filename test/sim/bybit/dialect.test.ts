/**
 * Each switch of the simulator's dialect changes what /v5/execution/list answers, exactly where the
 * docs leave the point open (a switch that changed nothing would make the connector matrix prove
 * nothing).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { bybitAuthHeaders } from '../../../src-main/connectors/bybit/client.ts';
import { allBybitDialects } from './dialect.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from './simulator.ts';

const NOW = Date.UTC(2026, 0, 15, 13, 45, 12, 345);
const DAY = 86_400_000;
const EDGE_START = NOW - 3 * DAY;
const EDGE_END = NOW - DAY;
let sim: BybitSimulatorHandle;

before(async () => {
  sim = await startBybitSimulator({ seed: 4, accounts: 1, fillsPerAccount: 200, days: 6, now: () => NOW, enforceRateLimits: false });
  sim.accounts[0]!.trade(1, EDGE_START);
  sim.accounts[0]!.trade(1, EDGE_END);
});
after(() => sim.close());
afterEach(() => sim.setDialect({}));

type Row = { execTime: string; execId: string; symbol: string };
async function list(query: string): Promise<{ retCode: number; result: { list?: Row[]; nextPageCursor?: string | null } }> {
  const { apiKey, apiSecret } = sim.accounts[0]!.credentials as { apiKey: string; apiSecret: string };
  const headers = bybitAuthHeaders({ apiKey, apiSecret, timestamp: Date.now(), recvWindow: 5000, payload: query });
  const response = await fetch(`${sim.baseUrl}/v5/execution/list?${query}`, { headers });
  return (await response.json()) as { retCode: number; result: { list?: Row[]; nextPageCursor?: string | null } };
}
const times = (rows: Row[] | undefined) => (rows ?? []).map((row) => Number(row.execTime));
const edgeQuery = `category=linear&startTime=${EDGE_START}&endTime=${EDGE_END}&limit=100`;

test('there are 512 combinations and no two alike', () => {
  const all = allBybitDialects();
  assert.equal(all.length, 512);
  assert.equal(new Set(all.map((d) => JSON.stringify(d))).size, 512);
});

test('startTime and endTime include or exclude a row exactly on them', async () => {
  // The two edge trades are random perps; look at the category each landed in.
  const edgeRows = sim.accounts[0]!.rows().filter((r) => [EDGE_START, EDGE_END].includes(Number(r.execTime)));
  for (const category of new Set(edgeRows.map((r) => r.category))) {
    const query = edgeQuery.replace('linear', category);
    const expect = (ts: number) => edgeRows.some((r) => r.category === category && Number(r.execTime) === ts);
    for (const [startTime, endTime] of [['inclusive', 'inclusive'], ['exclusive', 'exclusive']] as const) {
      sim.setDialect({ startTime, endTime });
      const got = times((await list(query)).result.list);
      assert.equal(got.includes(EDGE_START), startTime === 'inclusive' && expect(EDGE_START));
      assert.equal(got.includes(EDGE_END), endTime === 'inclusive' && expect(EDGE_END));
    }
  }
});

test('rows come newest first or oldest first', async () => {
  sim.setDialect({ order: 'oldest-first' });
  const oldest = times((await list(edgeQuery)).result.list);
  assert.ok(oldest.length > 3);
  assert.deepEqual(oldest, [...oldest].sort((a, b) => a - b));
  sim.setDialect({ order: 'newest-first' });
  assert.deepEqual(times((await list(edgeQuery)).result.list), [...oldest].reverse());
});

test('a span over 7 days or a limit over 100 is refused, or cut down silently', async () => {
  const long = `category=linear&startTime=${NOW - 9 * DAY}&endTime=${NOW}&limit=101`;
  sim.setDialect({ overlongSpan: 'error', limitAbove100: 'clamp' });
  assert.equal((await list(long)).retCode, 10001);
  sim.setDialect({ overlongSpan: 'clamp', limitAbove100: 'error' });
  assert.equal((await list(long)).retCode, 10001);
  sim.setDialect({ overlongSpan: 'clamp', limitAbove100: 'clamp' });
  const clamped = await list(long);
  assert.equal(clamped.retCode, 0);
  assert.ok(times(clamped.result.list).every((ts) => ts <= NOW - 2 * DAY), 'cut to 7 days from startTime');
});

test('the last page ends with "", null, no cursor, or a cursor to one more empty page', async () => {
  const small = `category=linear&startTime=${EDGE_START}&endTime=${EDGE_END}&limit=100`;
  sim.setDialect({ lastCursor: 'empty' });
  assert.equal((await list(small)).result.nextPageCursor, '');
  sim.setDialect({ lastCursor: 'null' });
  assert.equal((await list(small)).result.nextPageCursor, null);
  sim.setDialect({ lastCursor: 'absent' });
  assert.equal('nextPageCursor' in (await list(small)).result, false);
  sim.setDialect({ lastCursor: 'trailing-page' });
  const last = await list(small);
  assert.ok(last.result.nextPageCursor);
  const after = await list(`${small}&cursor=${last.result.nextPageCursor}`);
  assert.deepEqual(after.result.list, []);
  assert.equal(after.result.nextPageCursor, '');
});

test('linear without settleCoin lists USDC contracts too, or USDT ones only; settleCoin=USDC lists USDC only', async () => {
  const query = `category=linear&startTime=${NOW - 6 * DAY}&endTime=${NOW}&limit=100`;
  // USDT perps and futures carry USDT in their name (BTCUSDT, BTCUSDT-26DEC25); USDC ones do not (BTCPERP, BTC-26DEC25)
  const usdt = (row: Row) => /USDT(?:-|$)/.test(row.symbol);
  sim.setDialect({ linearWithoutSettleCoin: 'all' });
  const all = (await list(query)).result.list!;
  assert.ok(all.some((r) => !usdt(r)) && all.some(usdt));
  sim.setDialect({ linearWithoutSettleCoin: 'usdt-only' });
  assert.ok((await list(query)).result.list!.every(usdt));
  const usdc = (await list(`${query}&settleCoin=USDC`)).result.list!;
  assert.ok(usdc.length > 0 && !usdc.some(usdt));
});

test('a repeated row opens every later page', async () => {
  sim.setDialect({ repeatAcrossPages: true });
  const query = `category=linear&startTime=${NOW - 6 * DAY}&endTime=${NOW}&limit=5`;
  const first = await list(query);
  const second = await list(`${query}&cursor=${first.result.nextPageCursor}`);
  assert.equal(second.result.list![0]!.execId, first.result.list!.at(-1)!.execId);
});
