import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';
import { fastOptions } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400_000;

async function rejection(run: () => Promise<unknown>, token: string): Promise<PerpvolError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof PerpvolError, String(error));
    assert.ok(!error.message.includes(token), 'an error never repeats the token');
    return error;
  }
  assert.fail('expected a rejection');
}

describe('Paradex read-only tokens', () => {
  let sim: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 31, fillsPerAccount: 600, days: 60, now: () => NOW, maxPageSize: 100 });
  });
  after(() => sim.close());

  const connectorFor = (token: string, clock = () => NOW) =>
    createParadexConnector({ baseUrl: sim.baseUrl, credentials: { readonlyToken: token } }, fastOptions(clock));

  it('identifies the account through /v1/account/info, cannot move funds, and reads the token’s expiry', async () => {
    const expiresAtMs = NOW + 45 * DAY;
    const token = sim.issueReadonlyToken(1, { expiresAtMs });
    const check = await connectorFor(token).checkCredential(AbortSignal.timeout(10_000));
    assert.equal(check.identity, `0x${BigInt(sim.accounts[1]!.address).toString(16)}`);
    assert.equal(check.canWithdrawOrTransfer, false);
    assert.equal(check.permissions.keyKind, 'readonly_token');
    assert.equal(check.permissions.canTrade, false);
    assert.equal(check.permissions.credentialExpiresAt, Math.floor(expiresAtMs / 1000) * 1000);
    assert.deepEqual(check.warnings, []);
    assert.ok(!JSON.stringify(check).includes(token), 'the check keeps nothing of the token');
  });

  it('syncs the account exactly without ever logging in or signing anything', async () => {
    const token = sim.issueReadonlyToken(0);
    const logins = sim.logins();
    const collector = new FillCollector();
    await collector.run(connectorFor(token), NOW);
    assert.ok(collector.pages.length > 3);
    assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
    assert.equal(sim.logins(), logins);
  });

  it('accepts an opaque (non-JWT) token, and says its expiry cannot be read', async () => {
    const token = sim.issueReadonlyToken(0, { opaque: true });
    const check = await connectorFor(token).checkCredential(AbortSignal.timeout(10_000));
    assert.equal(check.permissions.credentialExpiresAt, null);
    assert.match(check.warnings[0]!, /cannot read when this Paradex read-only token expires/);
  });

  it('refuses an expired token before sending anything, saying to create a new one and rotate', async () => {
    const token = sim.issueReadonlyToken(0, { expiresAtMs: NOW - DAY });
    const requests = sim.stats().requests;
    const error = await rejection(() => connectorFor(token).checkCredential(AbortSignal.timeout(10_000)), token);
    assert.equal(error.code, 'paradex_token_expired');
    assert.equal(error.httpStatus, 422);
    assert.match(error.message, /expired on 2026-11-19 12:00 UTC.*Read-only.*Add New Key.*rotate/s);
    assert.equal(sim.stats().requests, requests);
  });

  it('stops a sync with the expiry error once the token’s time is up, without a 401 round', async () => {
    let clock = NOW;
    const token = sim.issueReadonlyToken(1, { expiresAtMs: NOW + DAY });
    const connector = connectorFor(token, () => clock);
    const collector = new FillCollector();
    await collector.run(connector, NOW, 1);
    clock = NOW + DAY + 1;
    const error = await rejection(() => collector.run(connector, NOW), token);
    assert.equal(error.code, 'paradex_token_expired');
  });

  it('answers a revoked token with a credentials error naming revocation, after one request and no retry', async () => {
    const token = sim.issueReadonlyToken(1);
    sim.revokeReadonlyToken(token);
    const requests = sim.stats().requests;
    const error = await rejection(() => new FillCollector().run(connectorFor(token), NOW), token);
    assert.equal(error.code, 'paradex_token_revoked');
    assert.equal(error.kind, 'credentials_rejected');
    assert.match(error.message, /revoked.*Read-only.*replace this account's key/s);
    assert.equal(sim.stats().requests - requests, 1);
  });

  it('refuses what cannot be a token, and a token given together with a private key, before any request', () => {
    const thrown = (credentials: Record<string, string>): PerpvolError => {
      try {
        createParadexConnector({ baseUrl: sim.baseUrl, credentials });
      } catch (error) {
        return error as PerpvolError;
      }
      assert.fail('expected a failure');
    };
    const pasted = 'eyJhbGciOi JIUzI1NiJ9 broken';
    const bad = thrown({ readonlyToken: pasted });
    assert.equal(bad.code, 'paradex_invalid_token');
    assert.ok(!bad.message.includes(pasted));
    assert.equal(thrown({ readonlyToken: sim.issueReadonlyToken(0), privateKey: '0x1' }).code, 'paradex_credentials_ambiguous');
    assert.equal(thrown({}).code, 'paradex_missing_credentials');
  });

  it('takes a token pasted with "Bearer " in front or surrounding whitespace', async () => {
    const token = sim.issueReadonlyToken(1);
    const check = await connectorFor(`  Bearer ${token}\n`).checkCredential(AbortSignal.timeout(10_000));
    assert.equal(check.permissions.keyKind, 'readonly_token');
  });
});
