/**
 * The kit's count-verified windows (kit/paging/count-verified-window.ts) through the page walker,
 * against a made-up exchange of a few rows: a 'time' method that asks a whole window in one answer
 * (and cannot page), and an 'id' method that pages by the last id read. Each test's truth is the
 * made-up ledger itself.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import type { Fill } from '../../../src-main/core/fill.ts';
import type { FillPage, SyncCursor } from '../../../src-main/connectors/kit/connector.ts';
import { walkPages, type PageAdapter } from '../../../src-main/connectors/kit/page-walker.ts';
import {
  countVerifiedWindows,
  fetchWindowAnswer,
  type CountVerifiedWindowOptions,
  type WindowAnswer,
  type WindowMethod,
  type WindowPass,
  type WindowRequest,
} from '../../../src-main/connectors/kit/paging/count-verified-window.ts';

const DAY = 86_400_000;
const NOW = 40 * DAY;
const SPAN = 30 * DAY;
const START = NOW - SPAN;
const LIMIT = 3;

interface Row {
  id: number;
  ts: number;
}
type Fields = { lastId: number | null };
type Ask = { method: string; from: number; endTime: number; afterId: number | null; limit: number };

class Incomplete extends Error {
  constructor(readonly window: { start: number; end: number }, readonly total: number | null, readonly read: number) {
    super(`window ${window.start}..${window.end}: ${read} of ${total}`);
  }
}

const time: WindowMethod<Fields, Row, Ask> = {
  name: 'time',
  countsWindow: true,
  request: (walk, limit) => ({ method: 'time', from: walk.start, endTime: walk.endTime, afterId: null, limit }),
  // One answer per window: past a full page this method cannot go on.
  take: (_walk, rows) => ({ fresh: [...rows], next: null }),
};
const byId: WindowMethod<Fields, Row, Ask> = {
  name: 'id',
  countsWindow: false,
  request: (walk, limit) => ({ method: 'id', from: walk.start, endTime: walk.endTime, afterId: walk.lastId, limit }),
  take: (walk, rows) => {
    const fresh = rows.filter((row) => walk.lastId === null || row.id > walk.lastId);
    return { fresh, next: fresh.length > 0 ? { lastId: fresh.at(-1)!.id } : {} };
  },
};

const options: CountVerifiedWindowOptions<Fields, Row, Ask> = {
  version: 1,
  historySpanMs: SPAN,
  overlapMs: 1_000,
  windowMs: 10 * DAY,
  pageLimits: [LIMIT],
  methods: [time, byId],
  blank: () => ({ lastId: null }),
  walkFields: { lastId: z.number().int().nullable() },
  incomplete: (window, total, read) => new Incomplete(window, total, read),
};
const strategy = countVerifiedWindows<Fields, Row, Ask>(options);

/** A made-up exchange: endTime exclusive, oldest rows first; it counts `counted` but serves only `served`. */
function exchange(counted: Row[], options: { served?: Row[]; withCount?: boolean; idRefused?: boolean } = {}) {
  const asked: string[] = [];
  const served = options.served ?? counted;
  const adapter: PageAdapter<WindowRequest<Ask>, WindowAnswer<Row>, Row> = {
    async fetch(request) {
      const ask = request.ask(request.sizes[0]);
      asked.push(ask.method);
      if (ask.method === 'id' && options.idRefused) return 'unsupported';
      const inWindow = (row: Row) => row.ts >= ask.from && row.ts < ask.endTime;
      const rows = served
        .filter((row) => inWindow(row) && (ask.afterId === null || row.id > ask.afterId))
        .sort((a, b) => a.id - b.id)
        .slice(0, ask.limit);
      return { rows, total: options.withCount === false ? null : counted.filter(inWindow).length, limit: ask.limit };
    },
    normalize: (row) => ({ fill: fill(row) }),
  };
  return { adapter, asked };
}

function fill(row: Row): Fill {
  return {
    exchange: 'bybit', tradeId: String(row.id), orderId: null, symbol: 'BTCUSDT', kind: 'perpetual', underlying: 'BTC', side: 'buy',
    price: '1', qty: '1', notionalMicros: 1_000_000, fee: '0', feeCurrency: 'USDT', feeMicros: 0, liquidity: 'taker', ts: row.ts,
  };
}

const rowsAt = (firstId: number, ...times: number[]): Row[] => times.map((ts, i) => ({ id: firstId + i, ts }));

async function pass(adapter: PageAdapter<WindowRequest<Ask>, WindowAnswer<Row>, Row>, saved: SyncCursor | null = null, killAfter = Infinity) {
  const pages: FillPage[] = [];
  let error: unknown = null;
  try {
    for await (const page of walkPages(strategy, adapter, saved, { now: NOW, signal: AbortSignal.timeout(5_000) })) {
      pages.push(page);
      if (pages.length >= killAfter) break;
      if (pages.length > 200) throw new Error('the pass never ends');
    }
  } catch (caught) {
    error = caught;
  }
  const ids = pages.flatMap((page) => page.fills.map((f) => Number(f.tradeId)));
  return { pages, error, ids: [...new Set(ids)].sort((a, b) => a - b), cursor: (pages.at(-1)?.cursor ?? saved) as WindowPass<Fields> | null };
}

test('each window is complete when the rows read equal its count; the pass ends at now with progress 1', async () => {
  const ledger = rowsAt(1, START, START + DAY, START + 10 * DAY, START + 25 * DAY, NOW - 1);
  const { adapter, asked } = exchange(ledger);
  const { pages, ids, error, cursor } = await pass(adapter);
  assert.equal(error, null);
  assert.deepEqual(ids, [1, 2, 3, 4, 5]);
  assert.deepEqual(asked, ['time', 'time', 'time'], 'one request a window: no method past the first was needed');
  assert.deepEqual(pages.map((page) => page.coveredTo), [START + 10 * DAY, START + 20 * DAY, NOW]);
  assert.equal(pages.at(-1)!.progress, 1);
  assert.equal(cursor!.doneUntil, NOW);
  assert.equal(pages[0]!.historyLimitedBefore, START);
});

