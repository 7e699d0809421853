/**
 * The kit's gap walk (kit/paging/gap-walk.ts) through the page walker, against a made-up exchange
 * that answers a time range with at most 4 rows and keeps only its 30 most recent: under either
 * reading of which 4 it keeps and of endTime, with ties straddling answers, kills after every page,
 * a millisecond holding more than an answer, and the cap crossed before and between passes. The
 * truth is the made-up ledger itself.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fill } from '../../../src-main/core/fill.ts';
import type { FillPage, SyncCursor } from '../../../src-main/connectors/kit/connector.ts';
import { walkPages, type PageAdapter } from '../../../src-main/connectors/kit/page-walker.ts';
import { gapWalk, type GapRequest } from '../../../src-main/connectors/kit/paging/gap-walk.ts';

const PER_ANSWER = 4;
const CAP = 30;

interface Row {
  time: number;
  tid: number;
}
interface Reading {
  keep: 'oldest' | 'newest';
  endInclusive: boolean;
}

const strategy = gapWalk<Row>({
  version: 1,
  perAnswer: PER_ANSWER,
  servedCap: CAP,
  describeUnreadable: (span) => `${span.fillsRead} read at ${span.from}..${span.to}, more may be missing`,
});

class MadeUpExchange {
  rows: Row[] = [];
  private nextTid = 1;

  trade(time: number, count = 1): void {
    for (let i = 0; i < count; i++) this.rows.push({ time, tid: this.nextTid++ });
  }

  served(): Row[] {
    return [...this.rows].sort((a, b) => a.time - b.time || a.tid - b.tid).slice(-CAP);
  }

  adapter(reading: Reading): PageAdapter<GapRequest, Row[], Row> {
    return {
      fetch: async ({ startTime, endTime }) => {
        const inRange = this.served().filter((row) => row.time >= startTime && (reading.endInclusive ? row.time <= endTime : row.time < endTime));
        const kept = reading.keep === 'oldest' ? inRange.slice(0, PER_ANSWER) : inRange.slice(-PER_ANSWER);
        return kept.reverse(); // newest first: the walk must not rely on order
      },
      normalize: (row) => ({ fill: fill(row) }),
    };
  }
}

function fill(row: Row): Fill {
  return {
    exchange: 'hyperliquid', tradeId: String(row.tid), orderId: null, symbol: 'BTC', kind: 'perpetual', underlying: 'BTC', side: 'buy',
    price: '1', qty: '1', notionalMicros: 1_000_000, fee: '0', feeCurrency: 'USDC', feeMicros: 0, liquidity: 'taker', ts: row.time,
  };
}

/** One pass, killed after every `killEvery` pages and resumed from the saved cursor (a JSON round trip). */
async function pass(exchange: MadeUpExchange, reading: Reading, saved: SyncCursor | null, now: number, killEvery = Infinity) {
  const pages: FillPage[] = [];
  let cursor = saved;
  for (let run = 0; run < 500; run++) {
    let inRun = 0;
    for await (const page of walkPages(strategy, exchange.adapter(reading), cursor, { now, signal: AbortSignal.timeout(5_000) })) {
      pages.push(page);
      cursor = JSON.parse(JSON.stringify(page.cursor)) as SyncCursor;
      if (page.progress === 1) return { pages, cursor, tids: pages.flatMap((p) => p.fills.map((f) => Number(f.tradeId))) };
      if (++inRun >= killEvery) break;
      if (pages.length > 2_000) throw new Error('the pass never ends');
    }
  }
  throw new Error('the pass never ends');
}

const READINGS: Reading[] = [
  { keep: 'oldest', endInclusive: false },
  { keep: 'oldest', endInclusive: true },
  { keep: 'newest', endInclusive: false },
  { keep: 'newest', endInclusive: true },
];

for (const reading of READINGS) {
  test(`keeping the ${reading.keep} ${PER_ANSWER}, endTime ${reading.endInclusive ? 'inclusive' : 'exclusive'}: every row once, kills after every page`, async () => {
    const exchange = new MadeUpExchange();
    for (const [time, count] of [[10, 1], [11, 3], [12, 2], [15, 3], [16, 1], [20, 2], [21, 1], [30, 3], [31, 1], [40, 1]] as const) exchange.trade(time, count);
    const now = 40; // a row on the pass's last millisecond
    const { tids, pages } = await pass(exchange, reading, null, now, 1);
    assert.deepEqual([...tids].sort((a, b) => a - b), exchange.rows.map((row) => row.tid), 'every row, none twice');
    assert.deepEqual(pages.at(-1)!.unproven, []);
    assert.equal(pages.at(-1)!.coveredTo, now);
    const progress = pages.map((page) => page.progress);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
  });
}

test('a millisecond holding more rows than an answer is reported unproven, in the adapter words, and stepped over', async () => {
  const exchange = new MadeUpExchange();
  exchange.trade(5, 2);
  exchange.trade(7, PER_ANSWER + 2);
  exchange.trade(9, 2);
  const { tids, pages } = await pass(exchange, { keep: 'oldest', endInclusive: false }, null, 20);
  const unproven = pages.at(-1)!.unproven!;
  assert.deepEqual(unproven.map(({ from, to }) => [from, to]), [[7, 7]]);
  assert.equal(unproven[0]!.detail, `${PER_ANSWER} read at 7..7, more may be missing`);
  const outside = exchange.rows.filter((row) => row.time !== 7).map((row) => row.tid);
  for (const tid of outside) assert.ok(tids.includes(tid), `row ${tid} outside the crowded millisecond`);
});

test('the cap: a backfill says where it cut history; a later pass past the cap reports the gap, a small one none', async () => {
  const exchange = new MadeUpExchange();
  for (let t = 1; t <= 40; t++) exchange.trade(t * 10);
  const reading: Reading = { keep: 'newest', endInclusive: true };
  const backfill = await pass(exchange, reading, null, 500);
  const oldestServed = exchange.served()[0]!.time;
  assert.equal(backfill.pages.at(-1)!.historyLimitedBefore, oldestServed);
  assert.ok(backfill.pages.every((page) => page.historyGaps === undefined));

  for (let t = 1; t <= 35; t++) exchange.trade(500 + t * 10);
  const later = await pass(exchange, reading, backfill.cursor, 1_000);
  assert.deepEqual(later.pages.at(-1)!.historyGaps, [{ from: 400, to: exchange.served()[0]!.time }], 'from the newest row synced to the oldest still served');
  assert.deepEqual([...later.tids].sort((a, b) => a - b), exchange.served().map((row) => row.tid));

  for (let t = 1; t <= 3; t++) exchange.trade(1_000 + t);
  const small = await pass(exchange, reading, later.cursor, 1_100);
  assert.ok(small.pages.every((page) => page.historyGaps === undefined));
  assert.equal(small.tids.length, 3);
});
