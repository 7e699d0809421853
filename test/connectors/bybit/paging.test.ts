import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createBybitConnector } from '../../../src-main/connectors/bybit/descriptor.ts';
import { HISTORY_MS, LATE_FILL_OVERLAP_MS, MAX_WINDOW_MS } from '../../../src-main/connectors/bybit/paging.ts';
import { startBybitSimulator, truthOf, type BybitSimulatorHandle } from '../../sim/bybit/simulator.ts';
import { sortedDays } from '../../support/daily-totals.ts';
import { dailyTotals, NOW, quickRetry, runPass, unpaced } from './helpers.ts';

// docs/counting.md: consecutive 7-day windows overlap by one second.
const WINDOW_STEP_MS = MAX_WINDOW_MS - 1_000;

let sim: BybitSimulatorHandle;
let simNow = NOW;
const START = NOW - HISTORY_MS;
/**
 * Fills placed exactly on, and one millisecond either side of, where windows start and end (they
 * start WINDOW_STEP_MS apart and span MAX_WINDOW_MS, so consecutive windows overlap): where
 * off-by-one paging breaks.
 */
const EDGES = [START, START + 1, NOW - 1, NOW].concat(
  [1, 50].flatMap((k) => {
    const windowStart = START + k * WINDOW_STEP_MS;
    const previousEnd = START + (k - 1) * WINDOW_STEP_MS + MAX_WINDOW_MS;
    return [windowStart - 1, windowStart, windowStart + 1, previousEnd - 1, previousEnd, previousEnd + 1];
  }),
);
before(async () => {
  sim = await startBybitSimulator({ seed: 7, fillsPerAccount: 1_500, now: () => simNow, enforceRateLimits: false });
  for (const edge of EDGES) sim.accounts[0]!.trade(2, edge);
});
after(() => sim.close());

const connector = (pageLimit: number, account = 0) =>
  createBybitConnector(
    { baseUrl: sim.baseUrl, credentials: sim.accounts[account]!.credentials },
    { limiter: unpaced(), retry: quickRetry, pageLimit },
  );

test('a backfill walks every 7-day window of both perp categories and adds up to the exchange truth', async () => {
  const { fills, pages } = await runPass(connector(100), null);
  assert.deepEqual(sortedDays(dailyTotals(fills)), sortedDays(sim.accounts[0]!.truth()));
  const windows = Math.ceil((HISTORY_MS + 1) / MAX_WINDOW_MS);
  assert.ok(pages.length >= windows * 2, `${pages.length} pages for ${windows} windows × 2 categories`);
  assert.equal(pages.at(-1)!.progress, 1);
  assert.ok(pages.every((p, i) => i === 0 || p.progress >= pages[i - 1]!.progress), 'progress never goes back');
});

test('fills exactly on window edges are handed over exactly once', async () => {
  const { fills } = await runPass(connector(7), null);
  const edgeRows = sim.accounts[0]!.rows().filter((r) => EDGES.includes(Number(r.execTime)));
  assert.equal(edgeRows.length, EDGES.length * 2);
  for (const row of edgeRows) {
    assert.equal(fills.filter((f) => f.tradeId === row.execId).length, 1, `edge fill at ${row.execTime}`);
  }
});

for (const [startTime, endTime] of [['inclusive', 'exclusive'], ['exclusive', 'inclusive'], ['exclusive', 'exclusive']] as const) {
  test(`fills on window edges are handed over exactly once if Bybit reads startTime as ${startTime} and endTime as ${endTime}`, async () => {
    sim.setDialect({ startTime, endTime });
    try {
      const { fills } = await runPass(connector(7), null);
      assert.equal(new Set(fills.map((f) => f.tradeId)).size, fills.length, 'no repeats');
      // A fill in the very first or last millisecond of the pass belongs to the next pass (which
      // re-reads the last minutes) or, two years back, to whichever clock Bybit keeps the horizon by.
      const outer = (ts: number) => (startTime === 'exclusive' && ts === START) || (endTime === 'exclusive' && ts === NOW);
      const kept = new Set(fills.map((f) => f.tradeId));
      const edgeRows = sim.accounts[0]!.rows().filter((r) => EDGES.includes(Number(r.execTime)) && !outer(Number(r.execTime)));
      assert.ok(edgeRows.every((r) => kept.has(r.execId)));
      assert.deepEqual(
        sortedDays(dailyTotals(fills.filter((f) => !outer(f.ts)))),
        sortedDays(truthOf(sim.accounts[0]!.rows().filter((r) => !outer(Number(r.execTime))), NOW)),
      );
    } finally {
      sim.setDialect({});
    }
  });
}

