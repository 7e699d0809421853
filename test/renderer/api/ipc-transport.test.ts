import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../src-renderer/src/api/api-client.ts';
import { createIpcClient } from '../../../src-renderer/src/api/ipc-transport.ts';
import { FakeService } from '../../electron/fakes.ts';

describe('IPC transport', () => {
  it('passes calls through to the bridge', async () => {
    const bridge = new FakeService();
    const client = createIpcClient(bridge);
    assert.deepEqual(await client.startSync({ accountIds: ['a1'] }), { started: ['a1'] });
  });

  it('turns the preload’s {code,message} rejections into ApiError', async () => {
    const bridge = new FakeService();
    bridge.summary = () => Promise.reject({ code: 'storage_failed', message: 'The database is locked; close other Perpvol windows.' });
    const client = createIpcClient(bridge);
    await assert.rejects(client.summary({}), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, 'storage_failed');
      assert.equal(error.message, 'The database is locked; close other Perpvol windows.');
      return true;
    });
  });

  it('carries an import and its refusal, with the code the dashboard offers a retry for', async () => {
    const bridge = new FakeService();
    const client = createIpcClient(bridge);
    assert.equal((await client.importFills({ id: 'a1', csv: 'time\n' })).imported, 0);
    const refusing = new FakeService();
    refusing.importFills = () => Promise.reject({ code: 'import_times_mismatch', message: 'import again with --utc-offset +02:00' });
    await assert.rejects(createIpcClient(refusing).importFills({ id: 'a1', csv: 'time\n' }), (error: unknown) => error instanceof ApiError && error.code === 'import_times_mismatch');
  });

  it('delivers events from the bridge', () => {
    const bridge = new FakeService();
    const seen: string[] = [];
    const off = createIpcClient(bridge).subscribe((e) => seen.push(e.type));
    bridge.emit({ type: 'account', change: 'removed', accountId: 'a', account: null });
    off();
    bridge.emit({ type: 'account', change: 'removed', accountId: 'a', account: null });
    assert.deepEqual(seen, ['account']);
  });
});
