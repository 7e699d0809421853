/**
 * The kit's time-window strategy on its own, through the walker, against a scripted exchange:
 * where each request goes, what a saved cursor keeps, and where a resumed pass ends.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import type { SyncCursor } from '../../../src-main/connectors/kit/connector.ts';
import { walkPages } from '../../../src-main/connectors/kit/page-walker.ts';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { timeWindowPaging, type TimeWindowOptions, type WindowCursor, type WindowRequest } from '../../../src-main/connectors/kit/paging/time-window.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);

interface Row {
  id: string;
  ts: number;
}
type Answer = { rows: Row[]; next: string | null };

const layout = z.object({ v: z.literal(1), at: z.custom<WindowCursor<null>>((value) => typeof value === 'object' && value !== null) });
type Layout = z.infer<typeof layout>;

function paging(over: Partial<TimeWindowOptions<string, Answer, Row, null, Layout>> = {}) {
  return timeWindowPaging<string, Answer, Row, null, Layout>({
    label: 'Example',
    windowMs: 10 * DAY,
    windowOverlapMs: 1_000,
    lateFillOverlapMs: 60_000,
    historyMs: 25 * DAY,
    queries: ['a', 'b'],
    cursor: { format: { current: layout }, toWindow: ({ at }) => at, fromWindow: (at) => ({ v: 1, at }) },
    learned: null,
    page: (answer) => answer,
    rowTime: (row) => row.ts,
    describe: () => 'pages',
    ...over,
  });
}

/** Runs a pass against `answer` (what the exchange says to each request), at most `maxPages` pages. */
async function run(strategy: ReturnType<typeof paging>, answer: (request: WindowRequest<string>) => Answer, saved: SyncCursor | null, now = NOW, maxPages = Infinity) {
  const asked: WindowRequest<string>[] = [];
  const pages = [];
  const adapter = {
    fetch: async (request: WindowRequest<string>) => (asked.push(request), answer(request)),
    normalize: (row: Row) => ({ ignored: row.id }),
  };
  for await (const page of walkPages(strategy, adapter, saved, { signal: AbortSignal.timeout(5_000), now })) {
    pages.push(page);
    if (pages.length >= maxPages) break;
  }
  return { asked, pages, cursor: pages.at(-1)!.cursor };
}

const empty = (): Answer => ({ rows: [], next: null });

test('a backfill asks overlapping windows of at most windowMs from historyMs back to now, every query in each', async () => {
  const { asked, pages } = await run(paging(), empty, null);
  const start = NOW - 25 * DAY;
  const step = 10 * DAY - 1_000;
  assert.deepEqual(
    asked.map((r) => [r.query, r.from, r.to]),
    [0, 1, 2].flatMap((k) => ['a', 'b'].map((q) => [q, start + k * step, Math.min(start + k * step + 10 * DAY, NOW)])),
  );
  assert.equal(pages.at(-1)!.progress, 1);
  assert.equal(pages.at(-1)!.coveredTo, NOW);
  assert.ok(pages.every((page) => page.historyLimitedBefore === start));

  // The next pass starts lateFillOverlapMs before this one ended.
  const later = await run(paging(), empty, pages.at(-1)!.cursor, NOW + DAY);
  assert.deepEqual(later.asked.map((r) => [r.from, r.to]), [[NOW - 60_000, NOW + DAY], [NOW - 60_000, NOW + DAY]]);
  assert.equal(later.pages.at(-1)!.coveredFrom, start, 'covered from the backfill’s start');
});

test('the API cursor is saved and resumed from, unless the walk narrows; a narrowing walk saves what is left instead', async () => {
  const paged = (request: WindowRequest<string>): Answer =>
    request.pageCursor === null ? { rows: [{ id: '1', ts: NOW - 1_000 }, { id: '2', ts: NOW - 5_000 }], next: 'p2' } : { rows: [], next: null };
  const plain = await run(paging({ historyMs: null, windowMs: Infinity, queries: ['a'] }), paged, null, NOW, 1);
  const plainAt = (plain.cursor as { at: WindowCursor<null> }).at;
  assert.equal(plainAt.pass!.pageCursor, 'p2');
  const resumed = await run(paging({ historyMs: null, windowMs: Infinity, queries: ['a'] }), paged, plain.cursor);
  assert.equal(resumed.asked[0]!.pageCursor, 'p2');

  const newestFirst = paging({
    historyMs: null,
    windowMs: Infinity,
    queries: ['a'],
    narrow: (remaining, _learned, { last }) => ({ remaining: { from: remaining.from, to: last + 1 }, learned: null }),
  });
  const narrowed = await run(newestFirst, paged, null, NOW, 1);
  const at = (narrowed.cursor as { at: WindowCursor<null> }).at;
  assert.deepEqual([at.pass!.pageCursor, at.pass!.resumeTo], [null, NOW - 5_000 + 1]);
  // Resumed a day later: only what was left of the range is asked, and the pass still ends where it began.
  const finished = await run(newestFirst, paged, narrowed.cursor, NOW + DAY);
  assert.deepEqual(finished.asked.map((r) => [r.from, r.to, r.pageCursor]), [[null, NOW - 5_000 + 1, null], [null, NOW - 5_000 + 1, 'p2']]);
  assert.equal(finished.pages.at(-1)!.coveredTo, NOW, 'the day after the pass began is the next pass’s');
  const next = await run(newestFirst, empty, finished.cursor, NOW + DAY);
  assert.deepEqual(next.asked.map((r) => [r.from, r.to]), [[NOW - 60_000, NOW + DAY]]);
});

/** The pages a one-window pass over `script` (answers by the page cursor asked with) yields, and what it raised after them. */
async function walkCursors(script: Record<string, Answer>) {
  const pages = [];
  const strategy = paging({ historyMs: null, windowMs: Infinity, queries: ['a'] });
  try {
    const answer = (request: WindowRequest<string>) => script[request.pageCursor ?? 'first']!;
    for await (const page of walkPages(strategy, { fetch: async (request) => answer(request), normalize: (row) => ({ ignored: row.id }) }, null, { signal: AbortSignal.timeout(5_000), now: NOW })) {
      pages.push(page);
    }
    return { pages, error: null };
  } catch (error) {
    return { pages, error };
  }
}

test('a page cursor that leads back to a page already read stops the walk with paging_loop; the pages before it keep their cursor', async () => {
  const { pages, error } = await walkCursors({
    first: { rows: [{ id: 'a', ts: NOW - 4_000 }], next: 'p2' },
    p2: { rows: [{ id: 'b', ts: NOW - 3_000 }], next: 'p3' },
    p3: { rows: [{ id: 'c', ts: NOW - 2_000 }], next: 'p2' },
  });
  assert.equal(pages.length, 2);
  assert.equal((pages.at(-1)!.cursor as { at: WindowCursor<null> }).at.pass!.pageCursor, 'p3', 'the next sync asks that stretch again');
  assert.ok(error instanceof PerpvolError, String(error));
  assert.equal(error.code, 'paging_loop');
  assert.equal(error.retryable, true);
  assert.match(error.message, /Example's pages/);
});

test('an empty page whose cursor points back at itself ends the query, and the pass', async () => {
  const { pages, error } = await walkCursors({
    first: { rows: [{ id: 'a', ts: NOW - 4_000 }], next: 'p2' },
    p2: { rows: [], next: 'p2' },
  });
  assert.equal(error, null);
  assert.equal(pages.length, 2);
  assert.equal(pages.at(-1)!.progress, 1);
});
