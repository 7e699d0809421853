import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHyperliquidConnector } from '../../../src-main/connectors/hyperliquid/descriptor.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../../sim/hyperliquid/simulator.ts';
import { sortedDays, totalsByDay } from '../../support/daily-totals.ts';
import { FAST_RETRY, NOW, runPass, type Pass } from './support.ts';
import { sharedRateLimiters } from '../../../src-main/connectors/http/rate-limiter.ts';
import { SkippingClock } from '../../support/skipping-clock.ts';

// The connectors here share the real limiter (1200 weight a minute) and the simulators enforce the
// same budget; both count on one clock that skips the limiter's waits instead of sleeping them.
const clock = new SkippingClock();
sharedRateLimiters.useClock(clock);
const rateClock = (): number => clock.now();

function connectorFor(sim: HyperliquidSimulatorHandle, account = 0) {
  return createHyperliquidConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[account]!.credentials }, { retry: FAST_RETRY });
}

describe('Hyperliquid backfill of an account past the 10,000-fill cap', () => {
  // One backfill shared by the tests below: Hyperliquid's budget (1200 weight a minute) allows
  // only a few 10,000-fill backfills a minute, and the limiter would make each extra one wait.
  let sim: HyperliquidSimulatorHandle;
  let pass: Pass;
  before(async () => {
    sim = await startHyperliquidSimulator({ rateClock, seed: 7, fillsPerAccount: 12_500, days: 120, now: () => NOW });
    pass = await runPass(connectorFor(sim), null);
  });
  after(() => sim.close());

  test('adds up to the simulator truth to the micro-dollar on every day', async () => {
    assert.deepEqual(sortedDays(totalsByDay(pass.fills)), sortedDays(sim.accounts[0]!.truth()));
  });

  test('yields every served perp fill exactly once', async () => {
    const ids = pass.fills.map((fill) => fill.tradeId);
    assert.equal(new Set(ids).size, ids.length);
    const servedPerp = sim.accounts[0]!.allFills().slice(-10_000).filter((row) => !row.coin.startsWith('@') && !row.coin.includes('/'));
    assert.equal(ids.length, servedPerp.length);
  });

  test('reports the oldest fill Hyperliquid still serves so the gap can be filled from a CSV', async () => {
    const oldestServed = sim.accounts[0]!.allFills().slice(-10_000)[0]!.time;
    assert.equal(pass.pages.at(-1)!.historyLimitedBefore, oldestServed);
    assert.ok(oldestServed > sim.accounts[0]!.allFills()[0]!.time, 'older fills exist but are not served');
  });

  test('leaves spot fills out of volume', async () => {
    const spotServed = sim.accounts[0]!.allFills().slice(-10_000).filter((row) => row.coin.startsWith('@') || row.coin.includes('/'));
    assert.ok(spotServed.length > 100, 'the simulator serves spot fills');
    assert.ok(pass.fills.every((fill) => !fill.symbol.startsWith('@') && !fill.symbol.includes('/')));
  });

  test('maps side, maker/taker and fee of every fill as the exchange printed them', async () => {
    const rows = new Map(sim.accounts[0]!.allFills().map((row) => [String(row.tid), row]));
    let withBuilderFee = 0;
    for (const fill of pass.fills) {
      const row = rows.get(fill.tradeId)!;
      assert.equal(fill.side, row.side === 'B' ? 'buy' : 'sell');
      assert.equal(fill.liquidity, row.crossed ? 'taker' : 'maker');
      assert.equal(fill.fee, row.fee);
      assert.equal(fill.orderId, String(row.oid));
      if (row.builderFee) withBuilderFee++;
    }
    assert.ok(withBuilderFee > 0, 'some fills carry a builder fee, counted once inside `fee`');
  });

  test('moves progress forward and ends the pass at 1 with a cursor for incremental sync', async () => {
    const progress = pass.pages.map((page) => page.progress);
    assert.ok(pass.pages.length >= 6);
    assert.deepEqual([...progress].sort((a, b) => a - b), progress);
    assert.equal(progress.at(-1), 1);
    assert.ok(progress.slice(0, -1).every((value) => value < 1));
    assert.equal(pass.pages.at(-1)!.coveredTo, NOW);
  });

  test('a backfill resumed from an intermediate cursor ends with the same totals', async () => {
    const resumedFrom = pass.pages[2]!;
    const rest = await runPass(connectorFor(sim), resumedFrom.cursor);
    const fills = [...pass.pages.slice(0, 3).flatMap((page) => page.fills), ...rest.fills];
    assert.equal(new Set(fills.map((fill) => fill.tradeId)).size, fills.length);
    assert.deepEqual(sortedDays(totalsByDay(fills)), sortedDays(sim.accounts[0]!.truth()));
  });
});

