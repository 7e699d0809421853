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
