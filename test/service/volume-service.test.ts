import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API_METHODS } from '../../src-shared/contract.ts';
import { PerpvolError } from '../../src-main/core/errors.ts';
import type { ExchangeId } from '../../src-main/core/exchange.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import type { Connector, ConnectorContext, CredentialCheck } from '../../src-main/connectors/kit/connector.ts';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { VolumeService } from '../../src-main/service/volume-service.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { rejectsWithCode } from '../support/rejections.ts';

const NOW = Date.UTC(2026, 2, 15, 12); // 2026-03-15 12:00 UTC
const DAY = 86_400_000;
const HL_ADDRESS = '0x' + '1a'.repeat(20);

/** Credential checks by API key: 'rejected' is refused, 'withdraw' can move funds, others are read-only. */
function fakeConnector(exchange: ExchangeId, { credentials }: ConnectorContext): Connector {
  return {
    exchange,
    async *pages() {},
    async checkCredential(): Promise<CredentialCheck> {
      if (credentials.apiKey === 'rejected') {
        throw new PerpvolError('credentials_rejected', 'api_key_invalid', 'Bybit does not know this API key; check it was copied whole.');
      }
      return {
        identity: credentials.apiKey ? `uid-${credentials.apiKey}` : (credentials.address ?? null),
        canWithdrawOrTransfer: credentials.apiKey === 'withdraw',
        permissions: {},
        warnings: [],
      };
    },
  };
}

function fill(n: number, ts: number, symbol: string, notionalMicros: number, liquidity: 'maker' | 'taker', exchange: ExchangeId = 'hyperliquid'): Fill {
  return {
    exchange,
    tradeId: `t${n}`,
    orderId: null,
    symbol,
    kind: 'perpetual',
    underlying: symbol.replace(/USDT$|-USD-PERP$/, ''),
    side: n % 2 ? 'buy' : 'sell',
    price: '1',
    qty: String(notionalMicros / 1e6),
    notionalMicros,
    fee: '0',
    feeCurrency: 'USDC',
    feeMicros: Math.round(notionalMicros / 1000),
    liquidity,
    ts,
  };
}

async function rejectsWith(promise: Promise<unknown>, kind: string, code: string): Promise<PerpvolError> {
  const error = await rejectsWithCode(promise, code);
  assert.equal(error.kind, kind);
  return error;
}

