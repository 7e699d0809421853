/**
 * A CLI write sent to the server that owns the data folder, and the server dies: right after it
 * saved the change, or before. The CLI reads the data folder back and says which — "the account
 * was added" (exit 0) or "was not added; run the command again" — and running it again then works.
 * The server is a real `perpvol serve` child, SIGKILLed at that moment (support/die-around-request.mjs).
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { makeTempDir } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';
import { spawnServe, type ServeProcess } from '../support/serve-process.ts';

const MASTER_KEY = 'lost answer test master key';
const TOKEN = 'lost-answer-token-0123456789abcdef-0123456789';
const DIE = fileURLToPath(new URL('../support/die-around-request.mjs', import.meta.url));

describe('a CLI write whose server dies', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let serving: ServeProcess | null = null;

  before(async () => {
    dir = await makeTempDir('perpvol-lost-answer-');
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: MASTER_KEY, PERPVOL_DATABASE_URL: '', DBUS_SESSION_BUS_ADDRESS: '', PERPVOL_SECRET_STORE: 'file', PERPVOL_API_TOKEN: TOKEN };
  });
  after(async () => {
    await serving?.stop();
    await dir.remove();
  });

  const serveDying = async (moment: 'before' | 'after', request: string): Promise<ServeProcess> =>
    spawnServe({ dataDir: dir.path, env: { ...env, PERPVOL_STREAMS: 'off', NODE_OPTIONS: `--import ${DIE}`, PERPVOL_TEST_DIE: `${moment} ${request}` } });

  const add = (label: string, address: string) =>
    runPerpvol(['accounts', 'add', '--exchange', 'hyperliquid', '--label', label, '--address', address, '--no-validate'], env);

  test('killed right after saving the account: the CLI says the account was added, and exits 0', async () => {
    serving = await serveDying('after', 'POST /api/v1/accounts');
    const run = await add('Desk', `0x${'1'.repeat(40)}`);
    assert.notEqual(await serving.exit, 0, 'the server was killed');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /stopped answering .* after saving the change: the Hyperliquid account "Desk" was added\./);
    assert.match(run.stdout, /added Hyperliquid account "Desk" \(id /);
    assert.doesNotMatch(run.stderr, /run the command again/);
    // and it is there: running the command again would be the duplicate
    const listed = await runPerpvol(['accounts', 'list', '--json'], env);
    assert.deepEqual((JSON.parse(listed.stdout) as { accounts: { label: string }[] }).accounts.map((a) => a.label), ['Desk']);
  });

  test('killed before saving: the CLI says the account was not added and to run the command again, which then works', async () => {
    serving = await serveDying('before', 'POST /api/v1/accounts');
    const run = await add('Second', `0x${'2'.repeat(40)}`);
    await serving.exit;
    assert.equal(run.code, 1);
    assert.match(run.stderr, /did not answer at http:\/\/\S+; the Hyperliquid account "Second" was not added\. Start it again .* and run the command again\./);
    const again = await add('Second', `0x${'2'.repeat(40)}`);
    assert.equal(again.code, 0, again.stderr);
    const listed = await runPerpvol(['accounts', 'list', '--json'], env);
    assert.deepEqual((JSON.parse(listed.stdout) as { accounts: { label: string }[] }).accounts.map((a) => a.label).sort(), ['Desk', 'Second']);
  });

  test('a removal whose answer is lost after it was done is reported as done', async () => {
    const listed = await runPerpvol(['accounts', 'list', '--json'], env);
    const id = (JSON.parse(listed.stdout) as { accounts: { id: string; label: string }[] }).accounts.find((a) => a.label === 'Second')!.id;
    serving = await serveDying('after', `DELETE /api/v1/accounts/${id}`);
    const run = await runPerpvol(['accounts', 'remove', id], env);
    await serving.exit;
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`after saving the change: account ${id} was removed\\.`));
  });
});
