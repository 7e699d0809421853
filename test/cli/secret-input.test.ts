/**
 * Secrets reach the CLI only through the environment or a hidden prompt in a terminal: a secret
 * given as a flag (`--api-secret`, `--private-key`) is refused with what to do instead, before
 * anything is stored; typed at the prompt it is never echoed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { readSecret, type SecretInputIo } from '../../src-main/cli/secret-input.ts';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { makeTempDir } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MASTER_KEY = 'secret-input test master key';
const SOURCE = { env: 'PERPVOL_API_SECRET', what: 'Bybit API secret' };

/** A fake terminal: what the user types goes in, what the program shows comes out. */
function fakeTerminal(env: NodeJS.ProcessEnv = {}) {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  const io: SecretInputIo = { env, input, output };
  return { io, type: (text: string) => input.write(text), shown: () => shown };
}

describe('readSecret', () => {
  test('takes the secret from its environment variable when set, without asking', async () => {
    const terminal = fakeTerminal({ PERPVOL_API_SECRET: '  from-env-secret \n' });
    assert.equal(await readSecret(SOURCE, terminal.io), 'from-env-secret');
    assert.equal(terminal.shown(), '');
  });

  test('in a terminal, asks with hidden typing: the prompt names the variable, the typed secret is never shown', async () => {
    const terminal = fakeTerminal();
    const answer = readSecret(SOURCE, terminal.io);
    terminal.type('typed-secret-987\r');
    assert.equal(await answer, 'typed-secret-987');
    assert.match(terminal.shown(), /Bybit API secret \(typing is hidden; or set PERPVOL_API_SECRET\)/);
    assert.ok(!terminal.shown().includes('typed-secret-987'), terminal.shown());
  });

  test('an empty answer changes nothing and says what to do', async () => {
    const terminal = fakeTerminal();
    const answer = readSecret(SOURCE, terminal.io);
    terminal.type('\r');
    await assert.rejects(answer, { code: 'secret_missing', message: /No Bybit API secret was entered; nothing was changed/ });
  });

  test('without a terminal (a script, a pipe) and without the variable, it says how to provide the secret', async () => {
    const io: SecretInputIo = { env: {}, input: new PassThrough(), output: new PassThrough() };
    await assert.rejects(readSecret(SOURCE, io), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'secret_missing');
      assert.match(error.message, /set PERPVOL_API_SECRET in the environment/);
      assert.match(error.message, /run this command in a terminal and Perpvol asks for it with hidden typing/);
      return true;
    });
  });
});

describe('perpvol accounts with secrets', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    dir = await makeTempDir('perpvol-secret-input-');
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: MASTER_KEY, PERPVOL_SECRET_STORE: 'file', PERPVOL_DATABASE_URL: '', PERPVOL_API_SECRET: '', PERPVOL_PRIVATE_KEY: '' };
  });
  after(() => dir.remove());

  const accountCount = async () => (JSON.parse((await runPerpvol(['accounts', 'list', '--json'], env)).stdout) as { accounts: unknown[] }).accounts.length;

  test('--api-secret and --private-key are refused, naming the variable and the prompt, and nothing is added', async () => {
    const cases: [string[], RegExp][] = [
      [['accounts', 'add', '--exchange', 'bybit', '--label', 'b', '--api-key', 'K1', '--api-secret', 'argv-secret-111', '--no-validate'], /--api-secret is not accepted.*PERPVOL_API_SECRET/s],
      [['accounts', 'add', '--exchange', 'paradex', '--label', 'p', '--address', '0xabc', '--private-key', 'argv-secret-111', '--no-validate'], /--private-key is not accepted.*PERPVOL_PRIVATE_KEY/s],
      [['accounts', 'rotate', 'some-id', '--api-key', 'K2', '--api-secret', 'argv-secret-111'], /--api-secret is not accepted.*PERPVOL_API_SECRET/s],
    ];
    for (const [args, message] of cases) {
      const run = await runPerpvol(args, env);
      assert.equal(run.code, 1, args.join(' '));
      assert.match(run.stderr, message);
      assert.match(run.stderr, /visible to every user of this machine \(ps\).*shell history/s);
      assert.match(run.stderr, /asks for the .* with hidden typing/);
      assert.ok(!run.stderr.includes('argv-secret-111') && !run.stdout.includes('argv-secret-111'), 'the secret is not echoed');
    }
    assert.equal(await accountCount(), 0);
    const help = await runPerpvol(['accounts', 'add', '--help'], env);
    assert.doesNotMatch(help.stdout, /--api-secret|--private-key/, 'the refused flags are not offered in --help');
  });

  test('without the variable and without a terminal, add fails saying how to give the secret', async () => {
    const run = await runPerpvol(['accounts', 'add', '--exchange', 'bybit', '--label', 'b', '--api-key', 'K1', '--no-validate'], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /The Bybit API secret is needed: set PERPVOL_API_SECRET/);
    assert.equal(await accountCount(), 0);
  });

  test('in a real terminal, add asks for the secret with hidden typing and stores what was typed', { skip: process.platform !== 'linux' && 'script(1) from util-linux' }, async () => {
    const typed = 'typed-in-a-pty-secret-456';
    // script(1) runs the command on a pseudo-terminal and passes our stdin to it as keystrokes.
    const command = `${process.execPath} bin/perpvol.mjs accounts add --exchange bybit --label tty --api-key PTYKEY0001 --no-validate --json`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdout.on('data', (chunk: Buffer) => {
      const before = screen;
      screen += chunk.toString();
      if (!before.includes('typing is hidden') && screen.includes('typing is hidden')) child.stdin.write(`${typed}\r`);
    });
    assert.equal(await exit, 0, screen);
    assert.match(screen, /Bybit API secret \(typing is hidden; or set PERPVOL_API_SECRET\):/);
    assert.ok(!screen.includes(typed), 'the typed secret never appears on the terminal');
    const id = (/"id": "([^"]+)"/.exec(screen) ?? [])[1]!;
    const stored = await new EncryptedFileSecretStore({ filePath: join(dir.path, 'secrets.enc.json'), masterKey: MASTER_KEY }).get(id);
    assert.deepEqual(stored, { apiKey: 'PTYKEY0001', apiSecret: typed });
  });
});
