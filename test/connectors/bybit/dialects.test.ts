/**
 * The connector against every reading of what the execution-list docs leave open (512
 * combinations of test/sim/bybit/dialect.ts), on one small history and one truth: the same fills
 * under each, none lost, none handed over twice in a pass, and the same totals when the sync is
 * killed after every other page and resumed from the persisted cursor.
 *
 * Each pass covers three overlapping 7-day windows (a saved cursor whose last pass ended 18 days
 * ago), with fills on and beside every window edge, a burst of fills sharing one millisecond, and
 * USDT, USDC and inverse contracts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createBybitConnector } from '../../../src-main/connectors/bybit/descriptor.ts';
import { HISTORY_MS, LATE_FILL_OVERLAP_MS, MAX_WINDOW_MS } from '../../../src-main/connectors/bybit/paging.ts';
import type { SyncCursor } from '../../../src-main/connectors/kit/connector.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import { allBybitDialects, describeBybitDialect } from '../../sim/bybit/dialect.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../../sim/bybit/simulator.ts';
import { sortedDays } from '../../support/daily-totals.ts';
import { dailyTotals, NOW, quickRetry, runPass, unpaced } from './helpers.ts';

// docs/counting.md: consecutive 7-day windows overlap by one second.
const WINDOW_STEP_MS = MAX_WINDOW_MS - 1_000;

const DAY = 86_400_000;
/** A cursor as left by a pass that ended 18 days ago: the next pass walks three windows. */
const LAST_PASS_END = NOW - 18 * DAY;
const SAVED: SyncCursor = { v: 2, syncedFrom: NOW - HISTORY_MS, syncedTo: LAST_PASS_END, pass: null };
const PASS_START = LAST_PASS_END - LATE_FILL_OVERLAP_MS;
/** Small pages, so that every query pages several times and page edges fall inside bursts. */
const PAGE_LIMIT = 10;
const KILL_EVERY = 2;

let sim: BybitSimulatorHandle;
let truth: ReturnType<BybitSimulatorHandle['accounts'][number]['truth']>;

before(async () => {
  // 160 generated trades over the last 16 days (all inside the pass), plus bookkeeping rows.
  sim = await startBybitSimulator({ seed: 29, accounts: 1, fillsPerAccount: 160, days: 16, now: () => NOW, enforceRateLimits: false });
  const account = sim.accounts[0]!;
  for (const k of [1, 2]) {
    const windowStart = PASS_START + k * WINDOW_STEP_MS;
    const previousEnd = PASS_START + (k - 1) * WINDOW_STEP_MS + MAX_WINDOW_MS;
    for (const edge of [windowStart - 1, windowStart, windowStart + 1, previousEnd - 1, previousEnd, previousEnd + 1]) account.trade(3, edge);
  }
  account.trade(14, NOW - 5 * DAY); // one order filled 14 times in one millisecond: page edges fall inside it
  account.trade(2, NOW - 1);
  truth = account.truth();
});
after(() => sim.close());

const connector = () =>
  createBybitConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, { limiter: unpaced(), retry: quickRetry, pageLimit: PAGE_LIMIT });

test('the history holds what makes the readings differ: USDT, USDC and inverse fills on window edges', () => {
  const rows = sim.accounts[0]!.rows().filter((r) => Number(r.execTime) >= PASS_START);
  assert.ok(rows.some((r) => r.symbol.endsWith('PERP')) && rows.some((r) => r.symbol.endsWith('USDT')) && rows.some((r) => r.category === 'inverse'));
  const edge = PASS_START + WINDOW_STEP_MS;
  assert.ok(rows.filter((r) => Number(r.execTime) === edge).length === 3);
});

describe('every reading of /v5/execution/list gives the same fills', () => {
  for (const dialect of allBybitDialects()) {
    test(describeBybitDialect(dialect), async () => {
      sim.setDialect(dialect);
      // One pass straight through: each fill handed over once, adding up to the truth.
      const whole = await runPass(connector(), SAVED);
      const ids = whole.fills.map((fill) => fill.tradeId);
      assert.equal(new Set(ids).size, ids.length, 'a fill handed over twice in one pass');
      assert.deepEqual(sortedDays(dailyTotals(whole.fills)), sortedDays(truth));
      assert.equal(whole.pages.at(-1)!.progress, 1);

      // Killed after every other page, resumed from the persisted cursor each time.
      const resumed: Fill[] = [];
      let cursor: SyncCursor | null = SAVED;
      for (let round = 0; ; round++) {
        assert.ok(round < 500, 'the resumed pass never ends');
        const part = await runPass(connector(), cursor, NOW, KILL_EVERY);
        resumed.push(...part.fills);
        cursor = part.cursor;
        if (part.pages.at(-1)!.progress === 1) break;
      }
      assert.deepEqual(sortedDays(dailyTotals(resumed)), sortedDays(truth));
    });
  }
});
