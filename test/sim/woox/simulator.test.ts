import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import { v3AuthHeaders } from '../../../src-main/connectors/woox/client.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from './simulator.ts';

const NOW = Date.UTC(2025, 0, 10);
let sim: WooxSimulatorHandle;

before(async () => {
  sim = await startWooxSimulator({ seed: 5, fillsPerAccount: 100, now: () => NOW });
});
after(() => sim.close());

async function get(path: string, query: string, timestamp = NOW, secret?: string) {
  const { apiKey, apiSecret } = sim.accounts[0]!.credentials as { apiKey: string; apiSecret: string };
  const headers = v3AuthHeaders({ apiKey, apiSecret: secret ?? apiSecret }, timestamp, { method: 'GET', path, queryString: query, body: '' });
  const response = await request(`${sim.baseUrl}${path}${query ? `?${query}` : ''}`, { headers });
  return { status: response.statusCode, body: JSON.parse(await response.body.text()) as Record<string, unknown> };
}

test('the simulator refuses a third transaction-history request within one second with 429 and -1003', async () => {
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await get('/v3/trade/transactionHistory', `startTime=${NOW - 86_400_000}&endTime=${NOW}&limit=5`));
  assert.deepEqual(answers.slice(0, 2).map((answer) => answer.status), [200, 200]);
  assert.equal(answers[2]!.status, 429);
  assert.deepEqual(answers[2]!.body, { success: false, code: -1003, message: 'Rate limit exceed.' });
  assert.equal(sim.stats().rateLimited, 1);
});

test('the simulator rejects a stale timestamp and a wrong signature with -1002', async () => {
  const stale = await get('/v3/account/info', '', NOW - 10 * 60_000);
  assert.equal(stale.body['code'], -1002);
  const forged = await get('/v3/account/info', '', NOW, 'another-secret');
  assert.equal(forged.body['code'], -1002);
  assert.equal(forged.body['success'], false);
});
