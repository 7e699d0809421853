/**
 * A label is printed in terminals, so it may not carry control characters: REST, the service (what
 * IPC calls) and the CLI refuse them with a clear 400 / message. And a label stored before that
 * rule (or any text from outside) is shown escaped in every terminal output — never as a raw ESC
 * sequence that could rewrite the user's screen.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { createPerpvolCore } from '../../src-main/service/core-runtime.ts';
import { escapeControl, terminalText } from '../../src-main/cli/terminal-text.ts';
import { makeTempDir } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';

const MASTER_KEY = 'control characters test master key';
const ADDRESS = `0x${'7'.repeat(40)}`;
/** What someone with the token might try: clear the screen, colour, a fake second line, a NUL, DEL, C1 CSI. */
const HOSTILE_LABELS = ['\x1b[2J\x1b[HPWNED', 'Desk\x1b]0;title\x07', 'line one\nline two', 'nul\x00here', 'del\x7f', 'c1\u009b31m', 'tab\there', 'cr\roverwrite'];
/** Any raw control character but the newline and tab the CLI's own layout uses. */
const RAW_CONTROL = /[^\P{Cc}\n\t]/u;

describe('labels with control characters', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('REST refuses each with 400 invalid_input naming the label field and the reason', async () => {
    for (const label of HOSTILE_LABELS) {
      const answer = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'hyperliquid', label, credentials: { address: ADDRESS }, validate: false } });
      assert.equal(answer.status, 400, JSON.stringify(label));
      assert.equal(answer.json.error.code, 'invalid_input');
      assert.match(answer.json.error.message, /`label`.*control character/);
    }
    const listed = await server.call('GET', '/api/v1/accounts');
    assert.deepEqual(listed.json.accounts, []);
  });

  test('ordinary labels, accents and emoji included, are still accepted', async () => {
    for (const label of ['Main desk', 'Büro – Ünter', '主账户 🚀', 'a "quoted" (label)']) {
      const answer = await server.call('POST', '/api/v1/accounts', {
        body: { exchange: 'hyperliquid', label, credentials: { address: `0x${String(label.length).padStart(40, '1')}` }, validate: false },
      });
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.json.label, label);
      await server.call('DELETE', `/api/v1/accounts/${answer.json.id}?purge=true`);
    }
  });

  test('the service itself (what IPC calls) refuses them too', async () => {
    const dir = await makeTempDir('perpvol-labels-');
    const core = await createPerpvolCore({ dataDir: dir.path, env: { PERPVOL_MASTER_KEY: MASTER_KEY, PERPVOL_SECRET_STORE: 'file' } });
    try {
      for (const label of HOSTILE_LABELS) {
        const error = await core.service.addAccount({ exchange: 'hyperliquid', label, credentials: { address: ADDRESS }, validate: false }).catch((e: unknown) => e);
        assert.ok(error instanceof PerpvolError && error.code === 'invalid_input', String(error));
        assert.match(error.message, /label: .*control character/);
      }
    } finally {
      await core.close();
      await dir.remove();
    }
  });
});

describe('terminal output of labels stored before the rule', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  const stored = '\x1b[31mRED\x1b[0m\nfake line\u009b2J';

  before(async () => {
    dir = await makeTempDir('perpvol-labels-');
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: MASTER_KEY, PERPVOL_DATABASE_URL: '', DBUS_SESSION_BUS_ADDRESS: '', PERPVOL_SECRET_STORE: 'file' };
    const added = await runPerpvol(['accounts', 'add', '--exchange', 'hyperliquid', '--label', 'Plain', '--address', ADDRESS, '--no-validate', '--json'], env);
    assert.equal(added.code, 0, added.stderr);
    // what an older Perpvol let in: written straight into the database
    const db = new BetterSqlite3(join(dir.path, 'perpvol.sqlite'));
    db.prepare('UPDATE accounts SET label = ?').run(stored);
    db.close();
  });
  after(() => dir.remove());

  test('the CLI refuses a control character in --label with a message and exit 1', async () => {
    const run = await runPerpvol(['accounts', 'add', '--exchange', 'hyperliquid', '--label', 'x\x1b[2Jy', '--address', `0x${'8'.repeat(40)}`, '--no-validate'], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /label: .*control character/);
    assert.doesNotMatch(run.stderr + run.stdout, RAW_CONTROL);
  });

  test('accounts list, volume summary and doctor print the stored label escaped, on one line', async () => {
    for (const args of [['accounts', 'list'], ['volume', 'summary'], ['doctor'], ['accounts', 'list', '--json'], ['volume', 'summary', '--json']]) {
      const run = await runPerpvol(args, env);
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      assert.doesNotMatch(run.stdout + run.stderr, RAW_CONTROL, args.join(' '));
      assert.doesNotMatch(run.stdout, /^fake line/m, `${args.join(' ')}: the label's newline did not start a line of its own`);
    }
    const list = await runPerpvol(['accounts', 'list'], env);
    assert.ok(list.stdout.includes('\\e[31mRED\\e[0m\\nfake line\\x9B2J'), list.stdout);
    const json = await runPerpvol(['accounts', 'list', '--json'], env);
    assert.equal((JSON.parse(json.stdout) as { accounts: { label: string }[] }).accounts[0]!.label, stored, 'JSON keeps the label exact, in escapes');
  });
});

describe('escapeControl and terminalText', () => {
  test('every C0, DEL and C1 character becomes a visible escape; printable text is untouched', () => {
    assert.equal(escapeControl('a\x1b[2Jb\nc\td\x00e\x7ff\u0085g\u009b'), 'a\\e[2Jb\\nc\\td\\x00e\\x7Ff\\x85g\\x9B');
    assert.equal(escapeControl('Büro 主账户 🚀 \u00a0'), 'Büro 主账户 🚀 \u00a0');
    assert.equal(terminalText('row one\n\tindented \x1b[1mbold\r\n'), 'row one\n\tindented \\e[1mbold\\r\n');
  });
});
