/**
 * `perpvol accounts add|rotate --exchange paradex --readonly-token`: the token comes from
 * PERPVOL_READONLY_TOKEN or a hidden prompt (cli/secret-input.ts, the same as every CLI secret) —
 * never from the command line, where a value is refused with the reason — and it never shows in
 * any output.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../sim/paradex/index.ts';
import { makeTempDir } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol, type PerpvolRun } from '../support/perpvol-cli.ts';

describe('perpvol and Paradex read-only tokens', () => {
  let sim: ParadexSimulatorHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  const tokens: string[] = [];

  const clean = (run: PerpvolRun): void => {
    for (const token of tokens) assert.ok(!(run.stdout + run.stderr).includes(token), 'the token never shows in the output');
  };

  before(async () => {
    sim = await startParadexSimulator({ seed: 71, accounts: 2, fillsPerAccount: 200, days: 60, enforceRateLimits: false });
    dir = await makeTempDir('perpvol-cli-paradex-');
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: 'cli paradex master key', PERPVOL_DATABASE_URL: '', DBUS_SESSION_BUS_ADDRESS: '', PERPVOL_SECRET_STORE: '', PERPVOL_READONLY_TOKEN: '' };
  });
  after(async () => {
    await sim.close();
    await dir.remove();
  });

  test('refuses a token written on the command line, says why, and changes nothing', async () => {
    const token = sim.issueReadonlyToken(0);
    tokens.push(token);
    for (const args of [['--readonly-token', token], [`--readonly-token=${token}`]]) {
      const run = await runPerpvol(['accounts', 'add', '--exchange', 'paradex', '--label', 'argv', ...args, '--base-url', sim.origin], env);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /--readonly-token takes no value: .*shell history.*PERPVOL_READONLY_TOKEN.*revoke it at the exchange and create a new one/s);
      clean(run);
    }
    const listed = await runPerpvol(['accounts', 'list', '--json'], env);
    assert.deepEqual((JSON.parse(listed.stdout) as { accounts: unknown[] }).accounts, []);
  });

  test('adds the account with the token from PERPVOL_READONLY_TOKEN, syncs it, and shows the token’s kind and expiry', async () => {
    const token = sim.issueReadonlyToken(0);
    tokens.push(token);
    const added = await runPerpvol(['accounts', 'add', '--exchange', 'paradex', '--label', 'PDX', '--readonly-token', '--base-url', sim.origin, '--json'], {
      ...env,
      PERPVOL_READONLY_TOKEN: token,
    });
    assert.equal(added.code, 0, added.stderr);
    const account = JSON.parse(added.stdout) as { id: string; credentialKind: string; credentialExpiresAt: string };
    assert.equal(account.credentialKind, 'readonly_token');
    assert.ok(Date.parse(account.credentialExpiresAt) > Date.now());
    clean(added);
    const synced = await runPerpvol(['sync'], env);
    assert.equal(synced.code, 0, synced.stdout + synced.stderr);
    clean(synced);
  });

  test('rotates to a new token from PERPVOL_READONLY_TOKEN; one piped in is not read (secrets come from the environment or a terminal)', async () => {
    const listed = JSON.parse((await runPerpvol(['accounts', 'list', '--json'], env)).stdout) as { accounts: { id: string }[] };
    const token = sim.issueReadonlyToken(0);
    tokens.push(token);
    const piped = await runPerpvol(['accounts', 'rotate', listed.accounts[0]!.id, '--readonly-token'], env, `${token}\n`);
    assert.equal(piped.code, 1);
    assert.match(piped.stderr, /The Paradex read-only token is needed: set PERPVOL_READONLY_TOKEN/);
    const rotated = await runPerpvol(['accounts', 'rotate', listed.accounts[0]!.id, '--readonly-token'], { ...env, PERPVOL_READONLY_TOKEN: token });
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /^replaced the key of Paradex account "PDX"/m);
    clean(rotated);
  });

  test('says where the token may come from when none is given', async () => {
    const run = await runPerpvol(['accounts', 'add', '--exchange', 'paradex', '--label', 'none', '--readonly-token', '--base-url', sim.origin], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /The Paradex read-only token is needed: set PERPVOL_READONLY_TOKEN in the environment .*or run this command in a terminal and Perpvol asks for it with hidden typing/);
  });
});
