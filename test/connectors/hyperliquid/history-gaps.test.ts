/**
 * Hyperliquid serves only the 10,000 most recent fills, on every pass, not only the first backfill:
 * more than 10,000 fills between two syncs leave a stretch the API no longer serves, which the pass
 * reports as a history gap (dates), while exactly as many new fills as a pass can prove leave none.
 * HIP-3 builder-deployed perps count as perpetuals of their coin (USDe at par); a dex settling in a
 * token that is no dollar is kept aside. userFees' daily figures say what they count.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHyperliquidConnector } from '../../../src-main/connectors/hyperliquid/descriptor.ts';
import { DAILY_USER_VOLUME_LABEL } from '../../../src-main/connectors/hyperliquid/account.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../../sim/hyperliquid/simulator.ts';
import { sortedDays, totalsByDay } from '../../support/daily-totals.ts';
import { FAST_RETRY, NOW, runPass, unpaced } from './support.ts';

const HOUR = 3_600_000;
const connectorFor = (sim: HyperliquidSimulatorHandle) =>
  createHyperliquidConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, { retry: FAST_RETRY, limiter: unpaced() });

describe('Hyperliquid history gaps between two syncs', () => {
  let sim: HyperliquidSimulatorHandle;
  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 61, fillsPerAccount: 3_000, days: 30, now: () => NOW, enforceRateLimits: false });
  });
  after(() => sim.close());

  test('a pass after more than 10,000 new fills reports the stretch it could not read; the next pass, with few new fills, reports none', async () => {
    const account = sim.accounts[0]!;
    const backfill = await runPass(connectorFor(sim), null);
    assert.ok(backfill.pages.every((page) => page.historyGaps === undefined), 'a backfill reports its cut as historyLimitedBefore instead');
    const newestSynced = Math.max(...backfill.fills.map((fill) => fill.ts));
    // 10,500 fills over the next hours: the 500 oldest of them are pushed out of what the API serves.
    for (let i = 0; i < 21; i++) account.trade(500, NOW + (i + 1) * 10 * 60_000);
    const later = NOW + 5 * HOUR;
    const second = await runPass(connectorFor(sim), backfill.cursor, later);
    const served = account.allFills().slice(-10_000);
    assert.deepEqual(second.pages.at(-1)!.historyGaps, [{ from: newestSynced, to: served[0]!.time }]);
    assert.ok(second.pages.slice(0, -1).every((page) => page.historyGaps === undefined), 'said once, by the page that ends the pass');
    // What the pass did read is every served fill after the last sync, once.
    const newServed = served.filter((row) => row.time > newestSynced && !row.coin.startsWith('@') && !row.coin.includes('/'));
    assert.deepEqual(second.fills.map((fill) => fill.tradeId).sort(), newServed.map((row) => String(row.tid)).sort());

    account.trade(20, later + HOUR);
    const third = await runPass(connectorFor(sim), second.cursor, later + 2 * HOUR);
    assert.ok(third.pages.every((page) => page.historyGaps === undefined));
    assert.equal(third.fills.length, 20);
  });
});

describe('HIP-3 builder-deployed perps', () => {
  let sim: HyperliquidSimulatorHandle;
  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 62, fillsPerAccount: 4_000, days: 60, now: () => NOW, enforceRateLimits: false, nonDollarBuilderDex: true });
  });
  after(() => sim.close());

  test('count as perpetuals of their coin, USDe fees at par; a dex settling in its own token is kept aside, not counted as dollars', async () => {
    const pass = await runPass(connectorFor(sim), null);
    const account = sim.accounts[0]!;
    assert.deepEqual(sortedDays(totalsByDay(pass.fills)), sortedDays(account.truth()));
    const usde = pass.fills.filter((fill) => fill.symbol === 'ena:BTC');
    assert.ok(usde.length > 0 && usde.every((fill) => fill.kind === 'perpetual' && fill.underlying === 'BTC' && fill.feeCurrency === 'USDE' && fill.feeMicros !== null));
    assert.ok(pass.fills.some((fill) => fill.symbol === 'xyz:TSLA' && fill.underlying === 'TSLA'));
    const aside = pass.pages.flatMap((page) => page.unclassified ?? []);
    assert.deepEqual(aside.map((u) => u.executionId).sort(), account.unclassified().map((row) => String(row.tid)).sort());
    assert.ok(aside.length > 0 && aside.every((u) => u.rawType === 'HIP-3 perp in XYZD' && u.symbol === 'abc:GOLD'));
    assert.ok(pass.fills.every((fill) => fill.symbol !== 'abc:GOLD'));
  });

  test("userFees' daily figures come labelled as fee-tier volume that includes spot and sub-accounts", async () => {
    const reported = await connectorFor(sim).reportedVolume!(AbortSignal.timeout(10_000));
    assert.equal(reported?.dailyLabel, DAILY_USER_VOLUME_LABEL);
    assert.match(DAILY_USER_VOLUME_LABEL, /fee-tier volume \(includes spot and sub-accounts\)/);
  });
});
