import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from './simulator.ts';
import type { HlFill } from './fills.ts';

const NOW = Date.UTC(2025, 5, 15, 12);

describe('Hyperliquid simulator', () => {
  let sim: HyperliquidSimulatorHandle;
  let user: string;
  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 3, fillsPerAccount: 11_000, days: 90, now: () => NOW });
    user = sim.accounts[0]!.address;
  });
  after(() => sim.close());

  async function info(body: unknown, contentType = 'application/json'): Promise<{ status: number; text: string }> {
    const response = await fetch(`${sim.baseUrl}/info`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, text: await response.text() };
  }

  test('serves at most 2,000 fills oldest first, from the 10,000 most recent only', async () => {
    const { status, text } = await info({ type: 'userFillsByTime', user, startTime: 0 });
    assert.equal(status, 200);
    const fills = JSON.parse(text) as HlFill[];
    assert.equal(fills.length, 2_000);
    assert.deepEqual(fills.map((f) => f.time), fills.map((f) => f.time).sort((a, b) => a - b));
    assert.equal(fills[0]!.tid, sim.accounts[0]!.allFills()[1_000]!.tid);
  });

  test('userFills gives the 2,000 most recent, newest first', async () => {
    const fills = JSON.parse((await info({ type: 'userFills', user })).text) as HlFill[];
    assert.equal(fills.length, 2_000);
    assert.equal(fills[0]!.tid, sim.accounts[0]!.allFills().at(-1)!.tid);
  });

  test('history includes spot fills and fills sharing one millisecond', () => {
    const rows = sim.accounts[0]!.allFills();
    assert.ok(rows.some((row) => row.coin.startsWith('@')) && rows.some((row) => row.coin.includes('/')));
    assert.ok(rows.some((row, i) => i > 0 && rows[i - 1]!.time === row.time));
  });

  test('aggregateByTime merges partial crossing fills of one order', async () => {
    const body = { type: 'userFillsByTime', user, startTime: 0 };
    const plain = JSON.parse((await info(body)).text) as HlFill[];
    const merged = JSON.parse((await info({ ...body, aggregateByTime: true })).text) as HlFill[];
    assert.ok(merged.length < plain.length);
  });

  test('answers a malformed address with 422 and a body that is not JSON with 400', async () => {
    const bad = await info({ type: 'userFees', user: '0xnothex' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /^Failed to deserialize the JSON body into the target type/);
    assert.equal((await info('{"type":', 'application/json')).status, 400);
    assert.equal((await info({ type: 'nope', user })).status, 422);
  });

  test('the same seed gives the same history and truth', async () => {
    const twin = await startHyperliquidSimulator({ seed: 3, fillsPerAccount: 11_000, days: 90, now: () => NOW });
    try {
      assert.deepEqual(twin.accounts[0]!.allFills(), sim.accounts[0]!.allFills());
      assert.deepEqual([...twin.accounts[0]!.truth()], [...sim.accounts[0]!.truth()]);
    } finally {
      await twin.close();
    }
  });

  test('answers 429 once a client spends more than 1200 weight a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await info({ type: 'userFillsByTime', user, startTime: 0 })).status);
    assert.ok(statuses.includes(429));
    assert.ok(sim.stats().rateLimited > 0);
  });
});
