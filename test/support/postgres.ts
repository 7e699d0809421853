/**
 * A throwaway Postgres server for the test run, and a fresh database per test file.
 *
 * The server is Debian's postgres (binaries under /usr/lib/postgresql/<version>/bin), started on a
 * free loopback port with its data and socket in a private temp dir, trust auth on loopback only.
 * Postgres refuses to run as root, so when we are root the data dir is handed to the `postgres`
 * OS user and every binary runs through `runuser`.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const TEST_PG_URL_ENV = 'PERPVOL_TEST_PG_URL';
const STARTUP_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/** The newest installed server's bin dir, or null when Postgres is not installed. */
export function findPostgresBinDir(): string | null {
  // PERPVOL_TEST_POSTGRES_ROOT lets a test pretend Postgres is not installed (CI must then fail).
  const root = process.env.PERPVOL_TEST_POSTGRES_ROOT || '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs as the `postgres` OS user when we are root (Postgres will not run as root). */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  const isRoot = process.getuid?.() === 0;
  return isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

function giveToServerUser(path: string): void {
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(path, uid, gid);
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${STARTUP_TIMEOUT_MS} ms:\n${log()}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function signalPostmaster(dataDir: string, child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) {
      process.kill(pid, signal);
      return;
    }
  } catch {
    // not started far enough to write its pid file
  }
  child.kill(signal);
}

export async function startPostgres(): Promise<RunningPostgres> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error('Postgres is not installed (no /usr/lib/postgresql/*/bin/postgres)');
  const root = mkdtempSync(join(tmpdir(), 'perpvol-pg-'));
  giveToServerUser(root);
  const dataDir = join(root, 'data');
  const [initCmd, initArgs] = asServerUser(join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });

  const port = await freePort();
  const [cmd, args] = asServerUser(join(binDir, 'postgres'), [
    '-D', dataDir,
    '-p', String(port),
    '-k', root, // the unix socket lives in our private dir, not /var/run/postgresql
    '-c', 'listen_addresses=127.0.0.1',
    // a test server: durability is not wanted, speed is
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'max_connections=200',
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // SIGINT is Postgres's "fast shutdown"; signal the postmaster itself (runuser does not
      // forward SIGINT), whose pid is the first line of postmaster.pid
      signalPostmaster(dataDir, child, 'SIGINT');
      const timer = setTimeout(() => signalPostmaster(dataDir, child, 'SIGKILL'), SHUTDOWN_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(root, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/**
 * A fresh, empty database on the test server named in PERPVOL_TEST_PG_URL, or null when no test
 * server is available (the caller then skips its Postgres tests, loudly).
 */
export async function testDatabaseUrl(name: string): Promise<string | null> {
  const serverUrl = process.env[TEST_PG_URL_ENV];
  if (!serverUrl) return null;
  const safe = name.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40);
  const database = `${safe}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export const POSTGRES_UNAVAILABLE_MESSAGE =
  `Postgres is not available (${TEST_PG_URL_ENV} is unset): the Postgres variant of this suite is SKIPPED. ` +
  'Run the suite through `npm test`, which starts a private Postgres server.';
