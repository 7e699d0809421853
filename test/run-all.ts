/**
 * `npm test`: starts the services the suites need (a private Postgres server, …), runs every
 * test/**\/*.test.ts file (or those named on the command line) with node's test runner, three files
 * at a time, the longest first, forwards its exit code and always stops the services, also on Ctrl-C.
 *
 *   npm test                               # everything
 *   npm test -- test/store                 # a folder
 *   npm test -- test/store/sqlite-store.test.ts
 *   npm test -- --test-name-pattern="disk" test/store
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_PG_URL_ENV, startPostgres } from './support/postgres.ts';
import { underCi } from './support/required-service.ts';
import { ensureRendererBuilt } from './e2e/support/chromium-session.ts';

const TEST_ROOT = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = resolve(TEST_ROOT, '..');
const IS_CI = underCi();
/** node's test runner over the files in the order given (support/run-test-files.ts). */
const RUNNER = join(TEST_ROOT, 'support', 'run-test-files.ts');

interface RunningService {
  stop(): Promise<void>;
}

/**
 * HOOK POINT — the services started before the tests and stopped after them, in order. Each puts
 * what the tests need into the environment. A service that cannot start prints a LOUD warning
 * (the tests depending on it skip, loudly) unless CI=true, where it fails the run at once. Suites
 * that find their own service missing (Chromium, the keychain's Secret Service) fail under CI=true
 * too (support/required-service.ts).
 */
interface TestService {
  name: string;
  start(env: NodeJS.ProcessEnv): Promise<RunningService>;
}

const SERVICES: TestService[] = [
  {
    name: 'Postgres',
    async start(env) {
      if (env[TEST_PG_URL_ENV]) return { stop: async () => {} }; // a server given from outside
      const server = await startPostgres();
      env[TEST_PG_URL_ENV] = server.url;
      return server;
    },
  },
];

function loud(message: string): void {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n${message}\n${bar}\n`);
}

/**
 * Seconds each file took in a recent full run (test/support/test-durations.json, refreshed with
 * `PERPVOL_TEST_DURATIONS_OUT=test/support/test-durations.json npm test`). The longest files start
 * first so that neither core sits idle at the end waiting for one long file; a file not
 * listed yet counts as a few seconds.
 */
const DURATIONS_FILE = join(TEST_ROOT, 'support', 'test-durations.json');
const UNLISTED_FILE_SECONDS = 5;

function longestFirst(files: string[]): string[] {
  let seconds: Record<string, number> = {};
  try {
    seconds = JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>;
  } catch {
    // no table: name order, as node --test would run them
  }
  const of = (file: string): number => seconds[file] ?? UNLISTED_FILE_SECONDS;
  return [...files].sort((a, b) => of(b) - of(a) || (a < b ? -1 : a > b ? 1 : 0));
}

function testFiles(path: string): string[] {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .flatMap((entry) => (entry.isDirectory() || entry.name.endsWith('.test.ts') ? testFiles(join(path, entry.name)) : []));
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // `--something` is passed on to node's test runner (e.g. --test-name-pattern=…); the rest are paths
  const runnerOptions = args.filter((a) => a.startsWith('-'));
  const targets = args.filter((a) => !a.startsWith('-'));
  const files = (targets.length > 0 ? targets.map((t) => resolve(t)) : [TEST_ROOT])
    .flatMap(testFiles)
    .map((file) => relative(REPO_ROOT, file))
    .sort();
  const ordered = longestFirst(files);
  if (files.length === 0) {
    console.error(`no test files found in ${targets.join(' ') || 'test/'}`);
    return 1;
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  const running: RunningService[] = [];
  const stopAll = async () => {
    for (const service of running.splice(0).reverse()) await service.stop().catch((e: unknown) => console.error('stopping a test service failed:', e));
  };
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    for (const service of SERVICES) {
      try {
        running.push(await service.start(env));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (IS_CI) {
          loud(`${service.name} could not start and CI=true, so the run fails:\n${reason}`);
          return 1;
        }
        loud(`WARNING: ${service.name} could not start; the tests that need it will be SKIPPED.\n${reason}`);
      }
      if (interrupted) return 130;
    }
    // The browser suites run side by side: the dashboard they serve is built once here, not by each at once.
    if (ordered.some((file) => file.startsWith(`test${sep}e2e${sep}`))) ensureRendererBuilt();
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...runnerOptions, ...ordered], { cwd: REPO_ROOT, env, stdio: 'inherit' });
    // Ctrl-C reaches the child through the terminal too; we only wait for it, then clean up
    return await new Promise<number>((resolveExit) => {
      child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 128 + 2 : 1)));
    });
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

process.exitCode = await main();
