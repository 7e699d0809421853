import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { exchanges } from '../../../src-main/connectors/registry.ts';
import { createWooxConnector } from '../../../src-main/connectors/woox/descriptor.ts';
import { TRANSACTION_PAGE_LIMITS } from '../../../src-main/connectors/woox/paging.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../../sim/woox/simulator.ts';
import { FillCollector } from '../fill-collector.ts';
import { fastOptions } from './fast-options.ts';

const NOW = Date.UTC(2025, 5, 1, 12);
let sim: WooxSimulatorHandle;

before(async () => {
  sim = await startWooxSimulator({
    seed: 3,
    fillsPerAccount: 50,
    accounts: 3,
    now: () => NOW,
    enforceRateLimits: false,
    permissions: [['READ'], ['READ', 'TRADE', 'WITHDRAWAL'], ['READ', 'TRADE']],
  });
});
after(() => sim.close());

function connector(credentials = sim.accounts[0]!.credentials, paging = {}) {
  return createWooxConnector({ baseUrl: sim.baseUrl, credentials }, fastOptions(() => NOW, paging, 2));
}

async function firstPageError(credentials = sim.accounts[0]!.credentials, paging = {}): Promise<PerpvolError> {
  try {
    await new FillCollector().run(connector(credentials, paging), NOW, 1);
  } catch (error) {
    assert.ok(error instanceof PerpvolError, String(error));
    return error;
  }
  assert.fail('expected the sync to fail');
}

function assertNoSecret(error: PerpvolError): void {
  assert.ok(!error.message.includes(sim.accounts[0]!.credentials['apiSecret']!));
}

test('the registry builds the WOO X connector', () => {
  const built = exchanges.createConnector('woox', { baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials });
  assert.equal(built.exchange, 'woox');
});

test('a missing key or secret is refused before any request', () => {
  assert.throws(() => createWooxConnector({ baseUrl: null, credentials: { apiKey: 'k' } }), { code: 'credentials_incomplete', kind: 'bad_input' });
});

test('a wrong secret is reported as a rejected key (-1002) with what to check', async () => {
  const error = await firstPageError({ ...sim.accounts[0]!.credentials, apiSecret: 'not-the-secret' });
  assert.equal(error.code, 'woox_key_rejected');
  assert.equal(error.kind, 'credentials_rejected');
  assert.equal(error.retryable, false);
  assert.match(error.message, /-1002/);
  assert.match(error.message, /clock/);
  assertNoSecret(error);
});

test('an unknown key is reported as a rejected key', async () => {
  const error = await firstPageError({ apiKey: 'AAAAAAAAAAAAAAAAAAAAAA==', apiSecret: 'x' });
  assert.equal(error.code, 'woox_key_rejected');
});

test('a key or secret in the wrong format (-1001) says to copy them again', async () => {
  sim.injectError({ status: 401, code: -1001, message: 'The api key or secret is in wrong format.' }, 1);
  const error = await firstPageError();
  assert.equal(error.code, 'woox_invalid_key_format');
  assert.equal(error.kind, 'credentials_rejected');
});

test('throttling (-1003) is waited out for a window and the same pass continues', async () => {
  sim.injectFaults('rate_limit', 2);
  const collector = new FillCollector();
  await collector.run(connector(), NOW, 1);
  assert.equal(collector.pages.length, 1);
});

test('throttling still there after several windows in a row ends as rate_limited and retryable, saying so', async () => {
  sim.injectFaults('rate_limit', 10);
  const error = await firstPageError();
  sim.clearFaults();
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.kind, 'rate_limited');
  assert.equal(error.retryable, true);
  assert.match(error.message, /WOO X answered "too many requests" to GET \/v3\/trade\/transactionHistory 6 times in a row/);
});

test('a request WOO X refuses (-1005) is reported as WOO X refusing Perpvol (502), not the user’s fault', async () => {
  const error = await firstPageError(undefined, { pageLimits: [501] });
  assert.equal(error.code, 'woox_request_refused');
  assert.equal(error.kind, 'exchange_unavailable');
  assert.equal(error.httpStatus, 502);
  assert.match(error.message, /-1005/);
});

