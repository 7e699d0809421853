/**
 * Paradex credentials through the service, against the simulator and a real SQLite file: a
 * read-only token (recommended) and a subkey each add and sync exactly; the token's expiry is on the
 * account, warned about a week ahead while syncs still succeed, and an error after; a revoked token
 * says to create a new one and rotate; Paradex's own 14-day figure sits beside ours.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ExchangeId } from '../../src-main/core/exchange.ts';
import type { ConnectorContext } from '../../src-main/connectors/kit/connector.ts';
import { createParadexConnector } from '../../src-main/connectors/paradex/descriptor.ts';
import { exchanges } from '../../src-main/connectors/registry.ts';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { VolumeService } from '../../src-main/service/volume-service.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../sim/paradex/index.ts';
import type { SimTruthDay } from '../sim/simulator.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { rejectsWithCode } from '../support/rejections.ts';

const START = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400_000;

describe('Paradex credentials through the service', () => {
  let clock = START;
  let sim: ParadexSimulatorHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: Store;
  let secrets: EncryptedFileSecretStore;
  let service: VolumeService;
  let engine: SyncEngine;

  /** Our stored volume per UTC day beside the simulator's truth, in micro-dollars. */
  async function assertVolumeEqualsTruth(accountId: string, truth: Map<string, SimTruthDay>): Promise<void> {
    const rows = await store.volume.daily({ from: '2000-01-01', to: '2199-12-31', accountId, kinds: ['perpetual'] }, 'none');
    const ours = Object.fromEntries(rows.map((row) => [row.day, String(row.volumeMicros)]));
    const expected = Object.fromEntries([...truth].map(([day, totals]) => [day, String(totals.volumeMicros)]));
    assert.deepEqual(ours, expected);
  }

  before(async () => {
    sim = await startParadexSimulator({ seed: 91, accounts: 4, fillsPerAccount: 400, days: 730, now: () => clock, enforceRateLimits: false });
    dir = await makeTempDir('perpvol-paradex-');
    store = await openStore({ dataDir: dir.path });
    secrets = new EncryptedFileSecretStore({ filePath: join(dir.path, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY });
    const bus = new EventBus();
    // The connector reads the same clock as everything else, so token expiry can be walked through.
    const connectors = (exchange: ExchangeId, context: ConnectorContext) =>
      exchange === 'paradex' ? createParadexConnector(context, { clock: () => clock }) : exchanges.createConnector(exchange, context);
    engine = new SyncEngine({ store, secrets, bus, now: () => clock, createConnector: connectors });
    service = new VolumeService({ store, secrets, engine, bus, now: () => clock, createConnector: connectors });
  });
  after(async () => {
    await store.close();
    await sim.close();
    await dir.remove();
  });

  test('a read-only token adds as the recommended credential, shows its kind and expiry, keeps no signing key, and syncs two years exactly', async () => {
    const expiresAtMs = START + 60 * DAY;
    const token = sim.issueReadonlyToken(0, { expiresAtMs });
    const account = await service.addAccount({ exchange: 'paradex', label: 'PDX token', credentials: { readonlyToken: token }, baseUrl: sim.origin });
    assert.equal(account.credentialKind, 'readonly_token');
    assert.equal(account.credentialExpiresAt, new Date(expiresAtMs).toISOString());
    assert.deepEqual(account.warnings, []);
    assert.equal(account.keyHint, undefined);
    assert.deepEqual(await secrets.get(account.id), { readonlyToken: token });
    const status = await engine.syncAccount(account.id);
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    await assertVolumeEqualsTruth(account.id, sim.accounts[0]!.truth());
    // The same exchange account cannot be added twice, by token or by key.
    await rejectsWithCode(service.addAccount({ exchange: 'paradex', label: 'again', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl, allowWithdrawalPermission: true }), 'account_exists');
  });

  test('a subkey account logs in at /v1/auth/{public key}, remembers that, and syncs two years exactly', async () => {
    const account = await service.addAccount({ exchange: 'paradex', label: 'PDX subkey', credentials: sim.accounts[1]!.credentials, baseUrl: sim.baseUrl });
    assert.equal(account.credentialKind, 'subkey');
    assert.deepEqual(account.warnings, []);
    assert.equal((await store.accounts.get(account.id))!.permissions.loginPath, 'subkey');
    const before = sim.loginsByPath();
    const status = await engine.syncAccount(account.id);
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    assert.equal(sim.loginsByPath().main, before.main, 'no attempt at /v1/auth, which checks only the main key');
    await assertVolumeEqualsTruth(account.id, sim.accounts[1]!.truth());
  });

  test('the main key is refused unless the user insists, and then carries its warnings', async () => {
    const input = { exchange: 'paradex' as const, label: 'PDX main', credentials: sim.accounts[2]!.credentials, baseUrl: sim.baseUrl };
    const refused = await rejectsWithCode(service.addAccount(input), 'key_can_withdraw');
    assert.equal(refused.httpStatus, 422);
    const account = await service.addAccount({ ...input, allowWithdrawalPermission: true });
    assert.equal(account.credentialKind, 'main_key');
    assert.ok(account.warnings.some((warning) => /main private key.*read-only token/s.test(warning)));
    await service.removeAccount({ id: account.id, purge: true });
  });

  test('the token’s expiry is warned about a week ahead on the account, while syncs still succeed', async () => {
    const token = sim.issueReadonlyToken(3, { expiresAtMs: START + 20 * DAY });
    const account = await service.addAccount({ exchange: 'paradex', label: 'PDX expiring', credentials: { readonlyToken: token }, baseUrl: sim.baseUrl });
    assert.deepEqual(account.warnings, []);
    clock = START + 14 * DAY;
    try {
      // Without any sync: the account already says so.
      const seen = await service.getAccount({ id: account.id });
      assert.equal(seen.warnings.length, 1);
      assert.match(seen.warnings[0]!, /read-only token expires on 2026-12-10 12:00 UTC \(in 6 days\).*Key Management.*rotate/s);
      const status = await engine.syncAccount(account.id);
      assert.equal(status.state, 'done', 'the sync itself succeeds');
      const after = (await service.listAccounts({})).accounts.find((a) => a.id === account.id)!;
      assert.equal(after.status, 'ok');
      assert.equal(after.lastError, null);
      assert.match(after.warnings.join('\n'), /expires on 2026-12-10/);

      // Past the expiry: the sync stops with a clear error, and the account says why.
      clock = START + 21 * DAY;
      const expired = await engine.syncAccount(account.id);
      assert.equal(expired.state, 'error');
      assert.equal(expired.error?.code, 'paradex_token_expired');
      const shown = await service.getAccount({ id: account.id });
      assert.equal(shown.lastError?.code, 'paradex_token_expired');
      assert.match(shown.lastError!.message, /expired on 2026-12-10 12:00 UTC.*Add New Key.*rotate/s);
      assert.match(shown.warnings.join('\n'), /expired on 2026-12-10 12:00 UTC; this account no longer syncs/);

      // A new token of the same account, rotated in: history kept, the error and the warning gone.
      const fresh = sim.issueReadonlyToken(3, { expiresAtMs: clock + 90 * DAY });
      const rotated = await service.rotateCredentials({ id: account.id, credentials: { readonlyToken: fresh } });
      assert.equal(rotated.lastError, null);
      // The token's warnings go; those about what the account holds (fees in DIME, types kept aside) stay.
      assert.deepEqual(rotated.warnings, shown.warnings.filter((w) => !/read-only token|expired on/.test(w)));
      assert.ok(rotated.warnings.every((w) => /not counted in volume|cannot price in USD/.test(w)));
      assert.equal((await engine.syncAccount(account.id)).state, 'done');
      await assertVolumeEqualsTruth(account.id, sim.accounts[3]!.truth());
    } finally {
      clock = START;
    }
  });

  test('an expired token is refused when added, with 422 and nothing stored', async () => {
    const token = sim.issueReadonlyToken(2, { expiresAtMs: START - DAY });
    const before = (await store.accounts.list()).length;
    const error = await rejectsWithCode(service.addAccount({ exchange: 'paradex', label: 'old', credentials: { readonlyToken: token }, baseUrl: sim.baseUrl }), 'paradex_token_expired');
    assert.equal(error.httpStatus, 422);
    assert.equal((await store.accounts.list()).length, before);
  });

  test('a revoked token ends the sync in a credentials error that says to create a new token and rotate', async () => {
    const token = sim.issueReadonlyToken(2);
    const account = await service.addAccount({ exchange: 'paradex', label: 'PDX revoked', credentials: { readonlyToken: token }, baseUrl: sim.baseUrl });
    sim.revokeReadonlyToken(token);
    const status = await engine.syncAccount(account.id);
    assert.equal(status.state, 'error');
    assert.equal(status.error?.code, 'paradex_token_revoked');
    assert.match(status.error!.message, /revoked.*Read-only.*Add New Key.*rotate/s);
    assert.ok(!status.error!.message.includes(token));
    // A token of ANOTHER account cannot be rotated in: its history would be counted under this one.
    await rejectsWithCode(service.rotateCredentials({ id: account.id, credentials: { readonlyToken: sim.issueReadonlyToken(1) } }), 'credentials_other_account');
    await service.removeAccount({ id: account.id, purge: true });
  });

  test('clear 400s for Paradex credentials of neither shape, of both, or a token that cannot be one', async () => {
    const add = (credentials: Record<string, string>) => service.addAccount({ exchange: 'paradex', label: 'x', credentials, validate: false });
    const none = await rejectsWithCode(add({}), 'invalid_credentials');
    assert.equal(none.httpStatus, 400);
    assert.match(none.message, /readonlyToken.*recommended.*address.*privateKey/s);
    const both = await rejectsWithCode(add({ readonlyToken: sim.issueReadonlyToken(2), privateKey: '0xabc' }), 'invalid_credentials');
    assert.match(both.message, /either a read-only token or an address and private key, not both/);
    const spaced = await rejectsWithCode(add({ readonlyToken: 'eyJ this is not one' }), 'invalid_credentials');
    assert.match(spaced.message, /credentials\.readonlyToken: a Paradex read-only token is one long line/);
    assert.ok(!spaced.message.includes('this is not one'));
  });

  test('Paradex’s own 14-day fee-tier volume joins the reconciliation beside our sum over the same UTC days', async () => {
    const token = (await service.listAccounts({})).accounts.find((a) => a.label === 'PDX token')!;
    const result = await service.reconciliation({ accountId: token.id });
    const [account] = result.accounts;
    assert.equal(account?.reportedWindows.length, 1);
    const window = account!.reportedWindows[0]!;
    assert.equal(window.days, 14);
    assert.equal(window.to, '2026-11-20');
    assert.equal(window.from, '2026-11-07');
    assert.match(window.label, /Paradex's own 14-day volume for its fee tiers.*spot as well as perps.*sub-accounts/);
    assert.match(window.oursLabel, /perpetual-futures volume over the same 14 UTC days, 2026-11-07 to 2026-11-20/);
    assert.ok(window.reportedUsd > 0);
    assert.equal(window.differenceUsd, 0);
    assert.equal(window.oursUsd, window.reportedUsd);
  });
});
