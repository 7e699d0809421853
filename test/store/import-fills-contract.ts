/**
 * The importFills part of the repository suite, shared by sqlite-store.test.ts and
 * postgres-store.test.ts like store-contract.ts: a CSV import goes through the same insert-new-only
 * + rollup path as a synced page, and leaves the sync state's cursor and coverage alone.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { PerpvolError } from '../../src-main/core/errors.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import type { Store } from '../../src-main/store/store.ts';
import { makeFill, pageOf } from './fill-fixtures.ts';
import { account, DAY, storeSuite, T0, type StoreVariant, PERP } from './store-suite.ts';

export function importFillsContract(variant: StoreVariant): void {
  describe(`Store.fills.importFills on ${variant.name}`, () => {
    const suite = storeSuite(variant);
    const test = suite.test;
    /** A fresh store holding one account, a1. */
    const fresh = async (): Promise<Store> => {
      const { store } = await suite.fresh();
      await store.accounts.create(account('a1'));
      return store;
    };

    test('imported fills land in the rollups once, however often the same file is imported', async () => {
      const store = await fresh();
      const fills = [makeFill({ tradeId: 'x1', ts: T0 + 1000 }), makeFill({ tradeId: 'x2', ts: T0 + DAY + 5, liquidity: 'maker' })];
      const first = await store.fills.importFills('a1', fills);
      const again = await store.fills.importFills('a1', fills);
      assert.deepEqual(first, { inserted: 2, busted: 0, unclassified: 0, reclassified: 0, days: ['2024-03-10', '2024-03-11'], fillsStored: 2 });
      assert.deepEqual(again, { inserted: 0, busted: 0, unclassified: 0, reclassified: 0, days: [], fillsStored: 2 });
      const rows = await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-11' }, 'none');
      assert.deepEqual(rows.map((r) => [r.day, r.volumeMicros, r.trades]), [['2024-03-10', 201_000_000n, 1], ['2024-03-11', 201_000_000n, 1]]);
      const [totals] = await store.volume.totalsByExchange({ kinds: PERP });
      assert.equal(totals?.volumeMicros, 402_000_000n);
    });

    test('an import never creates or moves the sync cursor, and only grows the stored-fills counter', async () => {
      const store = await fresh();
      await store.fills.importFills('a1', [makeFill({ tradeId: 'old1', ts: T0 - 10 * DAY })]);
      assert.equal(await store.syncState.get('a1'), null, 'no sync state appears from an import');

      const synced = [makeFill({ tradeId: 'api1', ts: T0 }), makeFill({ tradeId: 'api2', ts: T0 + 1 })];
      await store.fills.commitPage(pageOf('a1', synced, { cursor: { at: 'api2' }, backfillDone: true }));
      const before = await store.syncState.get('a1');
      const result = await store.fills.importFills('a1', [makeFill({ tradeId: 'old2', ts: T0 - 9 * DAY }), ...synced]);
      assert.equal(result.inserted, 1, 'fills already synced are duplicates');
      assert.equal(result.fillsStored, 4);
      const after = await store.syncState.get('a1');
      assert.deepEqual(after?.cursor, { at: 'api2' });
      assert.deepEqual({ ...after, fillsStored: 0 }, { ...before, fillsStored: 0 });
      assert.equal(after?.fillsStored, (before?.fillsStored ?? 0) + 1);
    });

    test('a fill imported first and synced later is stored once', async () => {
      const store = await fresh();
      const fill = makeFill({ tradeId: 'exec-1', ts: T0 + 7 });
      await store.fills.importFills('a1', [fill]);
      const page = await store.fills.commitPage(pageOf('a1', [fill, makeFill({ tradeId: 'exec-2', ts: T0 + 8 })]));
      assert.equal(page.inserted, 1);
      assert.equal(await store.fills.count('a1'), 2);
      const [day] = await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none');
      assert.equal(day?.trades, 2);
    });

    test('a fill with amounts that are not whole micro-dollars rejects the whole import', async () => {
      const store = await fresh();
      const bad = { ...makeFill({ tradeId: 'bad', ts: T0 }), notionalMicros: 1.5 };
      await assert.rejects(store.fills.importFills('a1', [makeFill({ tradeId: 'ok', ts: T0 }), bad]), { code: 'invalid_fill' });
      assert.equal(await store.fills.count('a1'), 0);
      assert.deepEqual(await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none'), []);
    });
  });

  describe(`Store.fills.importFillPages on ${variant.name}`, () => {
    const suite = storeSuite(variant);
    const test = suite.test;
    const fresh = async (): Promise<Store> => {
      const { store } = await suite.fresh();
      await store.accounts.create(account('a1'));
      return store;
    };
    async function* pagesOf(pages: Fill[][], failAfter?: number): AsyncGenerator<Fill[]> {
      for (const [index, page] of pages.entries()) {
        if (index === failAfter) throw new PerpvolError('bad_input', 'import_invalid_row', 'Line 9, column "px": expected a decimal number');
        yield page;
      }
    }
    const pages = (): Fill[][] => [
      [makeFill({ tradeId: 'p1', ts: T0 }), makeFill({ tradeId: 'p2', ts: T0 + DAY })],
      [makeFill({ tradeId: 'p2', ts: T0 + DAY }), makeFill({ tradeId: 'p3', ts: T0 + 2 * DAY, liquidity: 'maker' })],
      [makeFill({ tradeId: 'p4', ts: T0 + 2 * DAY + 1 })],
    ];

    test('pages write what one importFills of all of them would: a fill repeated on a later page counts once', async () => {
      const store = await fresh();
      await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 'api', ts: T0 + 3 * DAY })], { cursor: { at: 'api' }, backfillDone: true }));
      const result = await store.fills.importFillPages('a1', pagesOf(pages()));
      assert.deepEqual(result, { inserted: 4, busted: 0, unclassified: 0, reclassified: 0, days: ['2024-03-10', '2024-03-11', '2024-03-12'], fillsStored: 5 });
      const rows = await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-13' }, 'none');
      assert.deepEqual(rows.map((r) => [r.day, r.trades]), [['2024-03-10', 1], ['2024-03-11', 1], ['2024-03-12', 2], ['2024-03-13', 1]]);
      assert.equal((await store.syncState.get('a1'))?.fillsStored, 5);
      assert.deepEqual((await store.syncState.get('a1'))?.cursor, { at: 'api' });
      assert.deepEqual(await store.fills.importFillPages('a1', pagesOf(pages())), { inserted: 0, busted: 0, unclassified: 0, reclassified: 0, days: [], fillsStored: 5 });
    });

    test('when the pages throw part-way (a bad row far down the file), nothing of the import stays', async () => {
      const store = await fresh();
      await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 'api', ts: T0 + 3 * DAY })], { cursor: { at: 'api' }, backfillDone: true }));
      const before = await store.syncState.get('a1');
      await assert.rejects(store.fills.importFillPages('a1', pagesOf(pages(), 2)), { code: 'import_invalid_row' });
      assert.equal(await store.fills.count('a1'), 1);
      assert.deepEqual((await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-12' }, 'none')).map((r) => r.day), []);
      assert.deepEqual(await store.syncState.get('a1'), before);
      // and the store is usable afterwards: the rolled-back transaction left nothing open
      assert.equal((await store.fills.importFillPages('a1', pagesOf(pages()))).inserted, 4);
    });
  });
}
