/**
 * One path after every write: the same fill arriving by a sync page, by the private stream and by
 * an imported CSV export leaves the account with the same notes (a fee in a token Perpvol cannot
 * price, the history gap the fill falls in, with our figure over it) and raises the same events.
 * Every path runs through its real entry point (SyncEngine, LiveUpdates over a loopback WebSocket,
 * VolumeService.importFills) on a real SQLite store.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, test } from 'node:test';
import { WebSocketServer } from 'ws';
import type { ApiEvent } from '../../src-shared/events.ts';
import type { Account, ApiAccountNote } from '../../src-shared/schemas.ts';
import type { Connector } from '../../src-main/connectors/kit/connector.ts';
import type { NormalizedRow } from '../../src-main/connectors/kit/normalized-row.ts';
import type { FillStreamProtocol, StreamedRows } from '../../src-main/connectors/stream/fill-stream.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import type { UnclassifiedExecution } from '../../src-main/core/unclassified-execution.ts';
import type { SecretStore } from '../../src-main/secrets/secret-store.ts';
import { VolumeService } from '../../src-main/service/volume-service.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';
import { FillCommit } from '../../src-main/sync/fill-commit.ts';
import { LiveUpdates } from '../../src-main/sync/live/live-updates.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { makeTempDir } from './fixtures/sync-harness.ts';

const NOW = Date.parse('2025-06-03T00:00:00Z');
const FILL_TS = Date.parse('2025-06-01T12:00:00Z');
/** A stretch the exchange stopped serving, around the fill. */
const GAP = { from: Date.parse('2025-05-31T00:00:00Z'), to: Date.parse('2025-06-02T00:00:00Z') };

/** 0.01 BTC at 60,000 = $600, its fee paid in DIME (no USD price). */
const FILL: Fill = {
  exchange: 'bybit', tradeId: 'exec-1', orderId: null, symbol: 'BTCUSDT', kind: 'perpetual', underlying: 'BTC', side: 'buy',
  price: '60000', qty: '0.01', notionalMicros: 600_000_000, fee: '2.5', feeCurrency: 'DIME', feeMicros: null, liquidity: null, ts: FILL_TS,
};
const UNCLASSIFIED: UnclassifiedExecution = { exchange: 'bybit', executionId: 'x-1', rawType: 'NEWTYPE', symbol: 'BTCUSDT', ts: FILL_TS };
/** The same fill as Bybit's Trade History export writes it. */
const CSV = 'Contracts,Direction,Filled Qty,Filled Price,Fees Paid,Fee Currency,Trasaction ID,Transaction Time(UTC+0)\nBTCUSDT,Buy,0.01,60000,2.5,DIME,exec-1,12:00 2025-06-01\n';

const keySecrets: SecretStore = {
  kind: 'none',
  describe: () => 'test',
  get: async () => ({ apiKey: 'key', apiSecret: 'secret' }),
  set: async () => undefined,
  delete: async () => undefined,
  list: async () => [],
};

type Path = 'sync' | 'stream' | 'import';

interface Outcome {
  notes: ApiAccountNote[];
  warnings: string[];
  /** `volume` events and the `account` events that carried new notes, in order. */
  events: { type: string; fillsInserted?: number; days?: string[]; codes?: string[] }[];
  storedColumn: string;
}

function until(bus: EventBus, matches: (event: ApiEvent) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const stop = bus.subscribe((event) => {
      if (!matches(event)) return;
      stop();
      resolve();
    });
  });
}

const carriesNote = (code: string) => (event: ApiEvent) => event.type === 'account' && (event.account?.notes ?? []).some((note) => note.code === code);

/** A loopback stream that acknowledges the subscription and sends `rows` once the session subscribes. */
async function loopbackStream(rows: StreamedRows): Promise<{ factory: () => Promise<FillStreamProtocol>; close: () => Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket) => socket.on('message', () => {
    socket.send('"ready"');
    socket.send('"rows"');
  }));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const normalized: NormalizedRow[] = [...rows.fills.map((fill) => ({ fill })), ...rows.unclassified.map((unclassified) => ({ unclassified }))];
  const session: FillStreamProtocol = {
    exchange: 'bybit',
    label: 'Loopback',
    url,
    heartbeat: { intervalMs: 60_000, frame: () => null },
    subscribe: { frames: () => ['hello'], what: 'subscription' },
    read: (frame) => (frame === 'ready' ? { kind: 'subscribed' } : frame === 'rows' ? { kind: 'rows', rows: normalized } : null),
    normalize: (row) => row as NormalizedRow,
  };
  return {
    factory: async () => session,
    close: () => new Promise((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    }),
  };
}

