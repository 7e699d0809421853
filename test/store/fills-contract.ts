/**
 * The fills and volume part of the repository suite (gathered by store-contract.ts): pages are
 * committed once however often they arrive, rollups are the exact sums of the stored fills, and
 * listing and streaming fills neither skip nor repeat one.
 */
import assert from 'node:assert/strict';
import { PerpvolError } from '../../src-main/core/errors.ts';
import type { ExchangeId } from '../../src-main/core/exchange.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import { totalsByDay } from '../support/daily-totals.ts';
import { generatedFills, makeFill, pageOf } from './fill-fixtures.ts';
import { account, DAY, sumBy, T0, type StoreSuite, PERP } from './store-suite.ts';

export function fillsContract({ fresh, test }: StoreSuite): void {
  test('a page committed twice is stored and counted once', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const fills = [makeFill({ tradeId: 't1', ts: T0 + 1000 }), makeFill({ tradeId: 't2', ts: T0 + 2000, liquidity: 'maker' })];
    const first = await store.fills.commitPage(pageOf('a1', fills));
    const second = await store.fills.commitPage(pageOf('a1', fills));
    assert.deepEqual(first, { inserted: 2, busted: 0, unclassified: 0, reclassified: 0, days: ['2024-03-10'], fillsStored: 2 });
    assert.deepEqual(second, { inserted: 0, busted: 0, unclassified: 0, reclassified: 0, days: [], fillsStored: 2 });
    const [day] = await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none');
    assert.deepEqual(day, { day: '2024-03-10', key: '', volumeMicros: 402_000_000n, makerMicros: 201_000_000n, takerMicros: 201_000_000n, feesMicros: 200_000n, trades: 2 });
    assert.equal(await store.fills.count('a1'), 2);
  });

  test('overlapping pages and repeats inside one page add only the new fills', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const f = (n: number) => makeFill({ tradeId: `t${n}`, ts: T0 + n * 1000 });
    await store.fills.commitPage(pageOf('a1', [f(1), f(2), f(3)]));
    const result = await store.fills.commitPage(pageOf('a1', [f(3), f(4), f(4), f(5)]));
    assert.equal(result.inserted, 2);
    assert.equal(result.fillsStored, 5);
    const [day] = await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none');
    assert.equal(day?.trades, 5);
    assert.equal(day?.volumeMicros, 5n * 201_000_000n);
    assert.equal((await store.syncState.get('a1'))?.fillsStored, 5);
  });

  test('rollups equal the exact sum of every fill, to the micro-dollar, day by day', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const fills = generatedFills({ seed: 7, count: 3_000, exchange: 'bybit', endMs: T0, days: 40 });
    // pages that overlap by 100 fills, like a resumed backfill would send
    for (let i = 0; i < fills.length; i += 400) await store.fills.commitPage(pageOf('a1', fills.slice(Math.max(0, i - 100), i + 400)));
    const expected = totalsByDay(fills);
    const rows = await store.volume.daily({ kinds: PERP, from: '2000-01-01', to: '2100-01-01' }, 'none');
    assert.equal(rows.length, expected.size);
    for (const row of rows) {
      const e = expected.get(row.day);
      assert.deepEqual([row.volumeMicros, row.makerMicros, row.takerMicros, row.feesMicros, row.trades].map(Number), [e?.volumeMicros, e?.makerMicros, e?.takerMicros, e?.feesMicros, e?.trades], row.day);
    }
    assert.equal(await store.fills.count(), fills.length);
    const [totals] = await store.volume.totalsByExchange({ kinds: PERP });
    assert.deepEqual(totals, { exchange: 'bybit', volumeMicros: BigInt(sumBy(fills, (x) => x.notionalMicros)), feesMicros: BigInt(sumBy(fills, (x) => x.feeMicros ?? 0)), trades: fills.length });
  });

  test('a fill at 23:59:59.999 UTC and one at midnight land on different days', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const result = await store.fills.commitPage(
      pageOf('a1', [makeFill({ tradeId: 'late', ts: T0 + DAY - 1, price: '10', qty: '1' }), makeFill({ tradeId: 'midnight', ts: T0 + DAY, price: '20', qty: '1' })]),
    );
    assert.deepEqual(result.days, ['2024-03-10', '2024-03-11']);
    const rows = await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-11' }, 'none');
    assert.deepEqual(rows.map((r) => [r.day, r.volumeMicros]), [['2024-03-10', 10_000_000n], ['2024-03-11', 20_000_000n]]);
  });

  test('daily volume groups by exchange, account and symbol, and filters by either', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('b1', 'bybit'));
    await store.accounts.create(account('b2', 'bybit'));
    await store.accounts.create(account('h1', 'hyperliquid'));
    const one = (id: string, exchange: ExchangeId, symbol: string, price: string): Fill =>
      makeFill({ tradeId: id, ts: T0 + 5000, exchange, symbol, price, qty: '1', fee: '0' });
    await store.fills.commitPage(pageOf('b1', [one('x1', 'bybit', 'BTCUSDT', '1'), one('x2', 'bybit', 'ETHUSDT', '2')]));
    await store.fills.commitPage(pageOf('b2', [one('x1', 'bybit', 'BTCUSDT', '4')]));
    await store.fills.commitPage(pageOf('h1', [one('y1', 'hyperliquid', 'BTC', '8')]));
    const range = { from: '2024-03-10', to: '2024-03-10' };
    const pairs = (rows: { key: string; volumeMicros: bigint }[]) => rows.map((r) => [r.key, Number(r.volumeMicros) / 1e6]);
    assert.deepEqual(pairs(await store.volume.daily({ ...range, kinds: PERP }, 'none')), [['', 15]]);
    assert.deepEqual(pairs(await store.volume.daily({ ...range, kinds: PERP }, 'exchange')), [['bybit', 7], ['hyperliquid', 8]]);
    assert.deepEqual(pairs(await store.volume.daily({ ...range, kinds: PERP }, 'account')), [['b1', 3], ['b2', 4], ['h1', 8]]);
    assert.deepEqual(pairs(await store.volume.daily({ ...range, kinds: PERP }, 'symbol')), [['BTC', 8], ['BTCUSDT', 5], ['ETHUSDT', 2]]);
    assert.deepEqual(pairs(await store.volume.daily({ kinds: PERP, ...range, exchange: 'bybit' }, 'symbol')), [['BTCUSDT', 5], ['ETHUSDT', 2]]);
    assert.deepEqual(pairs(await store.volume.daily({ kinds: PERP, ...range, accountId: 'b2' }, 'none')), [['', 4]]);
    assert.deepEqual(await store.volume.daily({ kinds: PERP, from: '2024-03-11', to: '2024-03-12' }, 'none'), []);
    const totals = await store.volume.totalsByExchange({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' });
    assert.deepEqual(totals.map((t) => [t.exchange, Number(t.volumeMicros) / 1e6, t.trades]), [['bybit', 7, 3], ['hyperliquid', 8, 1]]);
    assert.deepEqual(await store.volume.totalsByExchange({ kinds: PERP, from: '2024-03-11' }), []);
    const byAccount = await store.volume.totalsByAccount({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' });
    assert.deepEqual(byAccount.map((t) => [t.accountId, t.exchange, Number(t.volumeMicros) / 1e6, t.trades]), [['b1', 'bybit', 3, 2], ['b2', 'bybit', 4, 1], ['h1', 'hyperliquid', 8, 1]]);
    assert.deepEqual(await store.volume.totalsByAccount({ kinds: PERP, from: '2024-03-11' }), []);
  });

  test('paging fills newest first neither skips nor repeats one, even while new fills arrive', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    await store.accounts.create(account('a2'));
    // many fills share a millisecond: the id must break the tie
    const fills = Array.from({ length: 120 }, (_, i) => makeFill({ tradeId: `t${i}`, ts: T0 + Math.floor(i / 7) * 1000 }));
    await store.fills.commitPage(pageOf('a1', fills.slice(0, 60)));
    await store.fills.commitPage(pageOf('a2', fills.slice(60)));
    const seen: string[] = [];
    let cursor: string | undefined;
    let previous: { ts: number; id: number } | null = null;
    for (let round = 0; ; round++) {
      const page = await store.fills.list({ limit: 13, ...(cursor ? { cursor } : {}) });
      for (const fill of page.fills) {
        const position = { ts: fill.ts, id: Number(fill.id) };
        if (previous) assert.ok(position.ts < previous.ts || (position.ts === previous.ts && position.id < previous.id), 'newest first');
        previous = position;
        seen.push(`${fill.accountId}/${fill.tradeId}`);
      }
      // a new fill arriving mid-listing, older and newer than the page read so far
      if (round === 2) await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 'late-new', ts: T0 + 99_000 }), makeFill({ tradeId: 'late-old', ts: T0 - 5 })]));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const originals = seen.filter((s) => !s.includes('late-'));
    assert.equal(originals.length, 120);
    assert.equal(new Set(seen).size, seen.length, 'no fill twice');
    assert.ok(seen.includes('a1/late-old'), 'an older fill arriving mid-listing shows on a later page');
  });

  test('fills list filters by account and inclusive time bounds', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    await store.accounts.create(account('a2'));
    const fills = Array.from({ length: 10 }, (_, i) => makeFill({ tradeId: `t${i}`, ts: T0 + i * 1000 }));
    await store.fills.commitPage(pageOf('a1', fills));
    await store.fills.commitPage(pageOf('a2', fills.slice(0, 3)));
    const page = await store.fills.list({ accountId: 'a1', fromMs: T0 + 2000, toMs: T0 + 5000, limit: 100 });
    assert.deepEqual(page.fills.map((f) => f.tradeId), ['t5', 't4', 't3', 't2']);
    assert.equal(page.nextCursor, null);
    const stored = page.fills[0];
    assert.deepEqual({ ...stored, id: 'x' }, { ...fills[5], id: 'x', accountId: 'a1' });
    assert.equal(typeof stored?.notionalMicros, 'number');
    const exact = await store.fills.list({ limit: 2 });
    assert.equal(exact.fills.length, 2);
    assert.notEqual(exact.nextCursor, null);
  });

  test('a cursor the store did not hand out is refused as bad input', async () => {
    const { store } = await fresh();
    await assert.rejects(store.fills.list({ limit: 5, cursor: 'not-a-cursor' }), (e: unknown) => e instanceof PerpvolError && e.code === 'invalid_cursor' && e.kind === 'bad_input');
  });

  test('streaming fills yields every match oldest first across chunks', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const fills = generatedFills({ seed: 3, count: 4_500, exchange: 'bybit', endMs: T0, days: 5 });
    await store.fills.commitPage(pageOf('a1', fills));
    const streamed: Fill[] = [];
    for await (const fill of store.fills.stream({ accountId: 'a1' })) streamed.push(fill);
    assert.equal(streamed.length, 4_500);
    assert.equal(new Set(streamed.map((f) => f.tradeId)).size, 4_500);
    assert.ok(streamed.every((f, i) => i === 0 || f.ts >= streamed[i - 1]!.ts));
    let bounded = 0;
    for await (const fill of store.fills.stream({ fromMs: T0 - DAY, toMs: T0 })) bounded += fill.ts >= T0 - DAY ? 1 : 0;
    assert.equal(bounded, fills.filter((f) => f.ts >= T0 - DAY).length);
  });

  test('a page for an account that no longer exists is refused and stores nothing', async () => {
    const { store } = await fresh();
    await assert.rejects(store.fills.commitPage(pageOf('ghost', [makeFill({ tradeId: 't1', ts: T0 })])), (e: unknown) => e instanceof PerpvolError && e.code === 'account_not_found');
    assert.equal(await store.fills.count(), 0);
    assert.deepEqual(await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none'), []);
  });

  test('pages of several accounts committed at the same time are each counted once', async () => {
    const { store } = await fresh();
    const ids = ['a', 'b', 'c', 'd'];
    for (const id of ids) await store.accounts.create(account(id));
    const fills = generatedFills({ seed: 9, count: 1_000, exchange: 'bybit', endMs: T0, days: 10 });
    // every account commits the same 1,000 fills in 5 pages, all racing, each page sent twice
    await Promise.all(ids.flatMap((id) => [0, 1, 2, 3, 4, 0, 2].map((p) => store.fills.commitPage(pageOf(id, fills.slice(p * 200, p * 200 + 200))))));
    const byAccount = await store.volume.daily({ kinds: PERP, from: '2000-01-01', to: '2100-01-01' }, 'account');
    const volume = sumBy(fills, (f) => f.notionalMicros);
    for (const id of ids) {
      assert.equal(sumBy(byAccount.filter((r) => r.key === id), (r) => Number(r.volumeMicros)), volume, id);
      assert.equal((await store.syncState.get(id))?.fillsStored, 1_000);
    }
    assert.equal(await store.fills.count(), 4_000);
    const everything = await store.volume.daily({ kinds: PERP, from: '2000-01-01', to: '2100-01-01' }, 'none');
    assert.equal(sumBy(everything, (r) => Number(r.volumeMicros)), 4 * volume);
    assert.equal(sumBy(everything, (r) => r.trades), 4_000);
  });

  test('a page larger than one insert statement is committed whole', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const fills = generatedFills({ seed: 11, count: 5_000, exchange: 'bybit', endMs: T0, days: 3 });
    const result = await store.fills.commitPage(pageOf('a1', fills));
    assert.equal(result.inserted, 5_000);
    assert.equal(result.fillsStored, 5_000);
    assert.equal(await store.fills.count('a1'), 5_000);
  });

  test('money past 2^53 micro-dollars comes back exact, as bigint sums', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const big = 4_000_000_000_000_001; // 4 billion USD in micros, odd: two of them pass 2^53 and need every digit
    await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 't1', ts: T0, notionalMicros: big, feeMicros: -123 }), makeFill({ tradeId: 't2', ts: T0, notionalMicros: big, feeMicros: -1 })]));
    const [row] = await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none');
    assert.equal(row?.volumeMicros, 8_000_000_000_000_002n);
    assert.equal(row?.feesMicros, -124n);
    const { fills } = await store.fills.list({ limit: 1 });
    assert.equal(fills[0]?.notionalMicros, big);
    assert.equal(await store.fills.count(), 2);
  });
}
