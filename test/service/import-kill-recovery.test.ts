/**
 * An import is all or nothing, also when the process is SIGKILLed in the middle of it: after each
 * kill at a seeded random instant the account holds either none or all of the file's fills, the
 * daily totals agree with the fills, the SQLite file passes its integrity check, and importing again
 * ends exactly where an uninterrupted import does. On SQLite and on Postgres.
 *
 * Where the kills land is drawn from a window scaled by how long an import takes here. That time
 * varies with the machine's load (the calibration run may be slower than the runs it calibrates), so
 * a kill that comes too late (the import had already committed) narrows the window to what that run
 * took and is drawn again on a fresh database, until KILLS kills have landed inside the import.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test, type TestContext } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../../src-main/store/sqlite/open-sqlite-store.ts';
import { killTestSeed } from '../support/kill-test-seed.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';
import { dumpDatabase, dumpPostgres, makeTempDir, normalizeDump, openTestCore } from '../sync/fixtures/sync-harness.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/import-child.ts', import.meta.url));
/** Big enough that parsing and the one transaction take a second or two, so kills land inside. */
const ROWS = 40_000;
/** Kills that must land inside the import (the account still empty after each). */
const KILLS = 3;
/** Kills land within this share of an uninterrupted import's duration (see below). */
const KILL_WITHIN_SHARE = 0.5;
/**
 * Runs allowed for the KILLS kills: each kill that comes too late halves the window at least, so
 * after a few the kill follows "importing" within milliseconds of a 40,000-row import.
 */
const MAX_RUNS = KILLS + 10;

