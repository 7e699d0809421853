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

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface DemoRun {
  url: string;
  token: string;
  truths: (TruthTotals & { round: number })[];
  dataDir: string | null;
}

test('the demo backfills all four exchanges to the simulators’ truth, follows live fills, and stops cleanly on SIGTERM', { timeout: 180_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/sim/demo.ts', '--port', '0', '--print-truth', '--live-every', '1', '--live-rounds', '1'], {
    cwd: ROOT,
    env: { ...process.env, PERPVOL_API_TOKEN: '', PERPVOL_MASTER_KEY: '', PERPVOL_DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  const run: DemoRun = { url: '', token: '', truths: [], dataDir: null };
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
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, stderr);
  assert.ok(run.dataDir && dirname(run.dataDir) !== run.dataDir);
  assert.equal(existsSync(run.dataDir), false, 'the temporary data dir is removed on exit');
});