test('an unknown parameter (-1004) is reported the same way, once no smaller page size helps', async () => {
  sim.injectError({ status: 400, code: -1004, message: 'An unknown parameter was sent.' }, TRANSACTION_PAGE_LIMITS.length);
  assert.equal((await firstPageError()).code, 'woox_request_refused');
});

test('server errors (-1000) that outlast the retries end as exchange unavailable', async () => {
  sim.injectFaults('server_error', 2);
  const error = await firstPageError();
  assert.equal(error.code, 'woox_unavailable');
  assert.equal(error.kind, 'exchange_unavailable');
  assert.equal(error.retryable, true);
});

test('maintenance (-1011, code sent as a string) ends as exchange unavailable', async () => {
  sim.injectError({ status: 200, code: '-1011', message: 'The system is under maintenance.' }, 2);
  const error = await firstPageError();
  assert.equal(error.code, 'woox_unavailable');
  assert.match(error.message, /maintenance/);
});

test('an error code Perpvol does not know is passed on with its number', async () => {
  sim.injectError({ status: 400, code: -1999, message: 'Something new.' }, 1);
  const error = await firstPageError();
  assert.equal(error.code, 'woox_error');
  assert.match(error.message, /-1999/);
});

test('an answer cut off mid-body that keeps coming is malformed_response, never partial data', async () => {
  sim.injectFaults('truncated_json', 2);
  const error = await firstPageError();
  assert.equal(error.code, 'malformed_response');
  assert.equal(error.retryable, true);
});

test('an answer of the wrong shape is malformed_response', async () => {
  const text = '{"success":true,"data":{"rows":[{"id":1,"symbol":"PERP_BTC_USDT"}]}}';
  const { createServer } = await import('node:http');
  const server = createServer((_req, res) => res.end(text));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const odd = createWooxConnector({ baseUrl: `http://127.0.0.1:${port}`, credentials: { apiKey: 'k', apiSecret: 's' } }, fastOptions(() => NOW));
    await assert.rejects(new FillCollector().run(odd, NOW, 1), { code: 'malformed_response', kind: 'exchange_unavailable' });
  } finally {
    server.close();
  }
});

test('connection resets that outlast the retries end as exchange unreachable', async () => {
  sim.injectFaults('reset', 2);
  const error = await firstPageError();
  assert.equal(error.code, 'exchange_unreachable');
  assert.equal(error.retryable, true);
});

test('a read-only key is identified by its account and passes without warnings', async () => {
  const check = await connector().checkCredential(AbortSignal.timeout(10_000));
  assert.match(check.identity ?? '', /^trader.+ \(.+\)$/);
  assert.equal(check.canWithdrawOrTransfer, false);
  assert.deepEqual(check.permissions['permissions'], ['READ']);
  assert.deepEqual(check.warnings, []);
});

test('a key that can withdraw is flagged so the app can refuse it', async () => {
  const check = await connector(sim.accounts[1]!.credentials).checkCredential(AbortSignal.timeout(10_000));
  assert.equal(check.canWithdrawOrTransfer, true);
  assert.ok(check.warnings.some((warning) => /withdraw/.test(warning)));
  assert.ok(check.warnings.some((warning) => /IP/.test(warning)));
});

test('a trading key gets a warning recommending a read-only key', async () => {
  const check = await connector(sim.accounts[2]!.credentials).checkCredential(AbortSignal.timeout(10_000));
  assert.equal(check.canWithdrawOrTransfer, false);
  assert.ok(check.warnings.some((warning) => /Read permission/.test(warning)));
});

test('when WOO X will not list key permissions the check passes with a read-only recommendation', async () => {
  sim.injectError({ status: 401, code: -1002, message: 'insufficient permission' }, 1, '/v3/account/credentials');
  const check = await connector().checkCredential(AbortSignal.timeout(10_000));
  assert.notEqual(check.identity, null);
  assert.equal(check.canWithdrawOrTransfer, false);
  assert.equal(check.permissions['permissions'], null);
  assert.ok(check.warnings.some((warning) => /Read permission/.test(warning)));
});

test('checking a rejected key throws credentials_rejected', async () => {
  await assert.rejects(connector({ ...sim.accounts[0]!.credentials, apiSecret: 'wrong' }).checkCredential(AbortSignal.timeout(10_000)), {
    code: 'woox_key_rejected',
    kind: 'credentials_rejected',
  });
});