test('small pages cross page boundaries without losing or repeating fills', async () => {
  const big = await runPass(connector(100), null);
  const small = await runPass(connector(7), null);
  assert.ok(small.pages.length > big.pages.length);
  assert.equal(new Set(small.fills.map((f) => f.tradeId)).size, small.fills.length, 'no repeats');
  assert.deepEqual(small.fills.map((f) => f.tradeId).sort(), big.fills.map((f) => f.tradeId).sort());
});

test('rows Bybit repeats across pages are handed over once and counted once', async () => {
  sim.setDialect({ repeatAcrossPages: true });
  try {
    const { fills } = await runPass(connector(5), null);
    assert.equal(new Set(fills.map((f) => f.tradeId)).size, fills.length, 'no repeats within a pass');
    assert.deepEqual(sortedDays(dailyTotals(fills)), sortedDays(sim.accounts[0]!.truth()));
  } finally {
    sim.setDialect({});
  }
});

test('a backfill killed after any page resumes from its persisted cursor and loses nothing', async () => {
  let cursor = null;
  const all = [];
  for (let round = 0; round < 1_000; round++) {
    const part = await runPass(connector(9), cursor, NOW, 37);
    all.push(...part.fills);
    cursor = part.cursor;
    if (part.pages.at(-1)!.progress === 1) break;
  }
  assert.deepEqual(sortedDays(dailyTotals(all)), sortedDays(sim.accounts[0]!.truth()));
});

test('incremental sync reads only the time since the last pass, and finds new fills', async () => {
  const first = await runPass(connector(100), null);
  const later = NOW + 3 * 3_600_000;
  const account = sim.accounts[0]!;
  simNow = later;
  try {
    account.trade(3, NOW + 3_600_000);
    const before = sim.stats().requests;
    const next = await runPass(connector(100), first.cursor, later);
    // One window: linear, then linear USDC unless the unfiltered query already listed a USDC contract, then inverse.
    const linearInWindow = account.rows().filter((r) => r.category === 'linear' && Number(r.execTime) >= NOW - LATE_FILL_OVERLAP_MS);
    const usdcListed = linearInWindow.some((r) => r.feeCurrency === 'USDC');
    assert.equal(sim.stats().requests - before, usdcListed ? 2 : 3);
    // New fills, plus the few minutes before the last pass that are re-read for late listings.
    const expected = account
      .rows()
      .filter((r) => Number(r.execTime) >= NOW - LATE_FILL_OVERLAP_MS && (r.category === 'linear' || r.category === 'inverse'))
      .filter((r) => ['Trade', 'AdlTrade', 'BustTrade'].includes(r.execType));
    assert.ok(expected.filter((r) => Number(r.execTime) === NOW + 3_600_000).length === 3);
    assert.deepEqual(next.fills.map((f) => f.tradeId).sort(), expected.map((r) => r.execId).sort());
    assert.equal(next.pages.at(-1)!.coveredTo, later);
    assert.equal(next.pages.at(-1)!.coveredFrom, START);
  } finally {
    simNow = NOW;
  }
});

test('every page says Bybit keeps only two years of history', async () => {
  const { pages } = await runPass(connector(100), null, NOW, 3);
  assert.ok(pages.every((p) => p.historyLimitedBefore === START));
});

test('spot and option fills, funding and settlement rows never become fills', async () => {
  const { fills } = await runPass(connector(100, 1), null);
  const kept = new Set(fills.map((f) => f.tradeId));
  const rows = sim.accounts[1]!.rows();
  const excluded = rows.filter((r) => r.category === 'spot' || r.category === 'option' || r.execType === 'Funding' || r.execType === 'Settle');
  assert.ok(excluded.some((r) => r.execType === 'Funding') && excluded.some((r) => r.category === 'spot'));
  assert.ok(excluded.every((r) => !kept.has(r.execId)));
  assert.ok(fills.some((f) => f.symbol.endsWith('USD')) && fills.some((f) => f.symbol.endsWith('PERP')));
  assert.deepEqual(sortedDays(dailyTotals(fills)), sortedDays(sim.accounts[1]!.truth()));
});
