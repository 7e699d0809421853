/**
 * CI never skips: with CI=true, every suite whose service is missing — Chromium for the e2e suite,
 * Postgres for the store's second dialect (whether `npm test` cannot start it or a file runs
 * without it), the Secret Service for the keychain — fails the run; without CI=true the same run
 * skips them loudly and passes. `.ci/run` sets CI=true itself.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number | null;
  output: string;
}

/** `node --import tsx …args` from the repo root with CI and the test services taken out of the environment, then `env` laid over. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const base = { ...process.env };
  for (const name of ['CI', 'PERPVOL_TEST_PG_URL', 'PERPVOL_TEST_CHROMIUM', 'PERPVOL_TEST_POSTGRES_ROOT', 'NODE_TEST_CONTEXT']) delete base[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const testFile = (file: string, env: NodeJS.ProcessEnv) => run(['--test', '--test-reporter=spec', file], env);

describe('CI never skips', () => {
  test('every e2e suite with Chromium missing fails under CI=true, and is skipped loudly otherwise', async () => {
    const missing = { PERPVOL_TEST_CHROMIUM: '/nonexistent/chromium' };
    const e2eFiles = readdirSync(join(REPO, 'test/e2e')).filter((name) => name.endsWith('.test.ts'));
    assert.ok(e2eFiles.length >= 4, `browser suites found: ${e2eFiles.join(', ')}`);
    for (const name of e2eFiles) {
      const ci = await testFile(`test/e2e/${name}`, { ...missing, CI: 'true' });
      assert.notEqual(ci.code, 0, `${name}: ${ci.output}`);
      assert.match(ci.output, /Chromium is missing: \/nonexistent\/chromium does not exist/, name);
    }
    const local = await testFile('test/e2e/dashboard.test.ts', missing);
    assert.equal(local.code, 0, local.output);
    assert.match(local.output, /SKIPPED — Chromium is missing/);
  });

  test('a Postgres-backed suite run without Postgres fails under CI=true, and is skipped otherwise', async () => {
    const ci = await testFile('test/store/postgres-store.test.ts', { CI: 'true' });
    assert.notEqual(ci.code, 0, ci.output);
    assert.match(ci.output, /Postgres is missing/);
    const local = await testFile('test/store/postgres-store.test.ts', {});
    assert.equal(local.code, 0, local.output);
    assert.match(local.output, /skipped [1-9]/);
  });

  test('the keychain suite without a Secret Service fails under CI=true, and is skipped otherwise', async () => {
    // No dbus-daemon or gnome-keyring on this PATH: the suite's private Secret Service cannot start.
    const noDbus = { PATH: '/nonexistent' };
    const ci = await testFile('test/secrets/keychain-secret-store.test.ts', { ...noDbus, CI: 'true' });
    assert.notEqual(ci.code, 0, ci.output);
    assert.match(ci.output, /Secret Service is missing/);
    const local = await testFile('test/secrets/keychain-secret-store.test.ts', noDbus);
    assert.equal(local.code, 0, local.output);
    assert.match(local.output, /NO SECRET SERVICE/);
  });

  test('npm test fails at once under CI=true when it cannot start Postgres, and warns and goes on otherwise', async () => {
    const noPostgres = { PERPVOL_TEST_POSTGRES_ROOT: '/nonexistent/postgresql' };
    const ci = await run(['test/run-all.ts', 'test/build/dependencies.test.ts'], { ...noPostgres, CI: 'true' });
    assert.equal(ci.code, 1, ci.output);
    assert.match(ci.output, /Postgres could not start and CI=true, so the run fails/);
    const local = await run(['test/run-all.ts', 'test/build/dependencies.test.ts'], noPostgres);
    assert.equal(local.code, 0, local.output);
    assert.match(local.output, /WARNING: Postgres could not start/);
  });

  test('.ci/run sets CI=true itself, before it runs the tests', () => {
    const script = readFileSync(`${REPO}.ci/run`, 'utf8').split('\n');
    const exported = script.findIndex((line) => /^export CI=true$/.test(line.trim()));
    const tests = script.findIndex((line) => line.trim() === 'npm test');
    assert.ok(exported >= 0, '.ci/run exports CI=true');
    assert.ok(tests > exported, 'before npm test');
  });
});
