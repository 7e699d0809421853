import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MS_PER_DAY } from '../../../src-main/core/days.ts';
import { createWooxConnector } from '../../../src-main/connectors/woox/descriptor.ts';
import { HISTORY_SPAN_MS, wooxWindows } from '../../../src-main/connectors/woox/paging.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../../sim/woox/simulator.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';
import { fastOptions } from './fast-options.ts';

// A UTC midnight: with one-day windows every window edge is a midnight.
const NOW = Date.UTC(2025, 5, 1);
let clock = NOW;
let sim: WooxSimulatorHandle;
const PASS_START = NOW - HISTORY_SPAN_MS;
const EDGE = PASS_START + 40 * MS_PER_DAY;

before(async () => {
  sim = await startWooxSimulator({ seed: 11, fillsPerAccount: 600, days: 90, now: () => clock, enforceRateLimits: false });
  // Executions exactly on window edges: the oldest served millisecond, an inner edge, and "now".
  sim.accounts[0]!.trade(2, PASS_START);
  sim.accounts[0]!.trade(3, EDGE);
  sim.accounts[0]!.trade(1, NOW);
});
after(() => sim.close());

const connector = () =>
  createWooxConnector(
    { baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials },
    fastOptions(() => clock, { pageLimits: [7], windowMs: MS_PER_DAY }),
  );

test('a backfill reads every window to exactly the exchange totals', async () => {
  clock = NOW;
  const collector = new FillCollector();
  await collector.run(connector(), NOW);
  assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
  const last = collector.pages.at(-1)!;
  assert.equal(last.progress, 1);
  assert.equal(last.historyLimitedBefore, PASS_START);
  assert.ok(collector.pages.length > 730, 'one-day windows over two years, plus further pages within busy days');
  const progress = collector.pages.map((page) => page.progress);
  assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes backwards');
});

test('fills exactly on a window edge are served in both windows and counted once', async () => {
  clock = NOW;
  const collector = new FillCollector();
  await collector.run(connector(), NOW);
  const onEdge = (ts: number) => collector.pages.flatMap((page) => page.fills).filter((fill) => fill.ts === ts);
  const edgeFills = onEdge(EDGE);
  assert.ok(edgeFills.length > 0);
  assert.equal(edgeFills.length, 2 * new Set(edgeFills.map((fill) => fill.tradeId)).size, 'repeated across the two pages');
  assert.ok(collector.handedOver > collector.byTradeId.size);
  const perpAtStart = sim.ledgers[0]!.rows.filter((row) => row.executedTimestamp === PASS_START && row.symbol.startsWith('PERP_'));
  for (const row of perpAtStart) assert.ok(collector.byTradeId.has(row.id.toString()), 'a fill at the oldest served millisecond is included');
  const perpAtNow = sim.ledgers[0]!.rows.filter((row) => row.executedTimestamp === NOW && row.symbol.startsWith('PERP_'));
  for (const row of perpAtNow) assert.ok(collector.byTradeId.has(row.id.toString()), 'a fill at the very end of the pass is included');
});

test('a backfill resumed from a persisted cursor ends with the same totals as an uninterrupted one', async () => {
  clock = NOW;
  const interrupted = new FillCollector();
  await interrupted.run(connector(), NOW, 300);
  assert.ok(interrupted.pages.at(-1)!.progress < 1);
  const resumed = new FillCollector();
  resumed.cursor = JSON.parse(JSON.stringify(interrupted.cursor));
  for (const fill of interrupted.byTradeId.values()) resumed.byTradeId.set(fill.tradeId, fill);
  await resumed.run(connector(), NOW);
  assert.deepEqual(sortedDays(resumed.daily()), sortedDays(sim.accounts[0]!.truth()));
});

