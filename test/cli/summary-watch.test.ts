/**
 * `perpvol volume summary --watch --json`, run as a user runs it, beside whoever owns the folder:
 * - a running `perpvol serve`: found through the folder's owner record and token file, its event
 *   stream followed — a fill traded on the exchange is printed without any sync being asked for;
 * - the desktop app (no REST API to follow): the database is read at intervals, and a change the
 *   owner writes is printed.
 * Ctrl-C (SIGINT) ends it with status 0.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Summary } from '../../src-shared/schemas.ts';
import { takeLease } from '../../src-main/lease/owner-lease.ts';
import { createPerpvolCore } from '../../src-main/service/core-runtime.ts';
import { remoteSummarySource, watchSummary } from '../../src-main/cli/summary-watch.ts';
import { startServer } from '../../src-main/server/start.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { makeTempDir, sumTruth, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { eventually } from '../sync/live/live-rig.ts';
import { spawnServe } from '../support/serve-process.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/perpvol.mjs', import.meta.url));

interface Watching {
  child: ChildProcess;
  printed: Summary[];
  stderr(): string;
  exit: Promise<number | null>;
}

function watch(env: NodeJS.ProcessEnv): Watching {
  const child = spawn(process.execPath, [BIN, 'volume', 'summary', '--watch', '--json'], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const printed: Summary[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    for (let end = stdout.indexOf('\n'); end >= 0; end = stdout.indexOf('\n')) {
      printed.push(JSON.parse(stdout.slice(0, end)) as Summary);
      stdout = stdout.slice(end + 1);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, printed, stderr: () => stderr, exit };
}

const trades = (summary: Summary | undefined): number => summary?.allTime.trades ?? -1;

describe('perpvol volume summary --watch', () => {
  let sim: HyperliquidSimulatorHandle;
  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 43, accounts: 2, fillsPerAccount: 40, days: 5, enforceRateLimits: false });
  });
  after(() => sim.close());

  test('beside perpvol serve: follows its live updates, found through the owner record and token file', async () => {
    const dir = await makeTempDir('perpvol-watch-server-');
    // no PERPVOL_API_TOKEN anywhere: the watcher must find the server's token file through the owner record
    const env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '', PERPVOL_API_TOKEN: '' };
    const server = await spawnServe({ dataDir: dir.path, env });
    let watcher: Watching | null = null;
    try {
      const token = readFileSync(join(dir.path, 'api-token'), 'utf8').trim();
      const added = await fetch(`${server.url}/api/v1/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ exchange: 'hyperliquid', label: 'watched', credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl }),
      });
      assert.equal(added.status, 201);
      const { id } = (await added.json()) as { id: string };
      await eventually('live and synced', async () => {
        const account = (await (await fetch(`${server.url}/api/v1/accounts/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { live?: { state: string }; status: string };
        return account.live?.state === 'live' && account.status === 'ok';
      });

      watcher = watch(env);
      const before = sumTruth(sim.accounts[0]!.truth()).trades;
      await eventually('the first summary', () => trades(watcher!.printed[0]) === before);
      assert.match(watcher.stderr(), new RegExp(`perpvol serve \\(pid ${server.child.pid}, .*\\) owns this data; following its live updates`));
      const traded = sim.accounts[0]!.trade(2);
      await eventually('the streamed fills printed', () => trades(watcher!.printed.at(-1)) === before + traded);
      watcher.child.kill('SIGINT');
      assert.equal(await watcher.exit, 0, watcher.stderr());
    } finally {
      if (watcher && watcher.child.exitCode === null) watcher.child.kill('SIGKILL');
      await server.stop();
      await dir.remove();
    }
  });

  test('beside the desktop app: reads the database at intervals and prints what the owner writes', async () => {
    const dir = await makeTempDir('perpvol-watch-desktop-');
    const env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_DATABASE_URL: '', PERPVOL_SECRET_STORE: 'file' };
    // this test process plays the app: it owns the folder, with no REST API to follow
    const lease = await takeLease({ dataDir: dir.path, face: 'desktop', version: 'test' });
    const owner = await createPerpvolCore({ dataDir: dir.path, env, lease });
    let watcher: Watching | null = null;
    try {
      watcher = watch(env);
      await eventually('the first summary', () => trades(watcher!.printed[0]) === 0);
      assert.match(watcher.stderr(), /the Perpvol desktop app \(pid \d+, .*\) owns this data and keeps it live; reading the database every 2 s/);
      const { id } = await owner.service.addAccount({ exchange: 'hyperliquid', label: 'app', credentials: sim.accounts[1]!.credentials, baseUrl: sim.baseUrl });
      await owner.engine.syncAccount(id);
      const truth = sumTruth(sim.accounts[1]!.truth()).trades;
      await eventually('the synced fills printed', () => trades(watcher!.printed.at(-1)) === truth);
      watcher.child.kill('SIGINT');
      assert.equal(await watcher.exit, 0, watcher.stderr());
    } finally {
      if (watcher && watcher.child.exitCode === null) watcher.child.kill('SIGKILL');
      await owner.close();
      await dir.remove();
    }
  });
});

test('a watcher whose server restarts says so, dials its event stream again and prints afresh', async () => {
  const dir = await makeTempDir('perpvol-watch-restart-');
  const token = 'watch-restart-token-0123456789abcdef';
  const options = { host: '127.0.0.1', dataDir: dir.path, databaseUrl: null, apiToken: token, staticDir: null, log: () => undefined, schedule: false };
  let server = await startServer({ ...options, port: 0 });
  const port = Number(new URL(server.url).port);
  const stopped = new AbortController();
  let stop!: () => void;
  const done = new Promise<void>((resolve) => (stop = resolve));
  const notices: string[] = [];
  const printed: Summary[] = [];
  const watching = watchSummary(remoteSummarySource(server.url, token, undefined, stopped.signal, (line) => notices.push(line)), (summary) => printed.push(summary), done, () => undefined);
  try {
    await eventually('the first summary', () => printed.length === 1);
    await server.close();
    await eventually('the loss said', () => notices.some((line) => /^lost the event stream of http:\/\/127\.0\.0\.1:\d+ /.test(line)));
    server = await startServer({ ...options, port });
    await eventually('followed again', () => notices.includes(`following ${server.url} again`), 30_000);
    await eventually('printed afresh', () => printed.length >= 2);
  } finally {
    stopped.abort();
    stop();
    await watching;
    await server.close();
    await dir.remove();
  }
});
