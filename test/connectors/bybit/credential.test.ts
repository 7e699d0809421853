import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createBybitConnector } from '../../../src-main/connectors/bybit/descriptor.ts';
import { exchanges } from '../../../src-main/connectors/registry.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../../sim/bybit/simulator.ts';
import { NOW, unpaced } from './helpers.ts';

let sim: BybitSimulatorHandle;
before(async () => {
  sim = await startBybitSimulator({ seed: 5, fillsPerAccount: 10, now: () => NOW });
});
after(() => sim.close());

const check = (credentials: Record<string, string>) =>
  createBybitConnector({ baseUrl: sim.baseUrl, credentials }, { limiter: unpaced() }).checkCredential(AbortSignal.timeout(10_000));

test('a read-only key is identified by its UID and raises no warnings', async () => {
  const result = await check(sim.accounts[0]!.credentials);
  assert.equal(result.identity, String(sim.accounts[0]!.uid));
  assert.equal(result.canWithdrawOrTransfer, false);
  assert.deepEqual(result.warnings, []);
  assert.equal(result.permissions['readOnly'], true);
  assert.deepEqual((result.permissions['permissions'] as Record<string, string[]>)['ContractTrade'], ['Order', 'Position']);
});

test('a key that can withdraw is detected and the user is told to use a read-only key', async () => {
  const result = await check(sim.accounts[1]!.credentials);
  assert.equal(result.identity, String(sim.accounts[1]!.uid));
  assert.equal(result.canWithdrawOrTransfer, true);
  assert.equal(result.permissions['readOnly'], false);
  assert.ok(result.warnings.some((w) => /can withdraw funds \(AccountTransfer, SubMemberTransfer, Withdraw\)/.test(w)));
  assert.ok(result.warnings.some((w) => /not read-only/.test(w)));
});

test('a key that can only transfer between accounts also counts as moving funds', async () => {
  const credentials = sim.addKey(0, { permissions: { ContractTrade: ['Order'], Wallet: ['AccountTransfer'] } });
  const result = await check(credentials);
  assert.equal(result.canWithdrawOrTransfer, true);
  assert.ok(result.warnings.some((w) => /can transfer funds/.test(w)));
});

test('a key about to expire carries a warning with the days left', async () => {
  const credentials = sim.addKey(0, { deadlineDay: 5 });
  const result = await check(credentials);
  assert.ok(result.warnings.some((w) => /expires in 5 days/.test(w)));
});

test('a rejected key throws the mapped error instead of returning a result', async () => {
  await assert.rejects(check({ apiKey: 'unknown', apiSecret: 'x' }), { code: 'invalid_api_key', kind: 'credentials_rejected' });
});

test('the registry builds the Bybit connector', () => {
  const connector = exchanges.createConnector('bybit', { baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials });
  assert.equal(connector.exchange, 'bybit');
});