test('a method that cannot finish hands the window to the next, which re-reads it to the count', async () => {
  const ledger = rowsAt(1, ...Array.from({ length: 7 }, (_, i) => START + DAY + i));
  const { adapter, asked } = exchange(ledger);
  const { ids, error, pages } = await pass(adapter);
  assert.equal(error, null);
  assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(asked.slice(0, 4), ['time', 'id', 'id', 'id'], 'time reads 3 of 7 and hands over; id reads 3 + 3 + 1');
  assert.deepEqual(pages[1]!.fills.map((f) => f.tradeId), [], 'rows the first method handed over are not handed over again');
});

test('a window no method finishes ends the pass with the error, after its page, the cursor kept at that window', async () => {
  const ledger = rowsAt(1, START + DAY, START + 12 * DAY, START + 12 * DAY + 1, START + 13 * DAY, START + 14 * DAY, START + 25 * DAY);
  const hidden = ledger[3]!;
  const { adapter } = exchange(ledger, { served: ledger.filter((row) => row !== hidden) });
  const { error, ids, cursor } = await pass(adapter);
  assert.ok(error instanceof Incomplete, String(error));
  assert.deepEqual([error.total, error.read], [4, 3]);
  assert.equal(error.window.start, START + 10 * DAY);
  assert.deepEqual(ids, [1, 2, 3, 5], 'what was read, the failed window included, is handed over');
  assert.equal(cursor!.windowStart, START + 10 * DAY);
  assert.equal(cursor!.walk, null, 'the next pass reads that window again from scratch');
  assert.equal(cursor!.doneUntil, null);
});

test('a refused method hands over without counting; with none left the window is not passed', async () => {
  const ledger = rowsAt(1, ...Array.from({ length: 5 }, (_, i) => START + DAY + i));
  const { adapter, asked } = exchange(ledger, { idRefused: true });
  const { error, cursor } = await pass(adapter);
  assert.ok(error instanceof Incomplete, String(error));
  assert.deepEqual([error.total, error.read], [5, 3]);
  assert.deepEqual(asked, ['time', 'id']);
  assert.equal(cursor!.windowStart, START);
});

test('without a count, only an answer shorter than any page served ends a window', async () => {
  // Window 1 holds exactly a page: that answer may be cut, so 'id' reads on until nothing is new.
  // Window 2 holds two rows, fewer than the page served before: one answer ends it.
  const ledger = rowsAt(1, START + 1, START + 2, START + 3, START + 11 * DAY, START + 12 * DAY);
  const { adapter, asked } = exchange(ledger, { withCount: false });
  const { error, ids } = await pass(adapter);
  assert.equal(error, null);
  assert.deepEqual(ids, [1, 2, 3, 4, 5]);
  assert.deepEqual(asked, ['time', 'id', 'id', 'time', 'time']);
});

test('killed after any page and resumed from the saved cursor (a JSON round trip), the pass reads every row', async () => {
  const ledger = rowsAt(1, ...Array.from({ length: 11 }, (_, i) => START + (i % 3) * 10 * DAY + i));
  let saved: SyncCursor | null = null;
  const seen = new Set<number>();
  let midWalk = false;
  for (let run = 0; run < 50; run++) {
    const { adapter } = exchange(ledger);
    const { ids, cursor, error } = await pass(adapter, saved, 1);
    assert.equal(error, null);
    for (const id of ids) seen.add(id);
    if (cursor!.walk?.method === 'id') midWalk = true;
    saved = JSON.parse(JSON.stringify(cursor)) as SyncCursor;
    if (cursor!.doneUntil !== null) break;
  }
  assert.ok(midWalk, 'some kill fell inside a window being read by its second method');
  assert.deepEqual([...seen].sort((a, b) => a - b), ledger.map((row) => row.id));
  assert.equal((saved as WindowPass<Fields>).doneUntil, NOW);
});

test('a page size refused on a window\'s first request steps down; a refused later method is unsupported; else the refusal stands', async () => {
  const refusal = new Error('refused');
  const refused = (error: unknown) => error === refusal;
  const stepping = countVerifiedWindows<Fields, Row, Ask>({ ...options, pageLimits: [4, 2, 1] });
  const pass = stepping.begin(null, NOW);
  const first = stepping.request(pass);
  const asked: number[] = [];
  const answer = await fetchWindowAnswer(
    first,
    async (ask) => {
      asked.push(ask.limit);
      if (ask.limit > 2) throw refusal;
      return { rows: [], total: 0 };
    },
    refused,
  );
  assert.deepEqual(asked, [4, 2]);
  assert.deepEqual(answer, { rows: [], total: 0, limit: 2 });
  const always = async (): Promise<never> => {
    throw refusal;
  };
  await assert.rejects(fetchWindowAnswer(first, always, refused), (error) => error === refusal, 'refused at every size: not about the page size');
  const later = stepping.request(stepping.absorb(pass, 'unsupported', NOW).state);
  assert.deepEqual([later.sizes, later.optional], [[4], true]);
  assert.equal(await fetchWindowAnswer(later, always, refused), 'unsupported');
  const broken = new Error('no route');
  await assert.rejects(
    fetchWindowAnswer(later, async () => Promise.reject(broken), refused),
    (error) => error === broken,
    'only a refusal hands over',
  );
});
