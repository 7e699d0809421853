/**
 * The connector against every reading of what userFillsByTime's docs leave open (the 16
 * combinations of test/sim/hyperliquid/dialect.ts), each on the same histories and truths:
 * fills sharing a millisecond across page edges, a history past the 10,000-fill cap, a kill after
 * every page, more than 2,000 fills in one millisecond, and an incremental pass after new trades.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHyperliquidConnector } from '../../../src-main/connectors/hyperliquid/descriptor.ts';
import type { FillPage, SyncCursor } from '../../../src-main/connectors/kit/connector.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import { utcDay } from '../../../src-main/core/days.ts';
import { allHyperliquidDialects, describeHyperliquidDialect } from '../../sim/hyperliquid/dialect.ts';
import { isCountedPerp } from '../../sim/hyperliquid/fills.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../../sim/hyperliquid/simulator.ts';
import { sortedDays, totalsByDay } from '../../support/daily-totals.ts';
import { FAST_RETRY, NOW, runPass, unpaced } from './support.ts';

const isCounted = isCountedPerp;
const connectorFor = (sim: HyperliquidSimulatorHandle) =>
  createHyperliquidConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, { retry: FAST_RETRY, limiter: unpaced() });

/** Totals of each trade id once, as the store keeps them. */
function totalsOnce(fills: Fill[]) {
  return totalsByDay(new Map(fills.map((fill) => [fill.tradeId, fill])).values());
}

/** Runs a pass, stopping and resuming from the persisted cursor after every page. */
async function killedAfterEveryPage(sim: HyperliquidSimulatorHandle): Promise<{ fills: Fill[]; pages: FillPage[] }> {
  const fills: Fill[] = [];
  const pages: FillPage[] = [];
  let cursor: SyncCursor | null = null;
  for (let round = 0; round < 200; round++) {
    const iterator = connectorFor(sim).pages(cursor, { signal: AbortSignal.timeout(30_000), now: NOW })[Symbol.asyncIterator]();
    const { value: page } = await iterator.next();
    await iterator.return?.();
    pages.push(page as FillPage);
    fills.push(...(page as FillPage).fills);
    cursor = JSON.parse(JSON.stringify((page as FillPage).cursor)) as SyncCursor;
    if ((page as FillPage).progress === 1) return { fills, pages };
  }
  throw new Error('the pass never ended');
}

let straddling: HyperliquidSimulatorHandle;
let capped: HyperliquidSimulatorHandle;
let crowded: HyperliquidSimulatorHandle;
/** The millisecond holding 2,500 fills in `crowded`. */
let crowdedMs: number;

before(async () => {
  const options = { days: 20, now: () => NOW, enforceRateLimits: false };
  // 2,000 fills, then 30 at one millisecond around where the oldest-first answer ends (fill
  // 2,000) and 30 where the newest-first answer ends (fill 60 of 2,060).
  straddling = await startHyperliquidSimulator({ ...options, seed: 51, fillsPerAccount: 2_000 });
  const base = straddling.accounts[0]!.allFills().map((fill) => fill.time);
  straddling.accounts[0]!.trade(30, base[44]!);
  straddling.accounts[0]!.trade(30, base[1_955]!);
  capped = await startHyperliquidSimulator({ ...options, seed: 52, fillsPerAccount: 10_700 });
  crowded = await startHyperliquidSimulator({ ...options, seed: 53, fillsPerAccount: 1_000 });
  crowdedMs = crowded.accounts[0]!.allFills()[500]!.time + 1;
  crowded.accounts[0]!.trade(2_500, crowdedMs);
});
after(async () => {
  await Promise.all([straddling.close(), capped.close(), crowded.close()]);
});

