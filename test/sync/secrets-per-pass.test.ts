import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ConnectorContext, Connector } from '../../src-main/connectors/kit/connector.ts';
import type { ExchangeId } from '../../src-main/core/exchange.ts';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { makeTempDir, TEST_MASTER_KEY } from './fixtures/sync-harness.ts';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let store: Store;
before(async () => {
  dir = await makeTempDir('perpvol-per-pass-');
  store = await openStore({ dataDir: dir.path });
});
after(async () => {
  await store.close();
  await dir.remove();
});

test('each sync pass reads the key from the secret store afresh, so a rotated key is used by the next pass', async () => {
  const secrets = new EncryptedFileSecretStore({ filePath: join(dir.path, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY });
  const seen: string[] = [];
  const createConnector = (exchange: ExchangeId, context: ConnectorContext): Connector => ({
    exchange,
    async *pages() {
      seen.push(context.credentials.apiSecret!);
    },
    async checkCredential() {
      return { identity: null, canWithdrawOrTransfer: false, permissions: {}, warnings: [] };
    },
  });
  await store.accounts.create({ id: 'acc', exchange: 'bybit', label: 'Desk', baseUrl: null, identity: null, permissions: {}, warnings: [], createdAt: Date.now() });
  await secrets.set('acc', { apiKey: 'key-one-000000', apiSecret: 'secret-one-000000' });
  const engine = new SyncEngine({ store, secrets, bus: new EventBus(), createConnector });
  assert.equal((await engine.syncAccount('acc')).state, 'done');
  await secrets.set('acc', { apiKey: 'key-two-000000', apiSecret: 'secret-two-000000' });
  assert.equal((await engine.syncAccount('acc')).state, 'done');
  assert.deepEqual(seen, ['secret-one-000000', 'secret-two-000000']);
});
