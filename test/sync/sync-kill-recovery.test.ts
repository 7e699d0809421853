import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test, type TestContext } from 'node:test';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';
import { killTestSeed } from '../support/kill-test-seed.ts';
import { addHyperliquidAccount, dumpDatabase, dumpPostgres, makeTempDir, normalizeDump, openTestCore, sumTruth } from './fixtures/sync-harness.ts';

const CHILD = fileURLToPath(new URL('./fixtures/sync-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const KILLS = 4;

interface ChildRun {
  /** Pages the child reported committed before it ended. */
  pages: number;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  output: string;
}

/**
 * Runs the child; when `killAfterPage` is set, SIGKILLs it a random few milliseconds after it
 * reports that page committed (so the kill lands anywhere: mid-request, mid-commit, between pages).
 */
function runChild(dataDir: string, databaseUrl: string | null, accountId: string, killAfterPage: number | null, delayMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: REPO,
      env: { ...process.env, PERPVOL_DATA_DIR: dataDir, PERPVOL_DATABASE_URL: databaseUrl ?? '', PERPVOL_ACCOUNT_ID: accountId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let pages = 0;
    let killScheduled = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (output += text));
    child.stdout.on('data', (text: string) => {
      output += text;
      for (const match of text.matchAll(/^page (\d+)$/gm)) pages = Math.max(pages, Number(match[1]));
      if (killAfterPage !== null && !killScheduled && pages >= killAfterPage) {
        killScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ pages, exit: { code, signal }, output }));
  });
}

describe('a sync killed with SIGKILL at random points', () => {
  let sim: HyperliquidSimulatorHandle;
  before(async () => {
    // 9,000 fills = 5 pages of 2,000; the simulator's budget is off because every child starts a
    // fresh limiter, while the real exchange would count all of them against one IP.
    sim = await startHyperliquidSimulator({ seed: 23, fillsPerAccount: 9_000, days: 90, enforceRateLimits: false });
  });
  after(async () => {
    await sim.close();
  });

  /**
   * Kills a sync of one account KILLS times at seeded random points, then lets it finish, and
   * compares every fill and rollup with an uninterrupted run into SQLite. The seed is printed
   * first; PERPVOL_TEST_SEED=<seed> replays the same kills.
   */
  async function killAndCompare(t: TestContext, databaseUrl: string | null): Promise<void> {
    const random = killTestSeed(t, 'test/sync/sync-kill-recovery.test.ts');
    const reference = await makeTempDir('perpvol-reference-');
    const crashed = await makeTempDir('perpvol-crashed-');
    try {
      const referenceCore = await openTestCore(reference.path);
      const refAccountId = await addHyperliquidAccount(referenceCore, sim, { label: 'reference' });
      const refStatus = await referenceCore.engine.syncAccount(refAccountId);
      assert.equal(refStatus.state, 'done');
      assert.equal(refStatus.fillsStored, sumTruth(sim.accounts[0]!.truth()).trades);
      await referenceCore.close();

      const setupCore = await openTestCore(crashed.path, undefined, databaseUrl);
      const accountId = await addHyperliquidAccount(setupCore, sim, { label: 'crashed' });
      await setupCore.close();

      let killed = 0;
      for (let attempt = 0; attempt < KILLS; attempt++) {
        const killAfterPage = 1 + Math.floor(random() * 3);
        const run = await runChild(crashed.path, databaseUrl, accountId, killAfterPage, Math.floor(random() * 40));
        if (run.exit.signal === 'SIGKILL') killed++;
        else assert.equal(run.exit.code, 0, run.output); // it may finish before the kill lands
      }
      t.diagnostic(`${killed} of ${KILLS} runs were killed mid-backfill`);
      assert.ok(killed > 0, 'at least one run was killed mid-backfill');

      const final = await runChild(crashed.path, databaseUrl, accountId, null, 0);
      assert.equal(final.exit.code, 0, final.output);
      const expected = dumpDatabase(reference.path);
      if (databaseUrl) assert.deepEqual(await dumpPostgres(databaseUrl), normalizeDump(expected));
      else assert.deepEqual(dumpDatabase(crashed.path), expected);
    } finally {
      await reference.remove();
      await crashed.remove();
    }
  }

  test('resumes after every kill and ends identical to an uninterrupted run', (t) => killAndCompare(t, null));

  test('on Postgres too: resumes after every kill and ends identical to an uninterrupted run', { skip: process.env[TEST_PG_URL_ENV] ? false : POSTGRES_UNAVAILABLE_MESSAGE }, async (t) => {
    await killAndCompare(t, (await testDatabaseUrl('sync_kill'))!);
  });
});