async function arrive(path: Path): Promise<Outcome> {
  const dir = await makeTempDir();
  const store: Store = await openStore({ dataDir: dir.path });
  const bus = new EventBus();
  const commits = new FillCommit({ store, bus, now: () => NOW });
  const seen: Outcome['events'] = [];
  bus.subscribe((event) => {
    if (event.type === 'volume') seen.push({ type: 'volume', fillsInserted: event.fillsInserted, days: event.days });
    if (event.type === 'account' && event.account && !event.account.live) seen.push({ type: 'account', codes: event.account.notes.map((n) => n.code) });
  });
  const account = await store.accounts.create({ id: 'acc', exchange: 'bybit', label: 'Bybit', baseUrl: null, identity: 'uid-1', permissions: {}, warnings: [], createdAt: NOW });
  // synced before: the exchange stopped serving the stretch around the fill
  await store.fills.commitPage({
    accountId: account.id, fills: [], historyGaps: [GAP],
    state: { cursor: { at: 1 }, backfillDone: true, pagesFetched: 1, progress: 1, coveredFrom: GAP.from, coveredTo: NOW, historyLimitedBefore: null, updatedAt: NOW },
  });
  await store.accounts.update(account.id, { status: 'ok', lastSyncAt: NOW });
  seen.length = 0;
  const rows: StreamedRows = { fills: [FILL], unclassified: path === 'import' ? [] : [UNCLASSIFIED], bustedTradeIds: [] };
  const connector: Connector = {
    exchange: 'bybit',
    async *pages() {
      yield { fills: rows.fills, unclassified: rows.unclassified, cursor: { at: 2 }, progress: 1, coveredFrom: GAP.from, coveredTo: NOW };
    },
    async checkCredential() {
      return { identity: 'uid-1', canWithdrawOrTransfer: false, permissions: {}, warnings: [] };
    },
  };
  const engine = new SyncEngine({ store, secrets: keySecrets, bus, commits, now: () => NOW, createConnector: () => connector });
  const service = new VolumeService({ store, secrets: keySecrets, engine, bus, commits, now: () => NOW });
  try {
    if (path === 'sync') {
      await engine.syncAccount(account.id);
    } else if (path === 'stream') {
      const stream = await loopbackStream(rows);
      const quietPasses = { syncAccount: async () => undefined, isRunning: () => false };
      const live = new LiveUpdates({ store, secrets: keySecrets, bus, engine: quietPasses, commits, now: () => NOW, streamFactory: () => stream.factory });
      const written = until(bus, carriesNote('unpriced_fees'));
      await live.start();
      await written;
      await live.stop();
      await stream.close();
    } else {
      await service.importFills({ id: account.id, csv: CSV });
    }
    const shown: Account = await service.getAccount({ id: account.id });
    const raw = await store.accounts.get(account.id);
    return { notes: shown.notes, warnings: shown.warnings, events: seen, storedColumn: JSON.stringify(raw?.warnings) };
  } finally {
    await engine.stop();
    await store.close();
    await dir.remove();
  }
}

const fillNotes = (outcome: Outcome): ApiAccountNote[] => outcome.notes.filter((note) => note.code !== 'unclassified_executions');

describe('one path after every write', () => {
  const outcomes = {} as Record<Path, Outcome>;
  before(async () => {
    for (const path of ['sync', 'stream', 'import'] as const) outcomes[path] = await arrive(path);
  });

  test('the same fill leaves the same notes whichever way it arrived: its unpriced fee, and our figure over the gap it falls in', () => {
    const expected = [
      { code: 'unpriced_fees', params: { fees: [{ currency: 'DIME', amount: '2.5', fills: 1 }] }, message: 'Fees in tokens Perpvol cannot price in USD are listed, not counted as $0 (all time, perpetuals and dated futures): 2.5 DIME over 1 fill.' },
      {
        code: 'history_gap',
        params: { exchange: 'bybit', from: '2025-05-31T00:00:00.000Z', to: '2025-06-02T00:00:00.000Z', cause: { kind: 'unknown' }, reportedUsd: null, reportedLabel: null, countedUsd: '600.000000', exportPath: null },
        message:
          "Bybit fills between 2025-05-31 00:00 UTC and 2025-06-02 00:00 UTC were pushed out of reach between two syncs: Bybit no longer serves them. Bybit's own daily figures do not reach back to 2025-05-31 to 2025-06-02; compare the all-time figures in \"Ours vs the exchange\". Those fills cannot be counted.",
      },
    ];
    for (const path of ['sync', 'stream', 'import'] as const) assert.deepEqual(fillNotes(outcomes[path]), expected, path);
  });

  test('an execution no rule classifies is kept aside with the same note after a sync page and a streamed row', () => {
    const note = (o: Outcome) => o.notes.find((n) => n.code === 'unclassified_executions');
    assert.deepEqual(note(outcomes.sync)?.params, { types: [{ rawType: 'NEWTYPE', count: 1 }] });
    assert.deepEqual(note(outcomes.stream), note(outcomes.sync));
    assert.match(note(outcomes.stream)?.message ?? '', /^1 execution not counted in volume: Perpvol does not know its type \(NEWTYPE ×1\)/);
  });

  test('each path raises one volume event for the new fill, then one account event with the recomputed notes', () => {
    const volume = { type: 'volume', fillsInserted: 1, days: ['2025-06-01'] };
    assert.deepEqual(outcomes.stream.events, [volume, { type: 'account', codes: ['unclassified_executions', 'unpriced_fees', 'history_gap'] }]);
    assert.deepEqual(outcomes.import.events, [volume, { type: 'account', codes: ['unpriced_fees', 'history_gap'] }]);
    // a sync pass also says it started ('syncing') before its page, and ends with its result and the notes in one update
    assert.deepEqual(outcomes.sync.events, [{ type: 'account', codes: [] }, volume, { type: 'account', codes: ['unclassified_executions', 'unpriced_fees', 'history_gap'] }]);
  });

  test('the account stores codes and facts, never the words it is shown with', () => {
    for (const path of ['sync', 'stream', 'import'] as const) {
      for (const words of outcomes[path].warnings) assert.ok(!outcomes[path].storedColumn.includes(words), `${path}: ${words}`);
      assert.deepEqual(outcomes[path].warnings, outcomes[path].notes.map((note) => note.message));
    }
  });
});
