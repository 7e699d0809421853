import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { mulberry32 } from '../sim/random-history.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { addHyperliquidAccount, dumpDatabase, makeTempDir, openTestCore, sumTruth } from './fixtures/sync-harness.ts';

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
function runChild(dataDir: string, accountId: string, killAfterPage: number | null, delayMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: REPO,
      env: { ...process.env, PERPVOL_DATA_DIR: dataDir, PERPVOL_ACCOUNT_ID: accountId },
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

  test('resumes after every kill and ends identical to an uninterrupted run', async (t) => {
    const reference = await makeTempDir('perpvol-reference-');
    const crashed = await makeTempDir('perpvol-crashed-');
    try {
      const referenceCore = await openTestCore(reference.path);
      const refAccountId = await addHyperliquidAccount(referenceCore, sim, { label: 'reference' });
      const refStatus = await referenceCore.engine.syncAccount(refAccountId);
      assert.equal(refStatus.state, 'done');
      assert.equal(refStatus.fillsStored, sumTruth(sim.accounts[0]!.truth()).trades);
      await referenceCore.close();

      const setupCore = await openTestCore(crashed.path);
      const accountId = await addHyperliquidAccount(setupCore, sim, { label: 'crashed' });
      await setupCore.close();

      const random = mulberry32(Number(process.env.PERPVOL_TEST_SEED ?? Date.now() % 1_000_000));
      let killed = 0;
      for (let attempt = 0; attempt < KILLS; attempt++) {
        const killAfterPage = 1 + Math.floor(random() * 3);
        const run = await runChild(crashed.path, accountId, killAfterPage, Math.floor(random() * 40));
        if (run.exit.signal === 'SIGKILL') killed++;
        else assert.equal(run.exit.code, 0, run.output); // it may finish before the kill lands
      }
      t.diagnostic(`${killed} of ${KILLS} runs were killed mid-backfill`);
      assert.ok(killed > 0, 'at least one run was killed mid-backfill');

      const final = await runChild(crashed.path, accountId, null, 0);
      assert.equal(final.exit.code, 0, final.output);
      assert.deepEqual(dumpDatabase(crashed.path), dumpDatabase(reference.path));
    } finally {
      await reference.remove();
      await crashed.remove();
    }
  });
});
