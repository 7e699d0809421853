import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Account, Summary, SyncStatus } from '../../src-shared/schemas.ts';
import type { TruthTotals } from './demo/truth-totals.ts';
import { SIM_EXCHANGE_IDS as EXCHANGE_IDS } from './simulator.ts';
import { microsToUsdNumber as microsToUsd } from './truth/decimal.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface DemoRun {
  url: string;
  token: string;
  truths: (TruthTotals & { round: number })[];
  dataDir: string | null;
  /** The variables of the printed `export …` line that points the CLI at the demo's folder. */
  cliEnv: Record<string, string>;
}

test('the demo backfills all four exchanges to the simulators’ truth, follows live fills, prints how the CLI reaches it, and stops cleanly on SIGTERM', { timeout: 240_000 }, async () => {
  // A fast pace, so the one live round surely trades (the default is a typical day per hour).
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/sim/demo.ts', '--port', '0', '--print-truth', '--live-every', '1', '--live-pace', '20000', '--live-rounds', '1'], {
    cwd: ROOT,
    env: { ...process.env, PERPVOL_API_TOKEN: '', PERPVOL_MASTER_KEY: '', PERPVOL_DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  const run: DemoRun = { url: '', token: '', truths: [], dataDir: null, cliEnv: {} };
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr += `${line}\n`;
    const tokenFile = /API token into (.+)\/api-token /.exec(line);
    if (tokenFile) run.dataDir = tokenFile[1]!;
  });
  // Resolves once the last live round's truth line is out: nothing changes after it.
  const settled = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const listening = /^listening on (http:\/\/\S+)$/.exec(line);
      if (listening) run.url = listening[1]!;
      const token = /^api token: (\S+)/.exec(line);
      if (token) run.token = token[1]!;
      const cli = /^CLI on the demo's data, from another terminal: export (.+)$/.exec(line);
      if (cli) for (const pair of cli[1]!.split(' ')) run.cliEnv[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
      if (line.startsWith('truth ')) {
        const truth = JSON.parse(line.slice('truth '.length)) as TruthTotals & { round: number };
        run.truths.push(truth);
        if (truth.round === 1) resolve();
      }
    });
    void exited.then((code) => reject(new Error(`the demo exited early (code ${code}):\n${stderr}`)));
  });

  try {
    await settled;
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${run.url}${path}`, { headers: { authorization: `Bearer ${run.token}` } });
      assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
      return (await response.json()) as T;
    };

    const { accounts } = await get<{ accounts: Account[] }>('/api/v1/accounts');
    assert.deepEqual(accounts.map((account) => account.exchange).sort(), [...EXCHANGE_IDS].sort());
    for (const account of accounts) {
      assert.equal(account.status, 'ok', `${account.label}: ${JSON.stringify(account.lastError)}`);
      assert.notEqual(account.lastSyncAt, null);
    }
    const { accounts: statuses } = await get<{ accounts: SyncStatus[] }>('/api/v1/sync');
    assert.deepEqual(statuses.map((status) => status.state), ['done', 'done', 'done', 'done']);

    const [backfill, live] = run.truths;
    assert.ok(backfill && live && backfill.round === 0);
    assert.ok(backfill.trades > 10_000, `a history worth charting (${backfill.trades} fills)`);
    assert.ok(live.trades > backfill.trades, 'the live round traded on the simulators');

    const summary = await get<Summary>('/api/v1/volume/summary');
    assert.equal(summary.allTime.volumeUsd, microsToUsd(live.volumeMicros));
    assert.equal(summary.allTime.trades, live.trades);
    for (const exchange of EXCHANGE_IDS) {
      const expected: { volumeMicros: number; trades: number } = live.byExchange[exchange]!;
      assert.equal(summary.byExchange[exchange]?.allTime.volumeUsd, microsToUsd(expected.volumeMicros), exchange);
      assert.equal(summary.byExchange[exchange]?.allTime.trades, expected.trades, exchange);
    }

    // The printed line makes the CLI commands of docs/cli.md work on the demo: a reader, a writer
    // (through the demo's server, which owns the folder) and doctor, which reads every key.
    assert.equal(run.cliEnv.PERPVOL_DATA_DIR, run.dataDir);
    assert.equal(run.cliEnv.PERPVOL_SECRET_STORE, 'file');
    assert.match(run.cliEnv.PERPVOL_MASTER_KEY ?? '', /^perpvol-demo-[0-9a-f]{32}$/);
    const cliEnv = { ...run.cliEnv, PERPVOL_API_TOKEN: '', PERPVOL_DATABASE_URL: '' };
    const volume = await runPerpvol(['volume', 'summary', '--json'], cliEnv);
    assert.equal(volume.code, 0, volume.stderr);
    assert.equal((JSON.parse(volume.stdout) as Summary).allTime.trades, live.trades);
    const sync = await runPerpvol(['sync'], cliEnv);
    assert.equal(sync.code, 0, sync.stderr);
    assert.match(sync.stderr, /owns this data; sending this command to it/);
    const doctor = await runPerpvol(['doctor'], cliEnv);
    assert.equal(doctor.code, 0, `${doctor.stdout}\n${doctor.stderr}`);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, stderr);
  assert.ok(run.dataDir && dirname(run.dataDir) !== run.dataDir);
  assert.equal(existsSync(run.dataDir), false, 'the temporary data dir is removed on exit');
});