describe('Hyperliquid paging', () => {
  test('takes fills sharing one millisecond across the 2,000-fill boundary once each', async () => {
    const sim = await startHyperliquidSimulator({ rateClock, seed: 11, fillsPerAccount: 1_990, days: 20, now: () => NOW });
    try {
      // 30 partial fills at one millisecond: 10 end the first page, 20 begin the second.
      sim.accounts[0]!.trade(30, NOW - 1_000);
      const pass = await runPass(connectorFor(sim), null);
      // The full first page, one small answer proving nothing below it was cut off, then the rest.
      assert.equal(pass.pages.length, 3);
      const ids = pass.fills.map((fill) => fill.tradeId);
      assert.equal(new Set(ids).size, ids.length);
      assert.equal(pass.fills.filter((fill) => fill.ts === NOW - 1_000).length, 30);
      assert.deepEqual(sortedDays(totalsByDay(pass.fills)), sortedDays(sim.accounts[0]!.truth()));
    } finally {
      await sim.close();
    }
  });

  test('does not claim a limited history for an account under the cap', async () => {
    const sim = await startHyperliquidSimulator({ rateClock, seed: 12, fillsPerAccount: 4_000, days: 30, now: () => NOW });
    try {
      const pass = await runPass(connectorFor(sim), null);
      assert.ok(pass.pages.every((page) => page.historyLimitedBefore === undefined));
      assert.deepEqual(sortedDays(totalsByDay(pass.fills)), sortedDays(sim.accounts[0]!.truth()));
    } finally {
      await sim.close();
    }
  });

  test('an account without fills ends its backfill in one empty page', async () => {
    const sim = await startHyperliquidSimulator({ rateClock, seed: 13, fillsPerAccount: 0, days: 10, now: () => NOW });
    try {
      const pass = await runPass(connectorFor(sim), null);
      assert.equal(pass.pages.length, 1);
      assert.deepEqual(pass.fills, []);
      assert.equal(pass.pages[0]!.progress, 1);
    } finally {
      await sim.close();
    }
  });
});

describe('Hyperliquid incremental sync', () => {
  test('a crowded last millisecond is reported once, however many passes meet it again', async () => {
    const sim = await startHyperliquidSimulator({ rateClock, seed: 22, fillsPerAccount: 500, days: 10, now: () => NOW, enforceRateLimits: false });
    try {
      sim.accounts[0]!.trade(2_100, NOW - 1_000);
      const connector = connectorFor(sim);
      const backfill = await runPass(connector, null);
      assert.deepEqual(backfill.pages.at(-1)!.unproven!.map((span) => span.from), [NOW - 1_000]);
      let cursor = backfill.cursor;
      for (const later of [NOW + 1_000, NOW + 2_000]) {
        const again = await runPass(connector, cursor, later);
        assert.deepEqual(again.fills, []);
        assert.deepEqual(again.pages.at(-1)!.unproven, backfill.pages.at(-1)!.unproven);
        cursor = again.cursor;
      }
    } finally {
      await sim.close();
    }
  });

  test('after five new trades returns exactly those five fills', async () => {
    const sim = await startHyperliquidSimulator({ rateClock, seed: 21, fillsPerAccount: 2_500, days: 30, now: () => NOW });
    try {
      const connector = connectorFor(sim);
      const backfill = await runPass(connector, null);
      const later = NOW + 60_000;
      assert.equal(sim.accounts[0]!.trade(5, later), 5);
      const incremental = await runPass(connector, backfill.cursor, later + 1_000);
      const newest = sim.accounts[0]!.allFills().slice(-5).map((row) => String(row.tid));
      assert.deepEqual(incremental.fills.map((fill) => fill.tradeId), newest);
      const again = await runPass(connector, incremental.cursor, later + 2_000);
      assert.deepEqual(again.fills, [], 'nothing new: nothing yielded');
      assert.equal(again.pages.at(-1)!.progress, 1);
    } finally {
      await sim.close();
    }
  });
});
