/**
 * `npm test`: starts the services the suites need (a private Postgres server, …), runs every
 * test/**\/*.test.ts file (or those named on the command line) with node's test runner, forwards
 * its exit code and always stops the services, also on Ctrl-C.
 *
 *   npm test                               # everything
 *   npm test -- test/store                 # a folder
 *   npm test -- test/store/sqlite-store.test.ts
 *   npm test -- --test-name-pattern="disk" test/store
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_PG_URL_ENV, startPostgres } from './support/postgres.ts';
import { underCi } from './support/required-service.ts';

const TEST_ROOT = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = resolve(TEST_ROOT, '..');
const IS_CI = underCi();

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
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...runnerOptions, ...files],
      { cwd: REPO_ROOT, env, stdio: 'inherit' },
    );
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