for (const dialect of allHyperliquidDialects()) {
  describe(describeHyperliquidDialect(dialect), () => {
    before(() => {
      for (const sim of [straddling, capped, crowded]) sim.setDialect(dialect);
    });

    test('fills sharing a millisecond across answer edges are each handed over once', async () => {
      const pass = await runPass(connectorFor(straddling), null);
      const ids = pass.fills.map((fill) => fill.tradeId);
      assert.equal(new Set(ids).size, ids.length);
      assert.deepEqual(sortedDays(totalsByDay(pass.fills)), sortedDays(straddling.accounts[0]!.truth()));
      // The bursts really straddled an answer edge (one of them, depending on the reading).
      const pagesOf = (tid: string) => pass.pages.findIndex((page) => page.fills.some((fill) => fill.tradeId === tid));
      const bursts = [...new Set(pass.fills.map((f) => f.ts))].map((ts) => pass.fills.filter((f) => f.ts === ts)).filter((b) => b.length >= 30);
      assert.ok(bursts.some((burst) => new Set(burst.map((fill) => pagesOf(fill.tradeId))).size > 1), 'no burst crossed an answer edge');
      assert.deepEqual(pass.pages.at(-1)!.unproven, []);
    });

    test('a pass killed after every page and resumed adds up to the same truth', async () => {
      const { fills } = await killedAfterEveryPage(straddling);
      assert.deepEqual(sortedDays(totalsOnce(fills)), sortedDays(straddling.accounts[0]!.truth()));
    });

    test('past the 10,000-fill cap: every served fill once, and where served history begins', async () => {
      const pass = await runPass(connectorFor(capped), null);
      const served = capped.accounts[0]!.allFills().slice(-10_000);
      const ids = pass.fills.map((fill) => fill.tradeId);
      assert.equal(new Set(ids).size, ids.length);
      assert.equal(ids.length, served.filter(isCounted).length);
      assert.deepEqual(sortedDays(totalsByDay(pass.fills)), sortedDays(capped.accounts[0]!.truth()));
      assert.equal(pass.pages.at(-1)!.historyLimitedBefore, served[0]!.time);
      assert.equal(pass.pages.at(-1)!.progress, 1);
    });

    test('more than 2,000 fills in one millisecond: the pass ends and says what may be missing', async () => {
      const pass = await runPass(connectorFor(crowded), null);
      const unproven = pass.pages.at(-1)!.unproven!;
      assert.equal(unproven.length, 1);
      assert.equal(unproven[0]!.from, crowdedMs);
      assert.equal(unproven[0]!.to, crowdedMs);
      assert.match(unproven[0]!.detail, /2,000 read may be missing/);
      assert.ok(pass.pages.length < 20, `${pass.pages.length} answers`);
      // Every other fill exactly once, every other day exact; of that millisecond, 2,000 real fills once each.
      const outside = (ts: number) => ts !== crowdedMs;
      const servedOutside = crowded.accounts[0]!.allFills().filter((row) => outside(row.time) && isCounted(row));
      const handedOutside = pass.fills.filter((fill) => outside(fill.ts)).map((fill) => fill.tradeId);
      assert.deepEqual(handedOutside.sort(), servedOutside.map((row) => String(row.tid)).sort());
      const crowdedDay = utcDay(crowdedMs);
      const otherDays = (days: Map<string, unknown>) => sortedDays(days).filter(([day]) => day !== crowdedDay);
      assert.deepEqual(otherDays(totalsByDay(pass.fills)), otherDays(crowded.accounts[0]!.truth()));
      const inside = pass.fills.filter((fill) => !outside(fill.ts));
      const crowdedTids = new Set(crowded.accounts[0]!.allFills().filter((row) => row.time === crowdedMs).map((row) => String(row.tid)));
      assert.ok(inside.every((fill) => crowdedTids.has(fill.tradeId)));
      assert.equal(new Set(inside.map((fill) => fill.tradeId)).size, inside.length);
      assert.equal(inside.length, 2_000);
    });

    test('an incremental pass returns exactly the new fills, also those sharing the last millisecond seen', async () => {
      const sim = await startHyperliquidSimulator({ seed: 54, fillsPerAccount: 2_300, days: 20, now: () => NOW, enforceRateLimits: false, dialect });
      try {
        const connector = connectorFor(sim);
        const backfill = await runPass(connector, null, NOW);
        const newestSeen = Math.max(...backfill.fills.map((fill) => fill.ts));
        sim.accounts[0]!.trade(4, newestSeen);
        sim.accounts[0]!.trade(5, NOW + 60_000);
        const incremental = await runPass(connector, backfill.cursor, NOW + 120_000);
        const fresh = sim.accounts[0]!.allFills().slice(-9).map((row) => String(row.tid));
        assert.deepEqual(incremental.fills.map((fill) => fill.tradeId).sort(), fresh.sort());
      } finally {
        await sim.close();
      }
    });
  });
}
