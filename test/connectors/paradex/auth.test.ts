import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createParadexConnector } from '../../../src-main/connectors/paradex/connector.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { FillCollector } from '../fill-collector.ts';
import { fastOptions } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

describe('Paradex login and JWT lifetime', () => {
  let sim: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 5, fillsPerAccount: 350, days: 30, now: () => NOW });
  });
  after(() => sim.close());

  it('logs in once and reuses the JWT for every page within three minutes', async () => {
    const before = sim.logins();
    const connector = createParadexConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[1]!.credentials }, fastOptions(() => NOW));
    const collector = new FillCollector();
    await collector.run(connector, NOW);
    assert.ok(collector.pages.length >= 4, `expected several pages, got ${collector.pages.length}`);
    assert.equal(sim.logins() - before, 1);
  });

  it('logs in again once the JWT is three minutes old, before Paradex would expire it', async () => {
    let clock = NOW;
    const connector = createParadexConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, fastOptions(() => clock));
    const collector = new FillCollector();
    const start = sim.logins();
    await collector.run(connector, NOW, 1);
    clock += 2 * 60_000 + 59_000;
    await collector.run(connector, NOW, 1);
    assert.equal(sim.logins() - start, 1, 'a 2m59s-old token is still used');
    clock += 2_000;
    await collector.run(connector, NOW, 1);
    assert.equal(sim.logins() - start, 2, 'a 3m01s-old token is replaced');
  });

  it('logs in again once and carries on when Paradex answers 401 for an expired token', async () => {
    const connector = createParadexConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, fastOptions(() => NOW));
    const collector = new FillCollector();
    const start = sim.logins();
    await collector.run(connector, NOW, 1);
    // Our clock says the token is fresh; Paradex's says it expired (5 minutes): a 401 comes back.
    sim.advanceClock(6 * 60_000);
    try {
      await collector.run(connector, NOW);
    } finally {
      sim.advanceClock(-6 * 60_000);
    }
    assert.equal(sim.logins() - start, 2);
    assert.equal(collector.pages.at(-1)!.progress, 1);
    const expected = [...sim.accounts[0]!.truth().values()].reduce((sum, day) => sum + day.trades, 0);
    assert.equal(collector.byTradeId.size, expected);
  });
});

describe('Paradex credential check', () => {
  let sim: ParadexSimulatorHandle;
  let hidden: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 6, fillsPerAccount: 10, days: 5, now: () => NOW });
    hidden = await startParadexSimulator({ seed: 6, fillsPerAccount: 10, days: 5, now: () => NOW, hideAccountPublicKey: true });
  });
  after(async () => {
    await sim.close();
    await hidden.close();
  });

  it('flags the main key as able to withdraw and transfer, and recommends a subkey', async () => {
    const account = sim.accounts[0]!;
    assert.equal(account.keyKind, 'main');
    const check = await createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials }, fastOptions(() => NOW)).checkCredential(
      AbortSignal.timeout(10_000),
    );
    assert.equal(check.identity, account.address);
    assert.equal(check.canWithdrawOrTransfer, true);
    assert.equal(check.permissions.keyKind, 'main');
    assert.equal(check.warnings.length, 1);
    assert.match(check.warnings[0]!, /main private key.*withdraw and transfer.*subkey/s);
  });

  it('accepts a registered subkey as unable to move funds, without warnings', async () => {
    const account = sim.accounts[1]!;
    assert.equal(account.keyKind, 'subkey');
    const check = await createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials }, fastOptions(() => NOW)).checkCredential(
      AbortSignal.timeout(10_000),
    );
    assert.equal(check.identity, account.address);
    assert.equal(check.canWithdrawOrTransfer, false);
    assert.equal(check.permissions.keyKind, 'subkey');
    assert.equal(check.permissions.publicKey, account.subkeys[0]!.publicKey);
    assert.deepEqual(check.warnings, []);
  });

  it('treats a key it cannot classify as a main key and says so', async () => {
    const account = hidden.accounts[1]!;
    const check = await createParadexConnector({ baseUrl: hidden.baseUrl, credentials: account.credentials }, fastOptions(() => NOW)).checkCredential(
      AbortSignal.timeout(10_000),
    );
    assert.equal(check.canWithdrawOrTransfer, true);
    assert.equal(check.permissions.keyKind, 'unknown');
    assert.match(check.warnings[0]!, /could not tell.*subkey/s);
  });

  it('accepts the second registered subkey too', async () => {
    const account = sim.accounts[0]!;
    const credentials = { address: account.address, privateKey: account.subkeys[1]!.privateKey };
    const check = await createParadexConnector({ baseUrl: sim.baseUrl, credentials }, fastOptions(() => NOW)).checkCredential(AbortSignal.timeout(10_000));
    assert.equal(check.canWithdrawOrTransfer, false);
  });
});
