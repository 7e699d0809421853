/**
 * How the walk treats page boundaries it cannot trust, driven by a scripted exchange (the
 * simulator never misbehaves this way), and how it resumes from a cursor an older version saved.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bybitExecutionPages, HISTORY_MS, LATE_FILL_OVERLAP_MS, WINDOW_QUERIES, type FetchExecutions, type ExecutionsRequest } from '../../../src-main/connectors/bybit/paging.ts';
import type { ExecutionListResult } from '../../../src-main/connectors/bybit/schemas.ts';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { NOW } from './helpers.ts';

const DAY = 86_400_000;
/** A pass of one window: the last one ended an hour ago. */
const RECENT = { v: 2, syncedFrom: NOW - HISTORY_MS, syncedTo: NOW - 3_600_000, pass: null };

function row(id: string, symbol = 'BTCUSDT', ts = NOW - 1_000) {
  return {
    symbol, orderId: 'o1', execId: id, side: 'Buy', execPrice: '100', execQty: '1', execValue: '100', execFee: '0.05',
    feeCurrency: symbol.endsWith('USDT') ? 'USDT' : 'USDC', execType: 'Trade', isMaker: false, execTime: String(ts),
  };
}

/** An exchange answering each request from a script keyed by "category settleCoin cursor". */
function scripted(script: Record<string, ExecutionListResult>): { fetch: FetchExecutions; asked: ExecutionsRequest[] } {
  const asked: ExecutionsRequest[] = [];
  return {
    asked,
    fetch: async (request) => {
      asked.push(request);
      return script[`${request.query.category} ${request.query.settleCoin ?? '-'} ${request.pageCursor ?? '-'}`] ?? { list: [], nextPageCursor: '' };
    },
  };
}

async function drain(fetch: FetchExecutions, cursor: Record<string, unknown> | null = RECENT) {
  const pages = [];
  for await (const page of bybitExecutionPages(fetch, cursor, { signal: AbortSignal.timeout(5_000), now: NOW })) pages.push(page);
  return pages;
}

test('a cursor that leads back to a page already read is an error naming the week, not a silent end', async () => {
  const exchange = scripted({
    'linear - -': { list: [row('a')], nextPageCursor: 'p2' },
    'linear - p2': { list: [row('b')], nextPageCursor: 'p2' },
  });
  await assert.rejects(drain(exchange.fetch), (error: unknown) => {
    assert.ok(error instanceof PerpvolError);
    assert.equal(error.code, 'paging_loop');
    assert.equal(error.retryable, true);
    assert.match(error.message, /linear executions from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
    return true;
  });
});

test('an empty page whose cursor points back at itself ends the query', async () => {
  const exchange = scripted({
    'linear - -': { list: [row('a')], nextPageCursor: 'p2' },
    'linear - p2': { list: [], nextPageCursor: 'p2' },
  });
  const pages = await drain(exchange.fetch);
  assert.deepEqual(pages.flatMap((p) => p.fills.map((f) => f.tradeId)), ['a']);
  assert.equal(pages.at(-1)!.progress, 1);
});

test('empty pages with new cursors are followed, but not forever', async () => {
  const followed = scripted({
    'linear - -': { list: [], nextPageCursor: 'p2' },
    'linear - p2': { list: [], nextPageCursor: 'p3' },
    'linear - p3': { list: [row('late')], nextPageCursor: '' },
  });
  assert.deepEqual((await drain(followed.fetch)).flatMap((p) => p.fills.map((f) => f.tradeId)), ['late']);

  let n = 0;
  const endless: FetchExecutions = async () => ({ list: [], nextPageCursor: `c${n++}` });
  await assert.rejects(drain(endless), (error: unknown) => error instanceof PerpvolError && error.code === 'paging_loop');
});

test('the USDC query is asked until linear without settleCoin has listed a USDC contract, then no more', async () => {
  const onlyUsdt = scripted({ 'linear - -': { list: [row('t1')], nextPageCursor: '' } });
  await drain(onlyUsdt.fetch);
  assert.deepEqual(onlyUsdt.asked.map((r) => `${r.query.category} ${r.query.settleCoin ?? '-'}`), ['linear -', 'linear USDC', 'inverse -']);

  const listsUsdc = scripted({ 'linear - -': { list: [row('t1'), row('c1', 'BTCPERP')], nextPageCursor: '' } });
  await drain(listsUsdc.fetch, { ...RECENT, syncedTo: NOW - 10 * DAY });
  const kinds = listsUsdc.asked.map((r) => `${r.query.category} ${r.query.settleCoin ?? '-'}`);
  assert.equal(kinds.filter((k) => k === 'linear USDC').length, 0, 'never asked once USDC was seen');
  assert.equal(kinds.filter((k) => k === 'linear -').length, 2, 'two windows');
  assert.equal(WINDOW_QUERIES.length, 3);
});

test('a cursor saved by the previous layout resumes where it stood', async () => {
  const start = NOW - 20 * DAY;
  const v1 = { v: 1, syncedFrom: start, syncedTo: null, pass: { start, end: NOW, windowStart: start, categoryIndex: 0, pageCursor: 'abc' } };
  const asked = (exchange: ReturnType<typeof scripted>) =>
    exchange.asked.map((r) => `${r.query.category} ${r.query.settleCoin ?? '-'} ${r.pageCursor ?? '-'} ${r.from! - start}`);
  const midLinear = scripted({});
  const pages = await drain(midLinear.fetch, v1);
  assert.deepEqual(asked(midLinear).slice(0, 3), ['linear - abc 0', 'linear USDC - 0', 'inverse - - 0']);
  assert.deepEqual(pages[0]!.cursor, { v: 2, syncedFrom: start, syncedTo: null, pass: { start, end: NOW, windowStart: start, queryIndex: 1, pageCursor: null, linearListsUsdc: false } });
  // Mid-inverse: the window's USDC query has not run yet, so it runs before inverse restarts.
  const midInverse = scripted({});
  await drain(midInverse.fetch, { ...v1, pass: { ...v1.pass, categoryIndex: 1 } });
  assert.deepEqual(asked(midInverse).slice(0, 3), ['linear USDC - 0', 'inverse - - 0', `linear - - ${7 * DAY - 1_000}`]);
  // Between passes: the next pass starts just before the last one ended.
  const between = scripted({});
  await drain(between.fetch, { v: 1, syncedFrom: start, syncedTo: NOW - DAY, pass: null });
  assert.equal(between.asked[0]!.from, NOW - DAY - LATE_FILL_OVERLAP_MS);
  // A layout no version wrote: a backfill of the two years Bybit serves.
  const unknown = scripted({});
  await drain(unknown.fetch, { v: 7 });
  assert.equal(unknown.asked[0]!.from, NOW - HISTORY_MS);
});
