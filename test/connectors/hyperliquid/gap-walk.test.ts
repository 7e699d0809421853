/**
 * What one Hyperliquid answer proves (kit/paging/gap-walk.ts with Hyperliquid's 2,000 a page),
 * case by case, and how cursors of the previous layout are taken up (hyperliquid/pages.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beginPass, initialGapWalk, requestFor, settleGap as settle, type Gap, type GapOutcome } from '../../../src-main/connectors/kit/paging/gap-walk.ts';
import { hyperliquidGapWalk } from '../../../src-main/connectors/hyperliquid/pages.ts';
import type { HlFill } from '../../../src-main/connectors/hyperliquid/schemas.ts';
import type { SyncCursor } from '../../../src-main/connectors/kit/connector.ts';

const NOW = 1_000_000;
const settleGap = (at: Gap, answer: HlFill[], now: number): GapOutcome<HlFill> => settle(at, answer, now, 2_000);
const readCursor = (saved: SyncCursor) => hyperliquidGapWalk.begin(saved, NOW).cursor;
const initialCursor = () => initialGapWalk(2);
const gap = (from: number, to: number | null, known: [number, number[]][] = [], exactEnd = false): Gap => ({ from, to, known, exactEnd });
const fill = (time: number, tid: number): HlFill => ({
  coin: 'BTC', px: '100', sz: '1', side: 'B', time, oid: 1, tid, crossed: true, fee: '0.01', feeToken: 'USDC',
});
/** `count` fills from `time`, `perMs` to a millisecond, tids from `firstTid`. */
const fills = (count: number, time: number, perMs = 1, firstTid = 1): HlFill[] =>
  Array.from({ length: count }, (_, i) => fill(time + Math.floor(i / perMs), firstTid + i));

test('asks one millisecond past the range, or exactly to its end once endTime is known to be inclusive', () => {
  assert.deepEqual(requestFor(gap(10, 20), NOW), { startTime: 10, endTime: 21 });
  assert.deepEqual(requestFor(gap(10, null), NOW), { startTime: 10, endTime: NOW + 1 });
  assert.deepEqual(requestFor(gap(10, 20, [], true), NOW), { startTime: 10, endTime: 20 });
});

test('an answer short of 2,000 proves its range, handing over only what was not handed over at its edges', () => {
  const outcome = settleGap(gap(10, 20, [[10, [1]]]), [fill(10, 1), fill(10, 2), fill(15, 3), fill(21, 4)], NOW);
  assert.deepEqual(outcome.fresh.map((f) => f.tid), [2, 3], 'tid 1 was handed over before; 21 is past the range');
  assert.deepEqual(outcome.replacement, []);
  assert.equal(outcome.unreadable, null);
});

test('a full answer leaves the two ends to prove, under either reading of the cap, lower end first', () => {
  const answer = fills(2_000, 100, 2).reverse(); // order does not matter
  const outcome = settleGap(gap(0, null), answer, NOW);
  assert.equal(outcome.fresh.length, 2_000);
  assert.deepEqual(outcome.fresh.slice(0, 2).map((f) => f.time), [100, 100], 'handed over oldest first');
  const [upper, lower] = outcome.replacement;
  assert.deepEqual(lower, gap(0, 100, [[100, [1, 2]]]));
  assert.deepEqual(upper, gap(1_099, null, [[1_099, [1_999, 2_000]]]));
});

test('a full answer swollen by rows past the range is asked again with an exact endTime', () => {
  const answer = [...fills(1_990, 10), ...fills(10, 2_001, 10, 5_000)];
  const outcome = settleGap(gap(10, 2_000), answer, NOW);
  assert.equal(outcome.fresh.length, 1_990);
  assert.equal(outcome.replacement.length, 1);
  assert.equal(outcome.replacement[0]!.exactEnd, true);
  assert.equal(outcome.replacement[0]!.from, 10);
  assert.equal(outcome.replacement[0]!.to, 2_000);
});

test('2,000 fills in one millisecond: that millisecond is reported and stepped over on both sides', () => {
  const outcome = settleGap(gap(0, 900, [[0, [77]]]), fills(2_000, 500, 2_000), NOW);
  assert.deepEqual(outcome.unreadable, { from: 500, to: 500, fillsRead: 2_000 });
  assert.deepEqual(outcome.replacement, [gap(501, 900), gap(0, 499, [[0, [77]]])]);
});

test('a full answer with nothing in the range asked proves nothing and says so', () => {
  const outcome = settleGap(gap(10, 20, [], true), fills(2_000, 500), NOW);
  assert.deepEqual(outcome.fresh, []);
  assert.deepEqual(outcome.replacement, []);
  assert.deepEqual(outcome.unreadable, { from: 10, to: 20, fillsRead: 0 });
});

test('a cursor of the previous layout resumes from its position; between passes a new one starts at the newest fill', () => {
  const midBackfill = readCursor({ v: 1, pass: 'backfill', startTime: 500, tidsAtStart: [9], passFrom: 100, servedInPass: 4_000, historyLimitedBefore: null });
  assert.deepEqual(midBackfill.gaps, [gap(500, null, [[500, [9]]])]);
  assert.equal(midBackfill.oldestFill, 100);
  assert.equal(midBackfill.servedInPass, 4_000);
  const finished = readCursor({ v: 1, pass: 'incremental', startTime: 800, tidsAtStart: [3, 4], passFrom: null, servedInPass: 0, historyLimitedBefore: 50 });
  assert.deepEqual(beginPass(finished).gaps, [gap(800, null, [[800, [3, 4]]])]);
  assert.equal(beginPass(finished).pass, 'incremental');
  assert.equal(finished.historyLimitedBefore, 50);
  assert.deepEqual(beginPass(initialCursor()).gaps, [gap(0, null)]);
});

test('a v2 cursor saved mid-pass (before oldestServed was kept) resumes its stack of gaps exactly', () => {
  const saved = {
    v: 2, pass: 'backfill', passStart: 0, gaps: [gap(700, null, [[700, [31]]]), gap(100, 400, [[100, [5]], [400, [6, 7]]], true)],
    resumeFrom: 650, tidsAtResume: [30], oldestFill: 100, servedInPass: 2_000, historyLimitedBefore: null, progress: 0.4, unreadable: [],
  };
  const resumed = readCursor(saved);
  assert.deepEqual(resumed, { ...saved, oldestServed: null });
  assert.deepEqual(hyperliquidGapWalk.request({ cursor: resumed, now: NOW }), { startTime: 100, endTime: 400 });
});
