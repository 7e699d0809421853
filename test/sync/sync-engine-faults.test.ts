import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Fill } from '../../src-main/core/fill.ts';
import type { Connector, FillPage, SyncCursor } from '../../src-main/connectors/kit/connector.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import type { SecretStore } from '../../src-main/secrets/secret-store.ts';
import { makeTempDir } from './fixtures/sync-harness.ts';
import { toApiAccount } from '../../src-main/sync/account-view.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10);
const ADDRESS = '0x' + 'ab'.repeat(20);

const noSecrets: SecretStore = {
  kind: 'none',
  describe: () => 'none',
  get: async () => null,
  set: async () => undefined,
  delete: async () => undefined,
  list: async () => [],
};

function fill(n: number, overrides: Partial<Fill> = {}): Fill {
  return {
    exchange: 'hyperliquid',
    tradeId: `t${n}`,
    orderId: `o${n}`,
    symbol: 'BTC',
    kind: 'perpetual',
    underlying: 'BTC',
    side: 'buy',
    price: '100',
    qty: '1',
    notionalMicros: 100_000_000,
    fee: '0.01',
    feeCurrency: 'USDC',
    feeMicros: 10_000,
    liquidity: 'taker',
    ts: T0 + n * DAY,
    ...overrides,
  };
}

const page = (n: number, fills: Fill[], progress: number): FillPage => ({
  fills,
  cursor: { page: n },
  progress,
  coveredFrom: T0,
  coveredTo: T0 + n * DAY,
});

/** A connector that serves scripted pages; `gate` lets a test hold the pass between pages. */
function scripted(pages: FillPage[], gate?: (index: number) => Promise<void>): Connector & { seenCursors: (SyncCursor | null)[] } {
  const seenCursors: (SyncCursor | null)[] = [];
  return {
    exchange: 'hyperliquid',
    seenCursors,
    async *pages(cursor) {
      seenCursors.push(cursor);
      const start = typeof cursor?.page === 'number' ? cursor.page : 0;
      for (let i = start; i < pages.length; i++) {
        await gate?.(i);
        yield pages[i]!;
      }
    },
    async checkCredential() {
      return { identity: ADDRESS, canWithdrawOrTransfer: false, permissions: {}, warnings: [] };
    },
  };
}

async function setup(connector: Connector): Promise<{ store: Store; engine: SyncEngine; accountId: string; cleanup: () => Promise<void> }> {
  const dir = await makeTempDir();
  const store = await openStore({ dataDir: dir.path });
  const engine = new SyncEngine({ store, secrets: noSecrets, bus: new EventBus(), createConnector: () => connector, now: () => T0 + 30 * DAY });
  const account = await store.accounts.create({
    id: 'acc-1',
    exchange: 'hyperliquid',
    label: 'test',
    baseUrl: null,
    identity: ADDRESS,
    permissions: {},
    warnings: [],
    createdAt: T0,
  });
  return {
    store,
    engine,
    accountId: account.id,
    cleanup: async () => {
      await engine.stop();
      await store.close();
      await dir.remove();
    },
  };
}

