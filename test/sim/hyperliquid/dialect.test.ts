/**
 * Each switch of the simulator's dialect changes what userFillsByTime answers, exactly where the
 * docs leave the point open (a switch that changed nothing would make the connector matrix prove
 * nothing).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { allHyperliquidDialects } from './dialect.ts';
import type { HlFill } from './fills.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from './simulator.ts';

const NOW = Date.UTC(2025, 5, 15, 12);
let sim: HyperliquidSimulatorHandle;
let user: string;
let fills: readonly HlFill[];

before(async () => {
  sim = await startHyperliquidSimulator({ seed: 8, fillsPerAccount: 3_000, days: 10, now: () => NOW, enforceRateLimits: false });
  user = sim.accounts[0]!.address;
  fills = sim.accounts[0]!.allFills();
});
after(() => sim.close());
afterEach(() => sim.setDialect({}));

async function byTime(body: Record<string, unknown>): Promise<HlFill[]> {
  const response = await fetch(`${sim.baseUrl}/info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'userFillsByTime', user, ...body }),
  });
  return (await response.json()) as HlFill[];
}

test('there are 16 combinations and no two alike', () => {
  const all = allHyperliquidDialects();
  assert.equal(all.length, 16);
  assert.equal(new Set(all.map((d) => JSON.stringify(d))).size, 16);
});

test('a range over 2,000 fills answers its oldest or its newest 2,000', async () => {
  sim.setDialect({ capKeeps: 'oldest' });
  assert.deepEqual((await byTime({ startTime: 0 })).map((f) => f.tid), fills.slice(0, 2_000).map((f) => f.tid));
  sim.setDialect({ capKeeps: 'newest' });
  assert.deepEqual((await byTime({ startTime: 0 })).map((f) => f.tid), fills.slice(-2_000).map((f) => f.tid));
});

test('rows come oldest first or newest first', async () => {
  sim.setDialect({ order: 'descending' });
  const rows = await byTime({ startTime: 0 });
  assert.deepEqual(rows.map((f) => f.tid), fills.slice(0, 2_000).map((f) => f.tid).reverse());
});

test('endTime includes a fill exactly on it, or not', async () => {
  const edge = fills[100]!.time;
  sim.setDialect({ endTime: 'inclusive' });
  assert.ok((await byTime({ startTime: 0, endTime: edge })).some((f) => f.time === edge));
  sim.setDialect({ endTime: 'exclusive' });
  const exclusive = await byTime({ startTime: 0, endTime: edge });
  assert.ok(exclusive.length > 0 && exclusive.every((f) => f.time < edge));
});

test('a request without aggregateByTime is aggregated or not; an explicit false never is', async () => {
  const burst = fills.find((f, i) => i > 0 && fills[i - 1]!.time === f.time && fills[i - 1]!.oid === f.oid && f.crossed && fills[i - 1]!.crossed)!;
  assert.ok(burst, 'the history has partial fills of one crossing order in one millisecond');
  const at = { startTime: burst.time, endTime: burst.time };
  sim.setDialect({ aggregateByDefault: true });
  const aggregated = await byTime(at);
  const explicit = await byTime({ ...at, aggregateByTime: false });
  assert.ok(aggregated.length < explicit.length);
  sim.setDialect({ aggregateByDefault: false });
  assert.equal((await byTime(at)).length, explicit.length);
});
