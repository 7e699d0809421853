import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_METHOD_NAMES, IPC_EVENTS_CHANNEL, ipcChannel } from '../../src-shared/contract.ts';
import type { ApiEvent } from '../../src-shared/events.ts';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { IpcBridge } from '../../src-main/electron/ipc-bridge.ts';
import { FakeIpcMain, FakeService } from './fakes.ts';

const APP_URL = 'file:///app/out/renderer/index.html';

function setup() {
  const ipc = new FakeIpcMain();
  const service = new FakeService();
  const bridge = new IpcBridge(ipc, service, () => APP_URL);
  bridge.register();
  return { ipc, service, bridge };
}

describe('IpcBridge', () => {
  it('registers exactly one handler per contract method', () => {
    const { ipc } = setup();
    assert.deepEqual([...ipc.handlers.keys()].sort(), API_METHOD_NAMES.map(ipcChannel).sort());
  });

  it('passes a valid payload to the service and answers its result', async () => {
    const { ipc, service } = setup();
    const answer = await ipc.invoke(ipcChannel('dailyVolume'), { from: '2026-01-01', to: '2026-01-31', groupBy: 'exchange' });
    assert.deepEqual(service.calls, [{ method: 'dailyVolume', input: { from: '2026-01-01', to: '2026-01-31', groupBy: 'exchange' } }]);
    assert.equal((answer as { ok: boolean }).ok, true);
  });

  it('rejects a malformed payload with invalid_input and never calls the service', async () => {
    const { ipc, service } = setup();
    const answer = await ipc.invoke(ipcChannel('dailyVolume'), { from: '31/01/2026', to: '2026-01-31', groupBy: 'planet' });
    assert.equal(service.calls.length, 0);
    assert.deepEqual(Object.keys(answer as object).sort(), ['error', 'ok']);
    const { error } = answer as { error: { code: string; message: string } };
    assert.equal(error.code, 'invalid_input');
    assert.match(error.message, /from: use a UTC date as YYYY-MM-DD/);
    assert.match(error.message, /groupBy/);
  });

  it('rejects payloads that are not objects at all', async () => {
    const { ipc, service } = setup();
    for (const payload of ['drop table', 42, [1, 2], true]) {
      const answer = (await ipc.invoke(ipcChannel('addAccount'), payload)) as { ok: boolean; error?: { code: string } };
      assert.equal(answer.ok, false);
      assert.equal(answer.error?.code, 'invalid_input');
    }
    assert.equal(service.calls.length, 0);
  });

  it('rejects an account with a malformed exchange or an empty label before it reaches the service', async () => {
    const { ipc, service } = setup();
    const answer = (await ipc.invoke(ipcChannel('addAccount'), { exchange: 'FTX Pro', label: ' ', credentials: {} })) as { error: { message: string } };
    assert.equal(service.calls.length, 0);
    assert.match(answer.error.message, /exchange/);
    assert.match(answer.error.message, /give the account a label/);
  });

  it('treats a missing payload as an empty object for methods without input', async () => {
    const { ipc, service } = setup();
    const answer = (await ipc.invoke(ipcChannel('summary'), undefined)) as { ok: boolean };
    assert.equal(answer.ok, true);
    assert.equal(service.calls[0]?.method, 'summary');
  });

  it('returns a service error as {code, message} and keeps the handler alive', async () => {
    const { ipc, service } = setup();
    service.failWith = new PerpvolError('credentials_rejected', 'bybit_invalid_key', 'Bybit rejected the API key; create a new read-only key.');
    const answer = await ipc.invoke(ipcChannel('addAccount'), { exchange: 'bybit', label: 'Main', credentials: { apiKey: 'k', apiSecret: 's' } });
    assert.deepEqual(answer, { ok: false, error: { code: 'bybit_invalid_key', message: 'Bybit rejected the API key; create a new read-only key.' } });
    service.failWith = null;
    assert.equal(((await ipc.invoke(ipcChannel('health'), {})) as { ok: boolean }).ok, true);
  });

  it('gives an unexpected exception a generic code', async () => {
    const { ipc, service } = setup();
    service.failWith = new TypeError('boom');
    const answer = (await ipc.invoke(ipcChannel('summary'), {})) as { error: { code: string } };
    assert.equal(answer.error.code, 'internal_error');
  });

  it('refuses calls from a frame that is not the app page', async () => {
    const { ipc, service } = setup();
    const answer = (await ipc.invoke(ipcChannel('listAccounts'), {}, 'https://evil.example/')) as { error: { code: string } };
    assert.equal(answer.error.code, 'untrusted_sender');
    assert.equal(service.calls.length, 0);
  });

  it('forwards service events to the live window on the events channel, and stops after dispose', () => {
    const { ipc, service, bridge } = setup();
    const sent: { channel: string; payload: unknown }[] = [];
    let destroyed = false;
    bridge.forwardEvents(() => ({ send: (channel, payload) => sent.push({ channel, payload }), isDestroyed: () => destroyed }));
    const event: ApiEvent = { type: 'volume', accountId: 'a', exchange: 'bybit', fillsInserted: 3, days: ['2026-01-02'] };
    service.emit(event);
    destroyed = true;
    service.emit(event);
    assert.deepEqual(sent, [{ channel: IPC_EVENTS_CHANNEL, payload: event }]);
    bridge.dispose();
    assert.equal(service.listenerCount, 0);
    assert.equal(ipc.handlers.size, 0);
  });
});
