/**
 * The Node test suites that need no service besides Node itself — no Postgres, Chromium or Secret
 * Service — for .github/workflows/desktop.yml, which runs them on macOS, Windows and Linux before
 * and after `npm run dist` to prove packaging leaves the tree working. (`npm test` on the project's
 * Debian CI runs everything, services included.)
 *
 *   node --import tsx test/desktop/node-suites.ts          # run them
 *   node --import tsx test/desktop/node-suites.ts --list   # name them
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** What a suite that needs a service mentions (its helpers or the environment they set). */
const NEEDS_A_SERVICE = /TEST_PG_URL|requireService|chromium-session|needsChromium|secret-service|startPostgres|store-suite|postgres/i;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'e2e' || entry.name === 'desktop' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

export function serviceFreeSuites(): string[] {
  return testFiles(join(REPO, 'test'))
    .filter((file) => !NEEDS_A_SERVICE.test(readFileSync(file, 'utf8')))
    .map((file) => relative(REPO, file).split('\\').join('/'))
    .sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = serviceFreeSuites();
  if (process.argv.includes('--list')) {
    console.log(files.join('\n'));
  } else {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'test/support/run-test-files.ts'), ...files], { cwd: REPO, stdio: 'inherit' });
    process.exit(run.status ?? 1);
  }
}
