import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import { simKey } from '../../sim/paradex/sim-auth.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';
import { LOGIN_DIALECTS } from './dialects.ts';
import { fastOptions } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

/** The same address as the API shows identities: 0x without leading zeros. */
const identityOf = (address: string): string => `0x${BigInt(address).toString(16)}`;

async function rejection(run: () => Promise<unknown>): Promise<PerpvolError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof PerpvolError, String(error));
    return error;
  }
  assert.fail('expected a rejection');
}

describe('Paradex login and JWT lifetime', () => {
  let sim: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 5, fillsPerAccount: 350, days: 30, now: () => NOW, maxPageSize: 100 });
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
    assert.equal([...collector.byTradeId.values()].filter((fill) => fill.kind === 'perpetual').length, expected);
  });
});

for (const dialect of LOGIN_DIALECTS) {
  describe(`Paradex login paths and key check — ${dialect.name}`, () => {
    let sim: ParadexSimulatorHandle;
    let hidden: ParadexSimulatorHandle;
    before(async () => {
      sim = await startParadexSimulator({ seed: 6, fillsPerAccount: 40, days: 5, now: () => NOW, ...dialect.options });
      hidden = await startParadexSimulator({ seed: 6, fillsPerAccount: 10, days: 5, now: () => NOW, hideAccountPublicKey: true, ...dialect.options });
    });
    after(async () => {
      await sim.close();
      await hidden.close();
    });

    const check = (handle: ParadexSimulatorHandle, credentials: Record<string, string>, facts?: Record<string, unknown>) =>
      createParadexConnector({ baseUrl: handle.baseUrl, credentials, ...(facts ? { facts } : {}) }, fastOptions(() => NOW)).checkCredential(
        AbortSignal.timeout(10_000),
      );

    it('logs a subkey in at /v1/auth/{public key} and accepts it as unable to move funds, without warnings', async () => {
      const account = sim.accounts[1]!;
      assert.equal(account.keyKind, 'subkey');
      const before = sim.loginsByPath();
      const result = await check(sim, account.credentials);
      assert.equal(sim.loginsByPath().subkey - before.subkey, 1);
      assert.equal(sim.loginsByPath().main, before.main, 'POST /v1/auth checks the main key only: a subkey never gets in there');
      assert.equal(result.identity, identityOf(account.address));
      assert.equal(result.canWithdrawOrTransfer, false);
      assert.equal(result.permissions.keyKind, 'subkey');
      assert.equal(result.permissions.loginPath, 'subkey');
      assert.equal(result.permissions.publicKey, account.subkeys[0]!.publicKey);
      assert.deepEqual(result.warnings, []);
    });

    it('accepts the second registered subkey too, and refuses a revoked one naming the signature', async () => {
      const account = sim.accounts[0]!;
      const second = { address: account.address, privateKey: account.subkeys[1]!.privateKey };
      assert.equal((await check(sim, second)).canWithdrawOrTransfer, false);
      account.revokedSubkeys.add(account.subkeys[1]!.publicKey);
      try {
        const error = await rejection(() => check(sim, second));
        assert.equal(error.code, 'paradex_invalid_signature');
        assert.equal(error.httpStatus, 422);
      } finally {
        account.revokedSubkeys.delete(account.subkeys[1]!.publicKey);
      }
    });

    it('flags the main key as able to withdraw and transfer, recommends a read-only token, and remembers how it logged in', async () => {
      const account = sim.accounts[0]!;
      assert.equal(account.keyKind, 'main');
      const result = await check(sim, account.credentials);
      assert.equal(result.identity, identityOf(account.address));
      assert.equal(result.canWithdrawOrTransfer, true);
      assert.equal(result.permissions.keyKind, 'main');
      assert.equal(result.permissions.loginPath, dialect.options.mainKeyOnSubkeyPath === 'accept' ? 'subkey' : 'main');
      assert.equal(result.warnings.length, 1);
      assert.match(result.warnings[0]!, /main private key.*withdraw and transfer.*read-only token/s);
    });

    it('tries the remembered login path first, so a sync wastes no request', async () => {
      const account = sim.accounts[0]!;
      const { loginPath } = (await check(sim, account.credentials)).permissions;
      const before = sim.stats().requests;
      const collector = new FillCollector();
      const connector = createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials, facts: { loginPath } }, fastOptions(() => NOW));
      await collector.run(connector, NOW);
      // system/config, one login, one page of busts, the list of markets (read once a day), one page of fills.
      assert.equal(sim.stats().requests - before, 5);
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(account.truth()));
    });

    it('falls back to the other path when a remembered one no longer works', async () => {
      const account = sim.accounts[1]!;
      const collector = new FillCollector();
      const connector = createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials, facts: { loginPath: 'main' } }, fastOptions(() => NOW));
      await collector.run(connector, NOW);
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(account.truth()));
    });

    it('refuses a key registered nowhere with 422 paradex_invalid_signature, after trying both paths', async () => {
      const account = sim.accounts[0]!;
      const stranger = { address: account.address, privateKey: simKey('auth-test/unregistered').privateKey };
      const error = await rejection(() => check(sim, stranger));
      assert.equal(error.code, 'paradex_invalid_signature');
      assert.equal(error.httpStatus, 422);
      assert.match(error.message, /neither the account's key nor a registered, unrevoked subkey/);
      assert.ok(!error.message.includes(stranger.privateKey.slice(2)), 'the message never carries the key');
    });

    it('treats a key it cannot classify as a main key and says so', async () => {
      const account = hidden.accounts[1]!;
      const result = await check(hidden, account.credentials);
      assert.equal(result.canWithdrawOrTransfer, true);
      assert.equal(result.permissions.keyKind, 'unknown');
      assert.match(result.warnings[0]!, /could not tell.*read-only token/s);
    });

    it('knows a key that logged in at /v1/auth is the main key even without account/info’s public_key', async () => {
      const account = hidden.accounts[0]!;
      const result = await check(hidden, account.credentials, { loginPath: 'main' });
      assert.equal(result.permissions.loginPath, 'main');
      assert.equal(result.permissions.keyKind, 'main');
    });
  });
}
