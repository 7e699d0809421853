import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createWooxConnector } from '../../../src-main/connectors/woox/descriptor.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../../sim/woox/simulator.ts';
import { fastOptions } from './fast-options.ts';

const NOW = Date.UTC(2025, 5, 1, 12);
const CREDENTIALS = '/v3/account/credentials';
let sim: WooxSimulatorHandle;

before(async () => {
  // 2,400 other keys before the account's own: it is on the third page of 1,000.
  sim = await startWooxSimulator({
    seed: 4,
    fillsPerAccount: 10,
    accounts: 2,
    now: () => NOW,
    enforceRateLimits: false,
    otherKeys: 2_400,
    permissions: [['READ', 'TRADE', 'WITHDRAWAL'], ['READ']],
  });
});
after(() => sim.close());

function check(index = 0, maxAttempts = 2) {
  const connector = createWooxConnector(
    { baseUrl: sim.baseUrl, credentials: sim.accounts[index]!.credentials },
    { ...fastOptions(() => NOW, {}, maxAttempts), client: { ...fastOptions(() => NOW, {}, maxAttempts).client, timeoutMs: 300 } },
  );
  return connector.checkCredential(AbortSignal.timeout(10_000));
}

const requests = () => sim.stats().requests;

test('a key listed on the third page of the account’s keys is found, with its real permissions', async () => {
  const before = requests();
  const result = await check();
  assert.equal(requests() - before, 1 + 3, 'account info, then three pages of 1,000 keys');
  assert.deepEqual(result.permissions['permissions'], ['READ', 'TRADE', 'WITHDRAWAL']);
  assert.equal(result.canWithdrawOrTransfer, true, 'a withdrawing key hidden on page 3 is still caught');
  assert.ok(result.warnings.some((warning) => /withdraw/.test(warning)));
});

test('when the key list answers 404 the account is still identified, with a warning that permissions are unknown', async () => {
  sim.injectError({ status: 404, code: -1006, message: 'The data is not found in server.' }, 1, CREDENTIALS);
  const result = await check(1);
  assert.match(result.identity ?? '', /\(.+\)$/);
  assert.equal(result.canWithdrawOrTransfer, false);
  assert.equal(result.permissions['permissions'], null);
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0]!, /could not read this key's permissions/);
  assert.match(result.warnings[0]!, /Read permission/);
});

test('a bare 404 page from the key list (502 unexpected_answer anywhere else) still degrades to the warning', async () => {
  sim.injectFaultAt(CREDENTIALS, 'not_found', 1);
  const result = await check(1);
  assert.notEqual(result.identity, null);
  assert.equal(result.permissions['permissions'], null);
  assert.match(result.warnings[0]!, /could not read this key's permissions from WOO X \(it answered with unexpected_answer\)/);
});

test('a key-list answer of the wrong shape degrades to the warning too', async () => {
  sim.injectFaultAt(CREDENTIALS, 'wrong_shape', 1);
  const result = await check(1);
  assert.equal(result.permissions['permissions'], null);
  assert.match(result.warnings[0]!, /malformed_response/);
});

test('a refused key-list request degrades to the same warning', async () => {
  sim.injectError({ status: 400, code: -1004, message: 'An unknown parameter was sent.' }, 1, CREDENTIALS);
  const result = await check(1);
  assert.equal(result.permissions['permissions'], null);
  assert.match(result.warnings[0]!, /woox_request_refused/);
});

test('a key list that never answers degrades to a warning instead of failing the check', async () => {
  sim.injectFaultAt(CREDENTIALS, 'hang', 2);
  const result = await check(1);
  assert.notEqual(result.identity, null);
  assert.equal(result.permissions['permissions'], null);
  assert.match(result.warnings[0]!, /could not read this key's permissions/);
});

test('an account-info failure is not optional: the check fails', async () => {
  sim.injectError({ status: 401, code: -1002, message: 'API key or secret is invalid' }, 1, '/v3/account/info');
  await assert.rejects(check(1), { code: 'woox_key_rejected', kind: 'credentials_rejected' });
});