test('an incremental sync after the backfill fetches only what is new and reaches the new totals', async () => {
  clock = NOW;
  const collector = new FillCollector();
  await collector.run(connector(), NOW);
  const pagesBefore = collector.pages.length;
  clock = NOW + 3 * 60 * 60 * 1000;
  sim.accounts[0]!.trade(9, clock - 1_000);
  await collector.run(connector(), clock);
  assert.ok(collector.pages.length - pagesBefore <= 3, 'a few hours need a single window');
  // Fills that have since aged past the exchange's two years stay stored but are no longer in its truth.
  assert.deepEqual(sortedDays(collector.daily(clock - HISTORY_SPAN_MS)), sortedDays(sim.accounts[0]!.truth()));
  clock = NOW;
});

test('executions older than two years are not served and not counted', async () => {
  clock = NOW;
  const collector = new FillCollector();
  await collector.run(connector(), NOW);
  const ancient = sim.ledgers[0]!.rows.filter((row) => row.executedTimestamp < PASS_START);
  assert.ok(ancient.length > 0);
  for (const row of ancient) assert.ok(!collector.byTradeId.has(row.id.toString()));
});

test('an exchange that silently serves fewer rows than asked still yields every fill', async () => {
  const capped = await startWooxSimulator({ seed: 12, fillsPerAccount: 400, days: 20, now: () => NOW, enforceRateLimits: false, dialect: { maxLimit: 5, overLimit: 'cap' } });
  try {
    const collector = new FillCollector();
    const cappedConnector = createWooxConnector(
      { baseUrl: capped.baseUrl, credentials: capped.accounts[0]!.credentials },
      fastOptions(() => NOW, { pageLimits: [50], windowMs: 30 * MS_PER_DAY }),
    );
    await collector.run(cappedConnector, NOW);
    assert.deepEqual(sortedDays(collector.daily()), sortedDays(capped.accounts[0]!.truth()));
  } finally {
    await capped.close();
  }
});

test('a cursor of the first release (v1) is not trusted: the account backfills once more', () => {
  const v1 = { v: 1, backfill: false, passStart: NOW - 1000, passEnd: NOW, windowStart: NOW, lastId: null, doneUntil: NOW };
  const plan = wooxWindows().begin(v1, NOW + 1000);
  assert.equal(plan.backfill, true);
  assert.equal(plan.passStart, NOW + 1000 - HISTORY_SPAN_MS);
  assert.equal(plan.walk, null);
});

test('an unfinished pass resumed later keeps its open window and extends only the windows after it', () => {
  const cursor = wooxWindows().begin(null, NOW);
  const open = { ...cursor, windowStart: NOW - 5 * MS_PER_DAY };
  const resumed = wooxWindows().begin(JSON.parse(JSON.stringify(open)), NOW + MS_PER_DAY);
  assert.equal(resumed.windowStart, open.windowStart);
  assert.equal(resumed.passEnd, NOW + MS_PER_DAY);
  assert.equal(resumed.backfill, true);
});

test('a v2 cursor saved mid-window (page method, counts carried) resumes that walk exactly as it stood', () => {
  const walk = {
    method: 'page', start: NOW - 10 * MS_PER_DAY, end: NOW - 9 * MS_PER_DAY, endTime: NOW - 9 * MS_PER_DAY, total: 40, counted: 14,
    bestCounted: 12, requests: 2, lo: NOW - 10 * MS_PER_DAY, hi: NOW - 9 * MS_PER_DAY, order: null, edge: [], page: 3,
    previous: ['1000', '1013'], lastId: null,
  };
  const saved = { v: 2, backfill: true, passStart: NOW - HISTORY_SPAN_MS, passEnd: NOW, windowStart: walk.start, doneUntil: null, pageLimit: 200, largestPage: 7, walk };
  const resumed = wooxWindows().begin(JSON.parse(JSON.stringify(saved)), NOW + 1000);
  assert.deepEqual(resumed, { ...saved, passEnd: NOW + 1000 });
  const request = wooxWindows().request(resumed);
  assert.deepEqual(request.ask(request.sizes[0]), [['startTime', walk.start], ['endTime', walk.endTime], ['limit', 200], ['page', 3]]);
});
