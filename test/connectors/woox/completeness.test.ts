import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { createWooxConnector } from '../../../src-main/connectors/woox/descriptor.ts';
import { HISTORY_SPAN_MS, WINDOW_INCOMPLETE_CODE, WINDOW_MS, type WooxCursor } from '../../../src-main/connectors/woox/paging.ts';
import type { WooxDialect } from '../../sim/woox/dialect.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../../sim/woox/simulator.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';
import { fastOptions } from './fast-options.ts';

const NOW = Date.UTC(2025, 5, 1);
const PASS_START = NOW - HISTORY_SPAN_MS;

async function withSim(
  options: { fills: number; days: number; dialect?: Partial<WooxDialect> },
  body: (sim: WooxSimulatorHandle) => Promise<void>,
): Promise<void> {
  const sim = await startWooxSimulator({ seed: 31, fillsPerAccount: options.fills, days: options.days, now: () => NOW, enforceRateLimits: false, dialect: options.dialect ?? {} });
  try {
    await body(sim);
  } finally {
    await sim.close();
  }
}

/** The production connector (page sizes 500, 200, …; 30-day windows) without pacing. */
const connector = (sim: WooxSimulatorHandle) =>
  createWooxConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, fastOptions(() => NOW, {}, 1));

async function backfill(sim: WooxSimulatorHandle, collector = new FillCollector()): Promise<{ collector: FillCollector; requests: number; error: PerpvolError | null }> {
  const before = sim.stats().requests;
  let error: PerpvolError | null = null;
  try {
    await collector.run(connector(sim), NOW);
  } catch (caught) {
    assert.ok(caught instanceof PerpvolError, String(caught));
    error = caught;
  }
  return { collector, requests: sim.stats().requests - before, error };
}

test('newest-first without fromId, 1,400 trades in one window: every trade is read (the first release kept 500)', async () => {
  await withSim({ fills: 1_400, days: 20, dialect: { orderWithoutFromId: 'newest-first', fromId: 'ascending' } }, async (sim) => {
    const { collector, error } = await backfill(sim);
    assert.equal(error, null);
    assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
  });
});

test('in the common dialect a two-year backfill asks once per window, plus once per further 500 trades', async () => {
  await withSim({ fills: 8_000, days: 720 }, async (sim) => {
    const { collector, requests, error } = await backfill(sim);
    assert.equal(error, null);
    assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
    const windows = Math.ceil(HISTORY_SPAN_MS / WINDOW_MS);
    const rows = sim.ledgers[0]!.served(NOW).length;
    // Each further page re-reads the rows of its edge millisecond: ≤ 1% of a page with these fills.
    assert.ok(requests <= windows + Math.ceil(rows / 495), `${requests} requests for ${rows} rows in ${windows} windows`);
  });
});

test('a page size WOO X refuses steps down once, and the accepted size serves the rest of the pass', async () => {
  await withSim({ fills: 3_000, days: 100, dialect: { maxLimit: 100, overLimit: 'refuse' } }, async (sim) => {
    const { collector, requests, error } = await backfill(sim);
    assert.equal(error, null);
    assert.equal((collector.cursor as WooxCursor).pageLimit, 100);
    assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
    const windows = Math.ceil(HISTORY_SPAN_MS / WINDOW_MS);
    const rows = sim.ledgers[0]!.served(NOW).length;
    assert.ok(requests <= 2 + windows + Math.ceil(rows / 95), `two refusals (500, 200), then pages of 100: ${requests}`);
  });
});

test('a window whose rows fall short of meta.total is read every other way, then ends in an error naming it and the shortfall', async () => {
  await withSim({ fills: 900, days: 200 }, async (sim) => {
    // Three trades of the window that starts 660 days into the pass are counted but never served.
    const windowStart = PASS_START + 22 * WINDOW_MS;
    // Windows share their edge millisecond, and endTime is inclusive in this dialect.
    const inWindow = sim.ledgers[0]!.served(NOW).filter((row) => row.executedTimestamp >= windowStart && row.executedTimestamp <= windowStart + WINDOW_MS);
    assert.ok(inWindow.length > 10);
    const hidden = inWindow.slice(3, 6).map((row) => row.id);
    sim.hideRows(hidden);

    const { collector, error } = await backfill(sim);
    assert.equal(error?.code, WINDOW_INCOMPLETE_CODE);
    assert.equal(error.kind, 'exchange_unavailable');
    assert.match(error.message, new RegExp(`counts ${inWindow.length.toLocaleString('en-US')} trades`));
    assert.match(error.message, /: 3 are missing/);
    assert.match(error.message, new RegExp(new Date(windowStart).toISOString().slice(0, 10)));
    assert.notEqual(collector.pages.at(-1)!.progress, 1, 'never reported as done');
    const cursor = collector.cursor as WooxCursor;
    assert.equal(cursor.windowStart, windowStart, 'the cursor does not move past the unproven window');
    assert.equal(cursor.doneUntil, null);

    // The next pass tries that window again; once WOO X serves the rows the pass completes exactly.
    sim.hideRows([]);
    const retried = await backfill(sim, collector);
    assert.equal(retried.error, null);
    assert.equal(collector.pages.at(-1)!.progress, 1);
    assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
  });
});

test('without meta, a silently capped page is not mistaken for the end of a window', async () => {
  await withSim({ fills: 2_000, days: 60, dialect: { meta: false, maxLimit: 100, overLimit: 'cap', page: 'ignored-says-1', fromId: 'ignored' } }, async (sim) => {
    const { collector, error } = await backfill(sim);
    assert.equal(error, null);
    assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
  });
});