describe('VolumeService', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: Store;
  let service: VolumeService;
  let secrets: EncryptedFileSecretStore;
  let hlId: string;
  let bybitId: string;

  before(async () => {
    dir = await makeTempDir();
    store = await openStore({ dataDir: dir.path });
    secrets = new EncryptedFileSecretStore({ filePath: join(dir.path, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY });
    const bus = new EventBus();
    const engine = new SyncEngine({ store, secrets, bus, now: () => NOW, createConnector: fakeConnector });
    service = new VolumeService({ store, secrets, engine, bus, now: () => NOW, createConnector: fakeConnector });
    hlId = (await service.addAccount({ exchange: 'hyperliquid', label: 'Main', credentials: { address: HL_ADDRESS } })).id;
    bybitId = (await service.addAccount({ exchange: 'bybit', label: 'Desk', credentials: { apiKey: 'k1', apiSecret: 's1' } })).id;
    const today = NOW;
    await store.fills.commitPage({
      accountId: hlId,
      fills: [
        fill(1, today, 'BTC', 1_000_000_000, 'taker'),
        fill(2, today - DAY, 'ETH', 250_500_000, 'maker'),
        fill(3, today - 10 * DAY, 'BTC', 100_000_000, 'taker'),
        fill(4, today - 40 * DAY, 'BTC', 7_000_000, 'maker'),
      ],
      state: { cursor: {}, backfillDone: true, pagesFetched: 1, progress: 1, coveredFrom: null, coveredTo: null, historyLimitedBefore: null, updatedAt: NOW },
    });
    await store.fills.commitPage({
      accountId: bybitId,
      fills: [fill(10, today - 6 * DAY, 'BTCUSDT', 3_333_333, 'taker', 'bybit')],
      state: { cursor: {}, backfillDone: true, pagesFetched: 1, progress: 1, coveredFrom: null, coveredTo: null, historyLimitedBefore: null, updatedAt: NOW },
    });
  });
  after(async () => {
    await store.close();
    await dir.remove();
  });

  test('accounts are listed with UUID ids and no identity or secret in them', async () => {
    const { accounts } = API_METHODS.listAccounts.output.parse(await service.listAccounts({}));
    assert.equal(accounts.length, 2);
    for (const account of accounts) assert.match(account.id, /^[0-9a-f-]{36}$/);
    assert.ok(!JSON.stringify(accounts).includes('s1'));
    assert.deepEqual(await secrets.get(bybitId), { apiKey: 'k1', apiSecret: 's1' });
    assert.equal(await secrets.get(hlId), null, 'Hyperliquid needs no secret');
  });

  test('a malformed Hyperliquid address is refused with a message that says what an address looks like', async () => {
    const error = await rejectsWith(
      service.addAccount({ exchange: 'hyperliquid', label: 'x', credentials: { address: '0x123' } }),
      'bad_input',
      'invalid_credentials',
    );
    assert.match(error.message, /0x followed by 40 hex digits/);
  });

  test('a missing API secret and an unknown exchange are refused with clear codes', async () => {
    const missing = await rejectsWith(service.addAccount({ exchange: 'bybit', label: 'x', credentials: { apiKey: 'k' } }), 'bad_input', 'invalid_credentials');
    assert.match(missing.message, /apiSecret is missing/);
    await rejectsWith(service.addAccount({ exchange: 'binance' as never, label: 'x', credentials: {} }), 'bad_input', 'unknown_exchange');
    await rejectsWith(service.addAccount({ exchange: 'bybit', label: ' ', credentials: {} }), 'bad_input', 'invalid_input');
  });

  test('the same account twice is a conflict, by address or by API key', async () => {
    await rejectsWith(
      service.addAccount({ exchange: 'hyperliquid', label: 'again', credentials: { address: HL_ADDRESS.toUpperCase().replace('0X', '0x') } }),
      'conflict',
      'account_exists',
    );
    await rejectsWith(
      service.addAccount({ exchange: 'bybit', label: 'again', credentials: { apiKey: 'k1', apiSecret: 'other' }, validate: false }),
      'conflict',
      'account_exists',
    );
  });

  test('a key the exchange rejects is credentials_rejected and nothing is stored', async () => {
    const before = (await service.listAccounts({})).accounts.length;
    await rejectsWith(service.addAccount({ exchange: 'bybit', label: 'bad', credentials: { apiKey: 'rejected', apiSecret: 's' } }), 'credentials_rejected', 'api_key_invalid');
    assert.equal((await service.listAccounts({})).accounts.length, before);
  });

  test('a key that can withdraw is refused unless the user insists, and then a warning stays', async () => {
    const input = { exchange: 'woox' as const, label: 'risky', credentials: { apiKey: 'withdraw', apiSecret: 's' } };
    await rejectsWith(service.addAccount(input), 'credentials_rejected', 'key_can_withdraw');
    const account = await service.addAccount({ ...input, allowWithdrawalPermission: true });
    assert.ok(account.warnings.some((warning) => /withdraw/.test(warning)));
    await service.removeAccount({ id: account.id });
    assert.equal(await secrets.get(account.id), null, 'removing an account deletes its secret');
  });

  test('daily volume is dense, zero-filled and exact; groupBy labels the series', async () => {
    const daily = API_METHODS.dailyVolume.output.parse(await service.dailyVolume({ from: '2026-03-08', to: '2026-03-15', groupBy: 'exchange' }));
    assert.equal(daily.total.length, 8);
    assert.deepEqual(daily.total.map((day) => day.date)[0], '2026-03-08');
    const byDate = new Map(daily.total.map((day) => [day.date, day]));
    assert.deepEqual(byDate.get('2026-03-15'), { date: '2026-03-15', volumeUsd: 1000, makerVolumeUsd: 0, takerVolumeUsd: 1000, feesUsd: 1, trades: 1 });
    assert.equal(byDate.get('2026-03-14')?.makerVolumeUsd, 250.5);
    assert.equal(byDate.get('2026-03-09')?.volumeUsd, 3.333333);
    assert.equal(byDate.get('2026-03-10')?.trades, 0);
    assert.deepEqual(daily.series.map((series) => [series.key, series.label]), [['hyperliquid', 'Hyperliquid'], ['bybit', 'Bybit']]);
    assert.ok(daily.series.every((series) => series.days.length === 8));

    const bySymbol = await service.dailyVolume({ from: '2026-03-15', to: '2026-03-15', groupBy: 'symbol', exchange: 'hyperliquid' });
    assert.deepEqual(bySymbol.series.map((series) => series.key), ['BTC']);
    const byAccount = await service.dailyVolume({ from: '2026-03-09', to: '2026-03-09', groupBy: 'account' });
    assert.equal(byAccount.series[0]?.label, 'Desk (Bybit)');
    assert.deepEqual((await service.dailyVolume({ from: '2026-03-01', to: '2026-03-02' })).series, []);
  });

  test('bad dates, reversed ranges and ranges over three years are bad_input', async () => {
    await rejectsWith(service.dailyVolume({ from: '2026-03-10', to: '2026-03-01' }), 'bad_input', 'invalid_range');
    await rejectsWith(service.dailyVolume({ from: '2026-02-30', to: '2026-03-01' }), 'bad_input', 'invalid_date');
    await rejectsWith(service.dailyVolume({ from: '03/01/2026', to: '2026-03-01' }), 'bad_input', 'invalid_input');
    await rejectsWith(service.dailyVolume({ from: '2020-01-01', to: '2026-03-01' }), 'bad_input', 'range_too_long');
    await rejectsWith(service.dailyVolume({ from: '2026-03-01', to: '2026-03-02', accountId: 'nope' }), 'not_found', 'account_not_found');
  });

  test('summary windows count the last N UTC days including today', async () => {
    const summary = API_METHODS.summary.output.parse(await service.summary({}));
    assert.equal(summary.asOf, new Date(NOW).toISOString());
    assert.equal(summary.today.volumeUsd, 1000);
    assert.equal(summary.d7.volumeUsd, 1000 + 250.5 + 3.333333);
    assert.equal(summary.d14.volumeUsd, 1000 + 250.5 + 3.333333 + 100);
    assert.equal(summary.d30.trades, 4);
    assert.equal(summary.allTime.trades, 5);
    assert.equal(summary.allTime.volumeUsd, 1360.833333);
    assert.equal(summary.byExchange.bybit?.d7.volumeUsd, 3.333333);
    assert.equal(summary.byExchange.hyperliquid?.today.feesUsd, 1);
    // Per account, the same windows: here one account per exchange, so each equals its exchange.
    assert.deepEqual(Object.keys(summary.byAccount).sort(), [bybitId, hlId].sort());
    assert.deepEqual(summary.byAccount[bybitId], summary.byExchange.bybit);
    assert.deepEqual(summary.byAccount[hlId], summary.byExchange.hyperliquid);
  });

  test('fills page with an opaque cursor and filter by day', async () => {
    const first = API_METHODS.listFills.output.parse(await service.listFills({ limit: 2 }));
    assert.equal(first.fills.length, 2);
    assert.ok(first.nextCursor);
    const rest = await service.listFills({ limit: 1000, cursor: first.nextCursor });
    const ids = [...first.fills, ...rest.fills].map((f) => f.tradeId).sort();
    assert.deepEqual(ids, ['t1', 't10', 't2', 't3', 't4']);
    const today = await service.listFills({ from: '2026-03-15', to: '2026-03-15' });
    assert.deepEqual(today.fills.map((f) => [f.tradeId, f.notionalUsd]), [['t1', 1000]]);
    await rejectsWith(service.listFills({ limit: 5000 }), 'bad_input', 'invalid_input');
    await rejectsWith(service.listFills({ cursor: 'garbage' }), 'bad_input', 'invalid_cursor');
  });

  test('removing with purge deletes the fills; an unknown id is not_found', async () => {
    await rejectsWith(service.getAccount({ id: 'missing' }), 'not_found', 'account_not_found');
    await rejectsWith(service.startSync({ accountIds: ['missing'] }), 'not_found', 'account_not_found');
    assert.deepEqual(await service.startSync({ accountIds: [bybitId, bybitId] }), { started: [bybitId] }, 'an id named twice starts once');
    await service.removeAccount({ id: bybitId, purge: true });
    assert.equal(await store.fills.count(bybitId), 0);
    assert.equal((await service.summary({})).byExchange.bybit, undefined);
  });

  test('without a master key a secret-bearing account is refused and nothing is created', async () => {
    const bare = await makeTempDir();
    const bareStore = await openStore({ dataDir: bare.path });
    try {
      const noKey = new EncryptedFileSecretStore({ filePath: join(bare.path, 'secrets.enc.json'), masterKey: undefined });
      const bus = new EventBus();
      const engine = new SyncEngine({ store: bareStore, secrets: noKey, bus, createConnector: fakeConnector });
      const svc = new VolumeService({ store: bareStore, secrets: noKey, engine, bus, createConnector: fakeConnector });
      const error = await rejectsWith(
        svc.addAccount({ exchange: 'bybit', label: 'x', credentials: { apiKey: 'k', apiSecret: 's' } }),
        'storage',
        'secret_store_unavailable',
      );
      assert.match(error.message, /PERPVOL_MASTER_KEY/);
      assert.deepEqual((await svc.listAccounts({})).accounts, []);
      // Hyperliquid keeps no secret, so it works without a key.
      await svc.addAccount({ exchange: 'hyperliquid', label: 'hl', credentials: { address: HL_ADDRESS } });
    } finally {
      await bareStore.close();
      await bare.remove();
    }
  });

  test('health reports the package version', async () => {
    assert.equal((await service.health({})).status, 'ok');
    assert.match((await service.health({})).version, /^\d+\.\d+\.\d+/);
  });
});
