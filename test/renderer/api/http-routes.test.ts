import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_METHOD_NAMES } from '../../../src-shared/contract.ts';
import { dailyCsvPath, fillsCsvPath, planRequest, readAnswer } from '../../../src-renderer/src/api/http-routes.ts';

describe('REST mapping of the contract', () => {
  it('has a route for every method', () => {
    for (const method of API_METHOD_NAMES) assert.doesNotThrow(() => planRequest(method, { id: 'x', from: '2026-01-01', to: '2026-01-02' } as never));
  });

  it('maps methods to the documented paths (relative, so a prefix works)', () => {
    assert.deepEqual(planRequest('listAccounts', {}), { method: 'GET', path: 'api/v1/accounts' });
    assert.deepEqual(planRequest('getAccount', { id: 'a/b' }), { method: 'GET', path: 'api/v1/accounts/a%2Fb' });
    assert.deepEqual(planRequest('removeAccount', { id: 'a1', purge: true }), { method: 'DELETE', path: 'api/v1/accounts/a1?purge=true' });
    assert.deepEqual(planRequest('startSync', {}), { method: 'POST', path: 'api/v1/sync', body: {} });
    assert.deepEqual(planRequest('summary', {}), { method: 'GET', path: 'api/v1/volume/summary' });
    assert.deepEqual(planRequest('rotateCredentials', { id: 'a1', credentials: { apiKey: 'k', apiSecret: 's' } }), {
      method: 'POST', path: 'api/v1/accounts/a1/credentials', body: { credentials: { apiKey: 'k', apiSecret: 's' } },
    });
    assert.deepEqual(planRequest('reconciliation', { accountId: 'a1' }), { method: 'GET', path: 'api/v1/volume/reconciliation?accountId=a1' });
    assert.deepEqual(planRequest('importFills', { id: 'a1', csv: 'time,coin\n', utcOffset: '+02:00', dateOrder: 'day-first' }), {
      method: 'POST', path: 'api/v1/accounts/a1/import', body: { csv: 'time,coin\n', utcOffset: '+02:00', dateOrder: 'day-first' },
    });
  });

  it('puts only the given filters in the query string', () => {
    assert.equal(planRequest('dailyVolume', { from: '2026-01-01', to: '2026-01-31', groupBy: 'symbol' }).path, 'api/v1/volume/daily?from=2026-01-01&to=2026-01-31&groupBy=symbol');
    assert.equal(planRequest('listFills', { limit: 50, cursor: 'abc==' }).path, 'api/v1/fills?limit=50&cursor=abc%3D%3D');
    // kinds travel as the REST API takes them, so the HTTP client asks what the IPC client asks
    assert.equal(planRequest('dailyVolume', { from: '2026-01-01', to: '2026-01-31', groupBy: 'kind', kinds: 'perpetual,dated_future' }).path, 'api/v1/volume/daily?from=2026-01-01&to=2026-01-31&groupBy=kind&kinds=perpetual%2Cdated_future');
    assert.equal(planRequest('summary', { kinds: 'dated_future' }).path, 'api/v1/volume/summary?kinds=dated_future');
    assert.equal(planRequest('listFills', { kinds: 'perpetual' }).path, 'api/v1/fills?kinds=perpetual');
    assert.equal(fillsCsvPath({ accountId: 'a1' }), 'api/v1/export/fills.csv?accountId=a1');
    assert.equal(
      dailyCsvPath({ from: '2026-01-01', to: '2026-03-31', groupBy: 'underlying', kinds: 'perpetual,dated_future', exchange: 'bybit' }),
      'api/v1/export/daily.csv?from=2026-01-01&to=2026-03-31&exchange=bybit&groupBy=underlying&kinds=perpetual%2Cdated_future',
    );
  });

  it('answers removeAccount from the 204 without a body', () => {
    assert.deepEqual(readAnswer('removeAccount', { id: 'a1' }, null), { removed: 'a1' });
  });
});
