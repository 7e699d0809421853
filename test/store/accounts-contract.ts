/**
 * The accounts and sync-state part of the repository suite (gathered by store-contract.ts):
 * accounts and what removing one takes with it, the sync state, the exchange's reported volume,
 * and a database reopened with its migrations run again.
 */
import assert from 'node:assert/strict';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { makeFill, pageOf } from './fill-fixtures.ts';
import { account, DAY, T0, type StoreSuite, PERP } from './store-suite.ts';

export function accountsContract({ fresh, test }: StoreSuite): void {
  test('removing an account with purge deletes its fills and rollups and nothing else', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    await store.accounts.create(account('a2', 'woox'));
    await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 't1', ts: T0 })]));
    await store.fills.commitPage(pageOf('a2', [makeFill({ tradeId: 't1', ts: T0, exchange: 'woox' })]));
    await store.reportedVolume.save('a1', [{ day: '2024-03-10', volumeMicros: 5 }], 9, 1);
    await store.accounts.remove('a1', { purge: true });
    assert.equal(await store.accounts.get('a1'), null);
    assert.equal(await store.syncState.get('a1'), null);
    assert.equal(await store.reportedVolume.get('a1'), null);
    assert.equal(await store.fills.count('a1'), 0);
    assert.equal(await store.fills.count(), 1);
    assert.deepEqual((await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'account')).map((r) => r.key), ['a2']);
    assert.deepEqual((await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'symbol')).map((r) => r.trades), [1]);
    const remaining = await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none');
    assert.deepEqual(remaining, await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10', accountId: 'a2' }, 'none'));
    assert.equal(remaining[0]?.trades, 1);
    await store.accounts.remove('a2', { purge: true });
    assert.deepEqual(await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none'), []);
  });

  test('removing an account without purge keeps its fills', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 't1', ts: T0 })]));
    await store.accounts.remove('a1', { purge: false });
    assert.equal(await store.accounts.get('a1'), null);
    assert.equal(await store.syncState.get('a1'), null);
    assert.equal(await store.fills.count('a1'), 1);
  });

  test('an account removed without purge can be restored under its old id, with its fills', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1', 'hyperliquid', { identity: '0xabc' }));
    await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 't1', ts: T0 })]));
    await store.accounts.remove('a1', { purge: false });
    assert.deepEqual(await store.accounts.list(), []);
    assert.equal(await store.accounts.findByIdentity('hyperliquid', '0xabc'), null);
    assert.deepEqual((await store.accounts.list({ includeRemoved: true })).map((a) => [a.id, a.removedAt !== null]), [['a1', true]]);
    const removed = await store.accounts.findRemovedByIdentity('hyperliquid', '0xabc');
    assert.equal(removed?.id, 'a1');
    const restored = await store.accounts.restore({ ...account('a1', 'hyperliquid', { identity: '0xabc' }), label: 'back again' });
    assert.equal(restored.label, 'back again');
    assert.equal(restored.removedAt, null);
    assert.equal(restored.status, 'new');
    assert.equal(await store.accounts.findRemovedByIdentity('hyperliquid', '0xabc'), null);
    // the old fill is recognised: committing it again adds nothing
    const again = await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 't1', ts: T0 })]));
    assert.equal(again.inserted, 0);
    assert.equal(await store.fills.count('a1'), 1);
  });

  test('sync state round-trips and reset forgets only the cursor', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1'));
    const state = { cursor: { window: 3, page: 'abc', nested: { at: [1, 2] } }, backfillDone: true, pagesFetched: 12, progress: 0.75, coveredFrom: T0 - 5 * DAY, coveredTo: T0, historyLimitedBefore: T0 - 10 * DAY, updatedAt: T0 + 1 };
    await store.fills.commitPage({ accountId: 'a1', fills: [makeFill({ tradeId: 't1', ts: T0 })], state });
    const stored = await store.syncState.get('a1');
    assert.deepEqual(stored, { accountId: 'a1', fillsStored: 1, historyGaps: [], ...state });
    assert.deepEqual(await store.syncState.list(), [stored]);
    await store.syncState.reset('a1');
    const reset = await store.syncState.get('a1');
    assert.deepEqual(reset, { ...stored, cursor: null, backfillDone: false, progress: 0 });
    assert.equal(await store.syncState.get('nobody'), null);
  });

  test('accounts are created, found, updated and refused when duplicated', async () => {
    const { store } = await fresh();
    const created = await store.accounts.create(account('a1', 'hyperliquid', { identity: '0xabc', permissions: { read: true }, warnings: [{ code: 'exchange_notice', params: { text: 'only 10,000 fills' } }] }));
    assert.deepEqual(created, { id: 'a1', exchange: 'hyperliquid', label: 'hyperliquid a1', baseUrl: null, streamUrl: null, identity: '0xabc', permissions: { read: true }, createdAt: 1_700_000_000_000, status: 'new', lastSyncAt: null, lastError: null, warnings: [{ code: 'exchange_notice', params: { text: 'only 10,000 fills' } }], removedAt: null });
    await assert.rejects(store.accounts.create(account('a1')), (e: unknown) => e instanceof PerpvolError && e.code === 'account_exists' && e.kind === 'conflict');
    assert.equal((await store.accounts.findByIdentity('hyperliquid', '0xabc'))?.id, 'a1');
    assert.equal(await store.accounts.findByIdentity('bybit', '0xabc'), null);
    const failed = await store.accounts.update('a1', { status: 'error', lastError: { code: 'rate_limited', message: 'slow down' }, lastSyncAt: 5, label: 'main' });
    assert.deepEqual([failed.status, failed.lastError, failed.lastSyncAt, failed.label], ['error', { code: 'rate_limited', message: 'slow down' }, 5, 'main']);
    const cleared = await store.accounts.update('a1', { status: 'ok', lastError: null });
    assert.equal(cleared.lastError, null);
    await store.accounts.create(account('a0', 'bybit', { createdAt: 1 }));
    assert.deepEqual((await store.accounts.list()).map((a) => a.id), ['a0', 'a1']);
    await assert.rejects(store.accounts.update('nobody', { label: 'x' }), (e: unknown) => e instanceof PerpvolError && e.code === 'account_not_found');
  });

  test("the exchange's reported volume is kept and a later report of a day replaces it", async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1', 'hyperliquid'));
    assert.equal(await store.reportedVolume.get('a1'), null);
    await store.reportedVolume.save('a1', [{ day: '2024-03-09', volumeMicros: 10 }, { day: '2024-03-10', volumeMicros: 20 }], null, 100);
    await store.reportedVolume.save('a1', [{ day: '2024-03-10', volumeMicros: 25 }], 5_000_000_000_000, 200);
    assert.deepEqual(await store.reportedVolume.get('a1'), {
      daily: [{ day: '2024-03-09', volumeMicros: 10n }, { day: '2024-03-10', volumeMicros: 25n }],
      dailyLabel: null,
      allTimeMicros: 5_000_000_000_000n,
      windows: [],
      asOf: 200,
    });
  });

  test("a whale's figures past 2^53 micro-dollars (9 billion USD) come back to the last digit, with what the daily ones count", async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1', 'hyperliquid'));
    const allTime = 7_123_456_789_012_345_678n; // $7.1 trillion and change
    const day = 9_007_199_254_740_993n; // 2^53 + 1
    const label = 'Hyperliquid fee-tier volume (includes spot and sub-accounts)';
    await store.reportedVolume.save('a1', [{ day: '2024-03-10', volumeMicros: day }], allTime, 100, [{ key: 'w', label: 'w', days: 14, volumeMicros: day + 2n, tier: null }], label);
    const saved = await store.reportedVolume.get('a1');
    assert.deepEqual([saved?.allTimeMicros, saved?.daily[0]?.volumeMicros, saved?.windows[0]?.volumeMicros, saved?.dailyLabel], [allTime, day, day + 2n, label]);
    // a report that does not say what its days count leaves the label as it was
    await store.reportedVolume.save('a1', [], allTime + 1n, 200);
    assert.deepEqual([(await store.reportedVolume.get('a1'))?.allTimeMicros, (await store.reportedVolume.get('a1'))?.dailyLabel], [allTime + 1n, label]);
  });

  test("the exchange's window figures are kept, replaced by the next report that has them, and go with the account", async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1', 'paradex'));
    const tier14 = { key: 'fee_tier_14d', label: "Paradex's own 14-day volume", days: 14, volumeMicros: 9_000_000_000_000_000, tier: 'pro: Pro 4' };
    await store.reportedVolume.save('a1', [], null, 100, [tier14, { ...tier14, key: 'fee_tier_30d', days: 30, tier: null }]);
    assert.deepEqual((await store.reportedVolume.get('a1'))?.windows.map((w) => [w.key, w.days, w.volumeMicros, w.tier]), [
      ['fee_tier_14d', 14, 9_000_000_000_000_000n, 'pro: Pro 4'],
      ['fee_tier_30d', 30, 9_000_000_000_000_000n, null],
    ]);
    // A report without windows (Hyperliquid's kind) leaves them; one with them replaces the set.
    await store.reportedVolume.save('a1', [], null, 150);
    assert.equal((await store.reportedVolume.get('a1'))?.windows.length, 2);
    await store.reportedVolume.save('a1', [], null, 200, [{ ...tier14, volumeMicros: 5 }]);
    assert.deepEqual(await store.reportedVolume.get('a1'), { daily: [], dailyLabel: null, allTimeMicros: null, windows: [{ ...tier14, volumeMicros: 5n }], asOf: 200 });
    await store.accounts.remove('a1', { purge: false });
    assert.equal(await store.reportedVolume.get('a1'), null);
  });

  test('reopening runs the migrations again harmlessly and keeps the data', async () => {
    const { store, reopen } = await fresh();
    await store.accounts.create(account('a1'));
    await store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 't1', ts: T0 })]));
    await store.close();
    const again = await reopen();
    const third = await reopen();
    assert.equal(await again.fills.count(), 1);
    assert.equal((await third.accounts.list()).length, 1);
    assert.equal((await again.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 't1', ts: T0 })]))).inserted, 0);
  });

  test('an exchange account exists once among active accounts: a second with its identity is refused, naming the first', async () => {
    const { store } = await fresh();
    await store.accounts.create(account('a1', 'bybit', { identity: 'uid-7', label: 'Desk' }));
    const refused = await store.accounts.create(account('a2', 'bybit', { identity: 'uid-7' })).then(() => null, (e: unknown) => e);
    assert.ok(refused instanceof PerpvolError && refused.code === 'account_exists' && refused.kind === 'conflict', String(refused));
    assert.match(refused.message, /already added as "Desk" \(id a1\)/);
    // another exchange, or an account whose identity is not known yet, is not the same account
    await store.accounts.create(account('a3', 'woox', { identity: 'uid-7' }));
    await store.accounts.create(account('a4', 'bybit'));
    await store.accounts.create(account('a5', 'bybit'));
    // an identity learned later is held to the same rule
    await assert.rejects(store.accounts.update('a4', { identity: 'uid-7' }), (e: unknown) => e instanceof PerpvolError && e.code === 'account_exists');
    assert.equal((await store.accounts.get('a4'))?.identity, null);
    // a removed account keeps its identity outside the rule, and is refused back while another holds it
    await store.accounts.remove('a1', { purge: false });
    await store.accounts.create(account('a6', 'bybit', { identity: 'uid-7' }));
    await assert.rejects(store.accounts.restore(account('a1', 'bybit', { identity: 'uid-7' })), (e: unknown) => e instanceof PerpvolError && e.code === 'account_exists');
  });
}
