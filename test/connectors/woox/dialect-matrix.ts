/**
 * The WOO X connector against every simulator dialect (test/sim/woox/dialect.ts), one truth. A
 * small two-year history built so that each open point matters: trades exactly on window edges and
 * at both ends of the pass, same-millisecond partial fills, windows larger than a page, an empty
 * window, trades indexed late (higher ids at older times), and twelve fills in one millisecond —
 * more than a page, so reading by time alone cannot get past them and the walker must fall back to
 * `page` or `fromId`. Page sizes are scaled down (ask 10, step down to 5; dialects serve at most 5,
 * 10 or 20) so that a short history crosses many pages.
 *
 * Each combination runs one backfill that is killed after about every second page (at seeded
 * random points) and resumed from the persisted cursor (a JSON round trip), so both a continuing
 * walk and a resumed one are exercised at every kind of step.
 * Where a dialect offers no way past the twelve (page not honoured and fromId ignored), the
 * expected outcome is the account error naming that window — never a quiet "done".
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { MS_PER_DAY } from '../../../src-main/core/days.ts';
import { createWooxConnector } from '../../../src-main/connectors/woox/descriptor.ts';
import { HISTORY_SPAN_MS, WINDOW_INCOMPLETE_CODE, type WooxCursor } from '../../../src-main/connectors/woox/paging.ts';
import { mulberry32 } from '../../sim/random-history.ts';
import { allWooxDialects, dialectName, type WooxDialect } from '../../sim/woox/dialect.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../../sim/woox/simulator.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';
import { fastOptions } from './fast-options.ts';

export const MATRIX_NOW = Date.UTC(2025, 5, 1);
const PASS_START = MATRIX_NOW - HISTORY_SPAN_MS;
const WINDOW_MS = 200 * MS_PER_DAY;
const PAGE_LIMITS = [10, 5];
/** The window holding twelve fills in one millisecond (the pass's second). */
const TIE_WINDOW = { start: PASS_START + WINDOW_MS, end: PASS_START + 2 * WINDOW_MS };
const TIE_AT = TIE_WINDOW.start + 73 * MS_PER_DAY + 12_345;

/** Trades in time order (ids rise with time), then a few indexed late. */
function seedHistory(sim: WooxSimulatorHandle): void {
  const account = sim.accounts[0]!;
  const at = (ms: number, count = 1) => account.trade(count, ms);
  at(PASS_START, 2); // the oldest served millisecond
  for (let day = 3; day < 200; day += 29) at(PASS_START + day * MS_PER_DAY + day * 1_000, day % 2 === 0 ? 1 : 2);
  at(TIE_WINDOW.start, 2); // exactly on a window edge
  for (let hour = 1; hour <= 2; hour++) at(TIE_AT - hour * 3_600_000);
  at(TIE_AT, 12);
  for (let hour = 1; hour <= 4; hour++) at(TIE_AT + hour * 3_600_000, hour === 2 ? 3 : 1);
  // The third window stays empty but for a trade on its end edge.
  at(PASS_START + 3 * WINDOW_MS, 2);
  for (let i = 0; i < 30; i++) at(MATRIX_NOW - (60 - 2 * i) * MS_PER_DAY + i * 7_777, i % 7 === 0 ? 3 : 1);
  at(MATRIX_NOW - 10_000, 2);
  at(MATRIX_NOW, 1); // the pass's last millisecond
  at(MATRIX_NOW - 40 * MS_PER_DAY, 2); // indexed late: higher ids than newer trades
  at(TIE_WINDOW.start + 5 * MS_PER_DAY, 1);
}

/** Whether a dialect offers any way past more same-millisecond fills than a page holds. */
export function canPassATie(dialect: WooxDialect): boolean {
  return dialect.page === 'honoured' || dialect.fromId !== 'ignored';
}

interface Outcome {
  collector: FillCollector;
  error: PerpvolError | null;
}

/** One backfill, killed after about every second page and resumed from the persisted cursor. */
async function backfillWithKills(sim: WooxSimulatorHandle, seed: number): Promise<Outcome> {
  const collector = new FillCollector();
  const killHere = mulberry32(seed);
  const connector = () =>
    createWooxConnector(
      { baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials },
      fastOptions(() => MATRIX_NOW, { pageLimits: PAGE_LIMITS, windowMs: WINDOW_MS }, 1),
    );
  for (let runs = 0; runs < 2_000; runs++) {
    try {
      for await (const page of connector().pages(collector.cursor, { now: MATRIX_NOW, signal: AbortSignal.timeout(60_000) })) {
        collector.add(page);
        if (page.progress === 1) return { collector, error: null };
        if (killHere() < 0.5) break; // killed: the next run starts from the committed cursor
      }
    } catch (error) {
      assert.ok(error instanceof PerpvolError, String(error));
      return { collector, error };
    }
  }
  assert.fail('the backfill never finished');
}

export function dialectMatrix(order: WooxDialect['orderWithoutFromId']): void {
  let sim: WooxSimulatorHandle;
  let perpIds: string[];
  before(async () => {
    sim = await startWooxSimulator({ seed: 21, fillsPerAccount: 0, now: () => MATRIX_NOW, enforceRateLimits: false });
    seedHistory(sim);
    perpIds = sim.ledgers[0]!.served(MATRIX_NOW)
      .filter((row) => row.symbol.startsWith('PERP_'))
      .map((row) => row.id.toString())
      .sort();
  });
  after(() => sim.close());

  const dialects = allWooxDialects(PAGE_LIMITS[0]!, PAGE_LIMITS[1]!, 2 * PAGE_LIMITS[0]!).filter((d) => d.orderWithoutFromId === order);
  for (const [index, dialect] of dialects.entries()) {
    test(dialectName(dialect), async () => {
      sim.setDialect(dialect);
      const { collector, error } = await backfillWithKills(sim, index + 1);
      if (canPassATie(dialect)) {
        assert.equal(error, null, error?.message);
        assert.deepEqual([...collector.byTradeId.keys()].sort(), perpIds, 'every perp trade the exchange serves, nothing else');
        assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
        return;
      }
      assert.equal(error?.code, WINDOW_INCOMPLETE_CODE, error?.message);
      const cursor = collector.cursor as WooxCursor;
      assert.equal(cursor.windowStart, TIE_WINDOW.start, 'the cursor stays at the start of the unproven window');
      assert.equal(cursor.doneUntil, null);
      assert.equal(cursor.walk, null, 'the next pass reads that window again from scratch');
      assert.match(error.message, new RegExp(new Date(TIE_WINDOW.start).toISOString().slice(0, 10)));
      assert.match(error.message, dialect.meta ? /counts \d+ trades .* served only \d+ of them: \d+ are missing/ : /some trades of that window are missing/);
      const windowOne = perpIds.filter((id) => {
        const row = sim.ledgers[0]!.rows.find((candidate) => candidate.id.toString() === id)!;
        return row.executedTimestamp < TIE_WINDOW.start;
      });
      for (const id of windowOne) assert.ok(collector.byTradeId.has(id), 'trades of the proven window before it are kept');
    });
  }
}

export { describe };
