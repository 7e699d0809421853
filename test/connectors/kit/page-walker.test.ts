/**
 * The kit's one page walker on its own, driven by a scripted exchange and a scripted strategy: what
 * every exchange's pages() does with repeated rows, a failure found in an answer, and markets the
 * exchange classifies unlike their names. (A page cursor that comes back: time-window.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FillPage } from '../../../src-main/connectors/kit/connector.ts';
import { walkPages, type PageAdapter, type PagingStrategy } from '../../../src-main/connectors/kit/page-walker.ts';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import type { SymbolClass } from '../../../src-main/core/instrument.ts';

interface Row {
  id: string;
  ts: number;
}

/** One scripted answer, with what the strategy makes of it. */
interface Answer {
  rows: Row[];
  /** The range the next answers can still serve, as the strategy says after this one (absent: the whole pass). */
  openAfter?: { from: number; to: number };
  failure?: Error;
  /** The instrument list this answer was classified by, and what it says differs from names. */
  scope?: string;
  differing?: SymbolClass[];
}

type State = { at: number; open: { from: number; to: number } | null };

function strategyOf(script: Answer[]): PagingStrategy<State, number, Answer, Row> {
  return {
    begin: () => ({ at: 0, open: null }),
    request: (state) => state.at,
    absorb: (state, answer) => ({
      state: { at: state.at + 1, open: answer.openAfter ?? null },
      fresh: answer.rows,
      done: state.at + 1 >= script.length,
      ...(answer.failure ? { failure: answer.failure } : {}),
    }),
    position: (state, _now, done) => ({ cursor: { at: state.at }, progress: done ? 1 : 0.5, coveredFrom: null, coveredTo: null }),
    openRange: (state) => state.open,
  };
}

function adapterOf(script: Answer[]): PageAdapter<number, Answer, Row> {
  return {
    fetch: async (index) => script[index]!,
    normalize: (row) => ({
      fill: {
        exchange: 'bybit', tradeId: row.id, orderId: null, symbol: 'BTCUSDT', kind: 'perpetual', underlying: 'BTC', side: 'buy',
        price: '1', qty: '1', notionalMicros: 1_000_000, fee: '0', feeCurrency: 'USDT', feeMicros: 0, liquidity: 'taker', ts: row.ts,
      },
    }),
    instruments: {
      lookup: async () => undefined,
      differing: (answer) => (answer.scope ? { scope: answer.scope, markets: answer.differing ?? [] } : null),
    },
  };
}

/** Every page the walk yields, and what it raised after them (null: it ended). */
async function walk(script: Answer[]): Promise<{ pages: FillPage[]; error: unknown }> {
  const pages: FillPage[] = [];
  try {
    for await (const page of walkPages(strategyOf(script), adapterOf(script), null, { signal: AbortSignal.timeout(5_000), now: 1_000 })) pages.push(page);
    return { pages, error: null };
  } catch (error) {
    return { pages, error };
  }
}

const handed = (pages: FillPage[]) => pages.map((page) => page.fills.map((fill) => fill.tradeId));
const row = (id: string, ts: number): Row => ({ id, ts });

test('a fill served again while the strategy says its time is still open is handed over once; once outside, it is forgotten', async () => {
  const { pages, error } = await walk([
    { rows: [row('a', 10), row('b', 20)], openAfter: { from: 15, to: 100 } },
    // b lies in the open range: a repeat. a lies before it: forgotten, so it counts as new (the store dedupes).
    { rows: [row('a', 10), row('b', 20), row('c', 30)], openAfter: { from: 15, to: 100 } },
    { rows: [row('b', 20), row('c', 30), row('d', 40)] },
  ]);
  assert.equal(error, null);
  assert.deepEqual(handed(pages), [['a', 'b'], ['a', 'c'], ['d']]);
  assert.deepEqual(pages.map((page) => page.progress), [0.5, 0.5, 1]);
});

test('without an open range every fill of the pass is handed over once', async () => {
  const { pages } = await walk([{ rows: [row('a', 10)] }, { rows: [row('a', 10), row('b', 20)] }, { rows: [row('b', 20), row('a', 10)] }]);
  assert.deepEqual(handed(pages), [['a'], ['b'], []]);
});

test('a failure found in an answer is raised after that answer’s page is yielded, so what was read is committed first', async () => {
  const failure = new PerpvolError('exchange_unavailable', 'window_unprovable', 'this window cannot be finished', true);
  const { pages, error } = await walk([
    { rows: [row('a', 10)] },
    { rows: [row('b', 20)], failure },
    { rows: [row('c', 30)] },
  ]);
  assert.deepEqual(handed(pages), [['a'], ['b']]);
  assert.equal(error, failure);
});

test('markets classified unlike their names are told once per scope of a pass, on the first page of that scope', async () => {
  const linear: SymbolClass[] = [{ symbol: 'BTC-26DEC25', kind: 'dated_future', underlying: 'BTC' }];
  const inverse: SymbolClass[] = [{ symbol: 'BTCUSDH26', kind: 'dated_future', underlying: 'BTC' }];
  const { pages } = await walk([
    { rows: [row('a', 10)], scope: 'linear', differing: linear },
    { rows: [row('b', 20)], scope: 'linear', differing: linear },
    // told (nothing differs) — a later page of the scope tells nothing either
    { rows: [row('c', 30)], scope: 'inverse', differing: [] },
    { rows: [row('d', 40)], scope: 'inverse', differing: inverse },
    { rows: [row('e', 50)], scope: 'spot', differing: inverse },
  ]);
  assert.deepEqual(
    pages.map((page) => page.reclassified ?? null),
    [linear, null, null, null, inverse],
  );
});
