/**
 * `npm run test:desktop` is wired as promised: not part of `npm test` (no *.test.ts file in
 * test/desktop), and on a machine without an Electron binary it says so in one line and exits 78,
 * which .ci/run reports as "desktop smoke not run here" — never as passed — before npm test, whose
 * summary then closes CI's output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { electronBinary } from '../../build/dev-preflight.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

describe('the desktop smoke test’s wiring', () => {
  it('is not part of npm test', () => {
    assert.deepEqual(readdirSync(join(REPO, 'test/desktop')).filter((name) => name.endsWith('.test.ts')), []);
    const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    assert.equal(scripts['test:desktop'], 'node --import tsx test/desktop/run-smoke.ts');
    assert.doesNotMatch(scripts['test']!, /desktop/);
  });

  it('.ci/run reports exit 78 as "not run here", fails on any other failure, and runs it before npm test, which comes last', () => {
    const ci = readFileSync(join(REPO, '.ci/run'), 'utf8');
    assert.match(ci, /78\) echo "desktop smoke not run here/);
    assert.match(ci, /\*\) echo "desktop smoke FAILED .*exit "\$desktop_status"/);
    assert.ok(ci.indexOf('npm run --silent test:desktop') < ci.indexOf('\nnpm test\n'), 'before npm test');
    assert.match(ci, /\nnpm test\n$/, 'npm test is the last command');
  });

  it('without an Electron binary: one line, exit 78', { skip: electronBinary() ? 'this machine has an Electron binary: the smoke test would run for real' : false }, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/desktop/run-smoke.ts'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(run.status, 78, run.stderr);
    assert.equal(run.stdout.trim().split('\n').length, 1);
    assert.match(run.stdout, /^desktop smoke not run: no Electron binary on this machine/);
  });
});
