/**
 * An import is all or nothing, also when the process is SIGKILLed in the middle of it: after each
 * kill at a seeded random instant the account holds either none or all of the file's fills, the
 * daily totals agree with the fills, the SQLite file passes its integrity check, and importing again
 * ends exactly where an uninterrupted import does. On SQLite and on Postgres.
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
const KILLS = 3;
/** Kills land within this share of an uninterrupted import's duration (see below). */
const KILL_WITHIN_SHARE = 0.5;

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
    const dir = await makeTempDir('perpvol-import-kill-');
    const reference = await makeTempDir('perpvol-import-reference-');
    try {
      const file = join(dir.path, 'export.csv');
      await writeFile(file, bybitExport(ROWS));
      const [databaseUrl, referenceUrl] = [await freshDatabase(), await freshDatabase()];
      const accountId = await addAccount(dir.path, databaseUrl);

      // An uninterrupted import: what the end must look like, and how long an import takes here
      // (which only decides where in it the kills land).
      const uninterrupted = await runChild([reference.path, await addAccount(reference.path, referenceUrl), file], referenceUrl, null);
      assert.equal(uninterrupted.exit.code, 0, uninterrupted.output);
      const importMs = uninterrupted.importMs ?? 1_000;

      let killedMidway = 0;
      for (let attempt = 0; attempt < KILLS; attempt++) {
        // In the first half of the reference import: a run killed later than it takes may already have
        // committed (the same import is not always as fast twice), leaving nothing to interrupt.
        const delay = Math.floor(random() * importMs * KILL_WITHIN_SHARE);
        const run = await runChild([dir.path, accountId, file], databaseUrl, delay);
        assert.ok(run.started, run.output);
        const { fills, trades } = await storedState(dir.path, databaseUrl, accountId);
        t.diagnostic(`kill ${attempt + 1}, ${delay} ms into a ${importMs} ms import: ${run.exit.signal ?? `exit ${run.exit.code}`}, ${fills} fills stored`);
        assert.ok(fills === 0 || fills === ROWS, `all or nothing, found ${fills} of ${ROWS} fills`);
        assert.equal(trades, fills, 'the daily totals count exactly the stored fills');
        if (!databaseUrl) {
          const db = new BetterSqlite3(join(dir.path, SQLITE_FILE_NAME), { readonly: true });
          try {
            assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
          } finally {
            db.close();
          }
        }
        if (run.exit.signal === 'SIGKILL' && fills === 0) killedMidway++;
        if (fills === ROWS) break; // it committed before the kill: nothing left to interrupt
      }
      assert.ok(killedMidway > 0, 'at least one kill landed inside the import');

      const final = await runChild([dir.path, accountId, file], databaseUrl, null);
      assert.equal(final.exit.code, 0, final.output);
      assert.deepEqual(await dumpOf(dir.path, databaseUrl), await dumpOf(reference.path, referenceUrl));
    } finally {
      await dir.remove();
      await reference.remove();
    }
  }

  test('on SQLite: all or nothing after every kill, integrity ok, and the retry ends as an uninterrupted import', (t) => killAndCheck(t, async () => null));

  test('on Postgres: all or nothing after every kill, and the retry ends as an uninterrupted import', { skip: process.env[TEST_PG_URL_ENV] ? false : POSTGRES_UNAVAILABLE_MESSAGE }, (t) =>
    killAndCheck(t, () => testDatabaseUrl('import_kill')),
  );
});