describe('SyncEngine faults', () => {
  test('a page with an impossible fill is not committed and the cursor stays after the last good page', async () => {
    const bad = fill(3, { notionalMicros: Number.NaN });
    const { store, engine, accountId, cleanup } = await setup(
      scripted([page(1, [fill(1)], 0.3), page(2, [fill(2)], 0.6), page(3, [bad, fill(4)], 1)]),
    );
    try {
      const status = await engine.syncAccount(accountId);
      assert.equal(status.state, 'error');
      assert.equal(status.error?.code, 'malformed_page');
      assert.match(status.error?.message ?? '', /Nothing from it was stored/);
      const state = await store.syncState.get(accountId);
      assert.deepEqual(state?.cursor, { page: 2 });
      assert.equal(state?.backfillDone, false);
      assert.equal(await store.fills.count(accountId), 2);
      const account = await store.accounts.get(accountId);
      assert.equal(account?.status, 'error');
      assert.equal(account?.lastError?.code, 'malformed_page');
    } finally {
      await cleanup();
    }
  });

  test('a fill that does not say its kind or asset refuses the page; counting warnings survive a failed pass', async () => {
    const unclassified = { exchange: 'hyperliquid' as const, executionId: 'x1', rawType: 'NEW', symbol: 'BTC', ts: T0 };
    const noKind = { ...fill(3), kind: 'spot' } as unknown as Fill;
    const { store, engine, accountId, cleanup } = await setup(
      scripted([{ ...page(1, [fill(1, { fee: '3', feeCurrency: 'HYPE', feeMicros: null })], 0.3), unclassified: [unclassified] }, page(2, [noKind], 1)]),
    );
    try {
      const status = await engine.syncAccount(accountId);
      assert.equal(status.error?.code, 'malformed_page');
      assert.match(status.error?.message ?? '', /unknown instrument kind/);
      assert.equal(await store.fills.count(accountId), 1);
      const { warnings } = toApiAccount((await store.accounts.get(accountId))!);
      assert.equal(warnings.length, 2);
      assert.match(warnings[0] ?? '', /^1 execution not counted in volume: Perpvol does not know its type \(NEW ×1\); it is kept aside/);
      assert.match(warnings[1] ?? '', /^Fees in tokens Perpvol cannot price in USD are listed, not counted as \$0 \(all time, perpetuals and dated futures\): 3 HYPE over 1 fill\.$/);
    } finally {
      await cleanup();
    }
  });

  test('a connector failure leaves a clear error on the account and the next pass resumes from the cursor', async () => {
    let failOnce = true;
    const connector = scripted([page(1, [fill(1)], 0.5), page(2, [fill(2)], 1)], async (index) => {
      if (index === 1 && failOnce) {
        failOnce = false;
        throw new Error('socket hang up');
      }
    });
    const { store, engine, accountId, cleanup } = await setup(connector);
    try {
      const failed = await engine.syncAccount(accountId);
      assert.equal(failed.state, 'error');
      assert.equal(failed.error?.message, 'socket hang up');
      const done = await engine.syncAccount(accountId);
      assert.equal(done.state, 'done');
      assert.deepEqual(connector.seenCursors, [null, { page: 1 }]);
      assert.equal(await store.fills.count(accountId), 2);
      assert.equal((await store.syncState.get(accountId))?.backfillDone, true);
    } finally {
      await cleanup();
    }
  });

  test('stop() abandons the page in flight, leaves no error and a later pass finishes the work', async () => {
    let release: () => void = () => undefined;
    let reachedPage2: () => void = () => undefined;
    const atPage2 = new Promise<void>((resolve) => (reachedPage2 = resolve));
    let held = false;
    const connector = scripted([page(1, [fill(1)], 0.5), page(2, [fill(2)], 1)], async (index) => {
      if (index === 1 && !held) {
        held = true;
        reachedPage2();
        await new Promise<void>((resolve) => (release = resolve));
      }
    });
    const { store, engine, accountId, cleanup } = await setup(connector);
    try {
      const running = engine.syncAccount(accountId);
      await atPage2;
      const stopping = engine.stop();
      release();
      await stopping;
      const status = await running;
      assert.notEqual(status.state, 'error');
      assert.equal(await store.fills.count(accountId), 1);
      assert.deepEqual((await store.syncState.get(accountId))?.cursor, { page: 1 });
      assert.equal((await store.accounts.get(accountId))?.status, 'new');
      await assert.rejects(engine.syncAccount(accountId), { code: 'sync_stopped' });

      const next = new SyncEngine({ store, secrets: noSecrets, bus: new EventBus(), createConnector: () => connector, now: () => T0 + 30 * DAY });
      assert.equal((await next.syncAccount(accountId)).state, 'done');
      assert.equal(await store.fills.count(accountId), 2);
    } finally {
      await cleanup();
    }
  });

  test('an unknown account is refused with not_found', async () => {
    const { engine, cleanup } = await setup(scripted([]));
    try {
      await assert.rejects(engine.syncAccount('nope'), { code: 'account_not_found' });
    } finally {
      await cleanup();
    }
  });
});
