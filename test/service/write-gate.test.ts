/**
 * With SQLite, an import writes from its worker thread while this process's own writes wait at the
 * write gate. The gate only works if it knows every write: each method of the real store's
 * repositories must be classified, and every write must wait while reads go on.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gateStoreWrites, STORE_ACCESS, WriteGate, writesOf } from '../../src-main/service/write-gate.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { account, PERP } from '../store/store-suite.ts';
import { makeFill, pageOf } from '../store/fill-fixtures.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-write-gate-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T0 = Date.UTC(2024, 2, 10, 12);

/** Settles within a turn of the event loop, or reports that it is still waiting. */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('the write gate', () => {
  test('classifies every method of every repository of the real store, read or write', async () => {
    const store = await openStore({ dataDir: join(root, 'classify') });
    try {
      for (const name of Object.keys(STORE_ACCESS) as (keyof typeof STORE_ACCESS)[]) {
        const methods = Object.entries(store[name] as object).filter(([, value]) => typeof value === 'function').map(([key]) => key).sort();
        assert.deepEqual(methods, Object.keys(STORE_ACCESS[name]).sort(), `store.${name}`);
      }
      assert.deepEqual(writesOf('fills').sort(), ['commitPage', 'importFillPages', 'importFills']);
    } finally {
      await store.close();
    }
  });

  test('holds every write while an import holds the gate, and lets reads through', async () => {
    const opened = await openStore({ dataDir: join(root, 'hold') });
    const gate = new WriteGate();
    const store: Store = gateStoreWrites(opened, gate);
    try {
      await store.accounts.create(account('a1'));
      let release!: () => void;
      const held = gate.hold(() => new Promise<void>((resolve) => (release = resolve)));
      const writes = [
        store.accounts.update('a1', { label: 'renamed' }),
        store.fills.commitPage(pageOf('a1', [makeFill({ tradeId: 't1', ts: T0 })])),
        store.fills.importFills('a1', [makeFill({ tradeId: 't2', ts: T0 })]),
        store.reportedVolume.save('a1', [], null, T0),
        store.syncState.reset('a1'),
        store.tierTargets.set('bybit', 25_000_000_000_000, T0),
      ];
      for (const write of writes) assert.equal(await settledSoon(write), false, 'a write waits while the gate is held');
      assert.equal((await store.accounts.get('a1'))?.label, 'bybit a1', 'a read is answered meanwhile, from the last committed state');
      assert.deepEqual(await store.volume.daily({ kinds: PERP, from: '2024-03-10', to: '2024-03-10' }, 'none'), []);
      release();
      await held;
      await Promise.all(writes);
      assert.equal((await store.accounts.get('a1'))?.label, 'renamed');
    } finally {
      await opened.close();
    }
  });
});