/** A Bybit trade-history export of `rows` fills, one a minute. */
function bybitExport(rows: number): string {
  const lines = ['Contracts,Order No.,Direction,Filled Qty,Filled Price,Filled Type,Fees Paid,Trasaction ID,Transaction Time(UTC)'];
  for (let i = 0; i < rows; i++) {
    const at = new Date(Date.UTC(2024, 10, 16) + i * 60_000).toISOString();
    lines.push(`BTCUSDT,order-${i},${i % 2 ? 'SELL' : 'BUY'},0.010,60000.${String(i % 100).padStart(2, '0')},Trade,0.120000,kill-${i}-0000-0000-0000,${at.slice(11, 16)} ${at.slice(0, 10)}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

interface ChildRun {
  started: boolean;
  /** From "importing" to "imported", when it finished: scales where the kills land, asserts nothing. */
  importMs: number | null;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  output: string;
}

function runChild(args: string[], databaseUrl: string | null, killAfterMs: number | null): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: REPO,
      env: { ...process.env, PERPVOL_DATABASE_URL: databaseUrl ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let started = false;
    let startedAt = 0;
    let importMs: number | null = null;
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!started && output.includes('importing')) {
        started = true;
        startedAt = Date.now();
        if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
      if (importMs === null && output.includes('imported ')) importMs = Date.now() - startedAt;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ started, importMs, exit: { code, signal }, output }));
  });
}

/** A dump of what the database holds, comparable across dialects and data folders. */
const dumpOf = async (dataDir: string, databaseUrl: string | null) => (databaseUrl ? dumpPostgres(databaseUrl) : normalizeDump(dumpDatabase(dataDir)));

async function addAccount(dataDir: string, databaseUrl: string | null): Promise<string> {
  const core = await openTestCore(dataDir, undefined, databaseUrl);
  try {
    return (await core.service.addAccount({ exchange: 'bybit', label: 'Desk', credentials: { apiKey: 'kill-test-key', apiSecret: 'kill-test-secret' }, validate: false })).id;
  } finally {
    await core.close();
  }
}

/** Fills stored for the account, and trades in the daily totals: the two must always agree. */
async function storedState(dataDir: string, databaseUrl: string | null, accountId: string): Promise<{ fills: number; trades: number }> {
  const core = await openTestCore(dataDir, undefined, databaseUrl);
  try {
    return { fills: await core.store.fills.count(accountId), trades: (await core.service.summary({})).allTime.trades };
  } finally {
    await core.close();
  }
}

describe('an import killed with SIGKILL at random points', () => {
  /** `freshDatabase` gives a new Postgres database per call, or null for SQLite. */
  async function killAndCheck(t: TestContext, freshDatabase: () => Promise<string | null>): Promise<void> {
    const random = killTestSeed(t, 'test/service/import-kill-recovery.test.ts');
    const dirs: { remove(): Promise<void> }[] = [];
    /** A data folder (and database) whose account has not imported the file yet. */
    const freshAccount = async () => {
      const dir = await makeTempDir('perpvol-import-kill-');
      dirs.push(dir);
      const databaseUrl = await freshDatabase();
      return { dataDir: dir.path, databaseUrl, accountId: await addAccount(dir.path, databaseUrl) };
    };
    try {
      const reference = await freshAccount();
      const file = join(reference.dataDir, 'export.csv');
      await writeFile(file, bybitExport(ROWS));

      // An uninterrupted import: what the end must look like, and how long an import takes here
      // (which only decides where in it the kills land).
      const uninterrupted = await runChild([reference.dataDir, reference.accountId, file], reference.databaseUrl, null);
      assert.equal(uninterrupted.exit.code, 0, uninterrupted.output);
      const expected = await dumpOf(reference.dataDir, reference.databaseUrl);
      const importAgainEndsAs = async (account: typeof reference, end: typeof expected) => {
        const again = await runChild([account.dataDir, account.accountId, file], account.databaseUrl, null);
        assert.equal(again.exit.code, 0, again.output);
        assert.deepEqual(await dumpOf(account.dataDir, account.databaseUrl), end);
      };
      let windowMs = (uninterrupted.importMs ?? 1_000) * KILL_WITHIN_SHARE;

      let target = await freshAccount();
      let killedMidway = 0;
      for (let runs = 1; killedMidway < KILLS; runs++) {
        assert.ok(runs <= MAX_RUNS, `only ${killedMidway} of ${KILLS} kills landed inside the import in ${MAX_RUNS} runs`);
        const delay = Math.floor(random() * windowMs);
        const run = await runChild([target.dataDir, target.accountId, file], target.databaseUrl, delay);
        assert.ok(run.started, run.output);
        assert.ok(run.exit.signal === 'SIGKILL' || run.exit.code === 0, `an import that was not killed succeeds: ${run.output}`);
        const { fills, trades } = await storedState(target.dataDir, target.databaseUrl, target.accountId);
        t.diagnostic(`run ${runs}: kill ${delay} ms after "importing" (window ${Math.round(windowMs)} ms): ${run.exit.signal ?? `exit ${run.exit.code}`}, ${fills} fills stored`);
        assert.ok(fills === 0 || fills === ROWS, `all or nothing, found ${fills} of ${ROWS} fills`);
        assert.equal(trades, fills, 'the daily totals count exactly the stored fills');
        if (!target.databaseUrl) {
          const db = new BetterSqlite3(join(target.dataDir, SQLITE_FILE_NAME), { readonly: true });
          try {
            assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
          } finally {
            db.close();
          }
        }
        if (fills === 0) {
          assert.equal(run.exit.signal, 'SIGKILL', run.output);
          killedMidway++;
          continue;
        }
        // Too late: the import committed before the kill (this run was faster than the calibration).
        // Importing again still ends as the uninterrupted import; the next kill is drawn from a
        // narrower window, on an account that has not imported the file yet.
        await importAgainEndsAs(target, expected);
        windowMs = Math.min(windowMs, run.importMs ?? windowMs) / 2;
        target = await freshAccount();
      }
      // The last kill left the account empty: importing again ends as the uninterrupted import.
      await importAgainEndsAs(target, expected);
    } finally {
      for (const dir of dirs) await dir.remove();
    }
  }

  test('on SQLite: all or nothing after every kill, integrity ok, and the retry ends as an uninterrupted import', (t) => killAndCheck(t, async () => null));

  test('on Postgres: all or nothing after every kill, and the retry ends as an uninterrupted import', { skip: process.env[TEST_PG_URL_ENV] ? false : POSTGRES_UNAVAILABLE_MESSAGE }, (t) =>
    killAndCheck(t, () => testDatabaseUrl('import_kill')),
  );
});
