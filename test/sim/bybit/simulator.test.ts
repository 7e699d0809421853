import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { bybitAuthHeaders } from '../../../src-main/connectors/bybit/client.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from './simulator.ts';

const NOW = Date.UTC(2026, 0, 15, 13, 45, 12, 345);
const DAY = 86_400_000;
let sim: BybitSimulatorHandle;
before(async () => {
  sim = await startBybitSimulator({ seed: 2, fillsPerAccount: 300, now: () => NOW });
});
after(() => sim.close());

async function get(path: string, query: string, credentials = sim.accounts[0]!.credentials) {
  const headers = bybitAuthHeaders({
    apiKey: credentials['apiKey']!, apiSecret: credentials['apiSecret']!, timestamp: Date.now(), recvWindow: 5000, payload: query,
  });
  const response = await fetch(`${sim.baseUrl}${path}?${query}`, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { retCode: number; retMsg: string; result: any } };
}

test('a span longer than 7 days is refused with retCode 10001', async () => {
  const { body } = await get('/v5/execution/list', `category=linear&startTime=${NOW - 8 * DAY}&endTime=${NOW}`);
  assert.equal(body.retCode, 10001);
});

test('limit must be between 1 and 100', async () => {
  assert.equal((await get('/v5/execution/list', 'category=linear&limit=101')).body.retCode, 10001);
  assert.equal((await get('/v5/execution/list', 'category=linear&limit=0')).body.retCode, 10001);
});

test('without times the last 7 days come back, newest first', async () => {
  const { body } = await get('/v5/execution/list', 'category=linear&limit=100');
  assert.equal(body.retCode, 0);
  const times = body.result.list.map((r: { execTime: string }) => Number(r.execTime));
  assert.ok(times.every((t: number) => t >= NOW - 7 * DAY && t <= NOW));
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
});

test('a request signed over a differently ordered query string is refused with 10004', async () => {
  const credentials = sim.accounts[0]!.credentials;
  const headers = bybitAuthHeaders({ apiKey: credentials['apiKey']!, apiSecret: credentials['apiSecret']!, timestamp: Date.now(), recvWindow: 5000, payload: 'limit=5&category=linear' });
  const response = await fetch(`${sim.baseUrl}/v5/execution/list?category=linear&limit=5`, { headers });
  assert.equal(((await response.json()) as { retCode: number }).retCode, 10004);
});

test('the eleventh request within a second gets 10006 with the reset time in the headers', async () => {
  const answers = await Promise.all(Array.from({ length: 12 }, () => get('/v5/user/query-api', '')));
  const limited = answers.filter((a) => a.body.retCode === 10006);
  assert.ok(limited.length >= 2);
  const reset = Number(limited[0]!.headers.get('x-bapi-limit-reset-timestamp'));
  assert.ok(reset > Date.now() - 1_000 && reset <= Date.now() + 1_000);
  assert.equal(limited[0]!.headers.get('x-bapi-limit'), '10');
  assert.equal(limited[0]!.headers.get('x-bapi-limit-status'), '0');
  assert.ok(sim.stats().rateLimited >= 2);
});
