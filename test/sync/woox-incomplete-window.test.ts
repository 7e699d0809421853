/**
 * A WOO X window whose trades fall short of WOO X's own count (meta.total) must end the sync as an
 * error on the account — never as "done" — keep what was read, and be tried again by the next sync.
 * Real sync engine, real SQLite store, the WOO X simulator on loopback.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWooxConnector } from '../../src-main/connectors/woox/descriptor.ts';
import { HISTORY_SPAN_MS, WINDOW_INCOMPLETE_CODE, WINDOW_MS } from '../../src-main/connectors/woox/paging.ts';
import type { SecretStore } from '../../src-main/secrets/secret-store.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { fastOptions } from '../connectors/woox/fast-options.ts';
import { startWooxSimulator } from '../sim/woox/simulator.ts';
import { makeTempDir } from './fixtures/sync-harness.ts';

const NOW = Date.UTC(2025, 5, 1);

test('a WOO X window short of meta.total ends as an account error, keeps the cursor before it, and is retried', async () => {
  const sim = await startWooxSimulator({ seed: 17, fillsPerAccount: 600, days: 120, now: () => NOW, enforceRateLimits: false });
  const dir = await makeTempDir();
  const store = await openStore({ dataDir: dir.path });
  const credentials = sim.accounts[0]!.credentials;
  const secrets: SecretStore = {
    kind: 'none',
    describe: () => 'test',
    get: async () => credentials,
    set: async () => undefined,
    delete: async () => undefined,
    list: async () => [],
  };
  const engine = new SyncEngine({
    store,
    secrets,
    bus: new EventBus(),
    now: () => NOW,
    createConnector: (_exchange, context) => createWooxConnector(context, fastOptions(() => NOW, {}, 1)),
  });
  try {
    const account = await store.accounts.create({
      id: 'woox-1',
      exchange: 'woox',
      label: 'WOO X',
      baseUrl: sim.baseUrl,
      identity: sim.ledgers[0]!.applicationId,
      permissions: {},
      warnings: [],
      createdAt: NOW,
    });
    // One trade of a window well inside the history is counted by WOO X but never served.
    const windowStart = NOW - HISTORY_SPAN_MS + 22 * WINDOW_MS;
    const served = sim.ledgers[0]!.served(NOW);
    const victim = served.find((row) => row.executedTimestamp > windowStart + 86_400_000 && row.symbol.startsWith('PERP_'))!;
    sim.hideRows([victim.id]);

    const failed = await engine.syncAccount(account.id);
    assert.equal(failed.state, 'error', 'never "done"');
    assert.equal(failed.error?.code, WINDOW_INCOMPLETE_CODE);
    assert.match(failed.error?.message ?? '', /1 are missing/);
    assert.match(failed.error?.message ?? '', new RegExp(new Date(windowStart).toISOString().slice(0, 10)));
    const stored = await store.accounts.get(account.id);
    assert.equal(stored?.status, 'error');
    assert.equal(stored?.lastError?.code, WINDOW_INCOMPLETE_CODE);
    const state = await store.syncState.get(account.id);
    assert.equal(state?.backfillDone, false);
    assert.equal(state?.cursor?.['windowStart'], windowStart, 'the persisted cursor stops at the unproven window');
    assert.equal(state?.cursor?.['doneUntil'], null);
    const before = await store.fills.count(account.id);
    assert.ok(before > 0, 'what was read is kept');

    // The next sync retries that window; WOO X still short: still an error, nothing counted twice.
    const again = await engine.syncAccount(account.id);
    assert.equal(again.error?.code, WINDOW_INCOMPLETE_CODE);
    assert.equal(await store.fills.count(account.id), before);

    // Once WOO X serves the trade, the next sync proves the window and finishes the backfill.
    sim.hideRows([]);
    const done = await engine.syncAccount(account.id);
    assert.equal(done.state, 'done', JSON.stringify(done.error));
    assert.equal((await store.syncState.get(account.id))?.backfillDone, true);
    const perp = served.filter((row) => row.symbol.startsWith('PERP_')).length;
    assert.equal(await store.fills.count(account.id), perp);
    assert.equal((await store.accounts.get(account.id))?.lastError, null);
  } finally {
    await engine.stop();
    await store.close();
    await dir.remove();
    await sim.close();
  }
});
