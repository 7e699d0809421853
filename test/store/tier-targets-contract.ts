/**
 * The volume-target part of the repository suite (gathered by store-contract.ts): one target per
 * exchange, replaced in place, cleared, kept across a reopen, exact to the micro-dollar.
 */
import assert from 'node:assert/strict';
import type { StoreSuite } from './store-suite.ts';

export function tierTargetsContract({ fresh, test }: StoreSuite): void {
  test('keeps one volume target per exchange, replaced in place and exact to the micro-dollar', async () => {
    const { store, reopen } = await fresh();
    assert.deepEqual(await store.tierTargets.list(), []);
    await store.tierTargets.set('bybit', 25_000_000_000_000, 1);
    await store.tierTargets.set('hyperliquid', 5_000_000_123_456, 2);
    await store.tierTargets.set('bybit', 50_000_000_000_001, 3);
    const expected = [
      { exchange: 'bybit', volumeMicros: 50_000_000_000_001, updatedAt: 3 },
      { exchange: 'hyperliquid', volumeMicros: 5_000_000_123_456, updatedAt: 2 },
    ];
    assert.deepEqual(await store.tierTargets.list(), expected);
    const again = await reopen();
    assert.deepEqual(await again.tierTargets.list(), expected);
  });

  test('clearing a target removes only that exchange’s, and clearing an unset one is harmless', async () => {
    const { store } = await fresh();
    await store.tierTargets.set('woox', 1_000_000, 1);
    await store.tierTargets.set('paradex', 2_000_000, 1);
    await store.tierTargets.clear('woox');
    await store.tierTargets.clear('bybit');
    assert.deepEqual(await store.tierTargets.list(), [{ exchange: 'paradex', volumeMicros: 2_000_000, updatedAt: 1 }]);
  });
}
