/**
 * `perpvol reset` as a user runs it after losing the database: it says what it will delete, wants a
 * confirmation (--yes without a terminal), deletes only the secrets of accounts that no longer
 * exist, and Perpvol then starts again. It never runs beside the folder's owner.
 */
import assert from 'node:assert/strict';
import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { takeLease } from '../../src-main/lease/owner-lease.ts';
import { EncryptedFileSecretStore, SECRETS_FILE_NAME } from '../../src-main/secrets/encrypted-file-store.ts';
import { createPerpvolCore } from '../../src-main/service/core-runtime.ts';
import { SQLITE_FILE_NAME } from '../../src-main/store/sqlite/open-sqlite-store.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';

const KEYS = { PERPVOL_MASTER_KEY: TEST_MASTER_KEY, PERPVOL_SECRET_STORE: 'file', PERPVOL_DATABASE_URL: '' };

async function folderWithAccounts(labels: string[]): Promise<{ dir: Awaited<ReturnType<typeof makeTempDir>>; ids: string[] }> {
  const dir = await makeTempDir('perpvol-reset-');
  const core = await createPerpvolCore({ dataDir: dir.path, env: KEYS });
  const ids: string[] = [];
  for (const [i, label] of labels.entries()) {
    ids.push((await core.service.addAccount({ exchange: 'bybit', label, credentials: { apiKey: `reset-key-000${i}`, apiSecret: `reset-secret-${i}` }, validate: false })).id);
  }
  await core.close();
  return { dir, ids };
}

function loseDatabase(dataDir: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    const path = join(dataDir, `${SQLITE_FILE_NAME}${suffix}`);
    if (existsSync(path)) unlinkSync(path);
  }
}

describe('perpvol reset', () => {
  test('after the database was lost: refused start, then reset asks, deletes the orphaned secrets, and Perpvol starts fresh', async () => {
    const { dir } = await folderWithAccounts(['Desk', 'Swing']);
    const env = { ...KEYS, PERPVOL_DATA_DIR: dir.path };
    try {
      loseDatabase(dir.path);
      const refused = await runPerpvol(['accounts', 'list'], env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /There is no database at .*run `perpvol reset`/);

      const unconfirmed = await runPerpvol(['reset'], env);
      assert.equal(unconfirmed.code, 1);
      assert.match(unconfirmed.stdout, new RegExp(`The database has 0 account\\(s\\)\\. This deletes:\\n  ${join(dir.path, SECRETS_FILE_NAME)}: every secret in it — the file is deleted`));
      assert.match(unconfirmed.stderr, /needs a confirmation: run it in a terminal, or pass --yes/);
      assert.ok(existsSync(join(dir.path, SECRETS_FILE_NAME)), 'nothing was deleted without a yes');

      const reset = await runPerpvol(['reset', '--yes'], env);
      assert.equal(reset.code, 0, reset.stderr);
      assert.match(reset.stdout, /Deleted them from secrets\.enc\.json/);
      assert.equal(existsSync(join(dir.path, SECRETS_FILE_NAME)), false);

      const listed = await runPerpvol(['accounts', 'list'], env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /no accounts yet/);
    } finally {
      await dir.remove();
    }
  });

  test('keeps the secrets of accounts still in the database and deletes only the others', async () => {
    const { dir, ids } = await folderWithAccounts(['Desk']);
    const env = { ...KEYS, PERPVOL_DATA_DIR: dir.path };
    try {
      const file = new EncryptedFileSecretStore({ filePath: join(dir.path, SECRETS_FILE_NAME), masterKey: TEST_MASTER_KEY });
      await file.set('orphan-1', { apiKey: 'orphan-key', apiSecret: 'orphan-secret' });
      const reset = await runPerpvol(['reset', '--yes'], env);
      assert.equal(reset.code, 0, reset.stderr);
      assert.match(reset.stdout, /the secrets of 1 account\(s\) no longer in the database: orphan-1/);
      assert.deepEqual(await file.list(), ids);
      const again = await runPerpvol(['reset', '--yes'], env);
      assert.match(again.stdout, /Nothing to delete: every secret in .* belongs to an account in the database/);
    } finally {
      await dir.remove();
    }
  });

  test('is refused while another process owns the folder', async () => {
    const { dir } = await folderWithAccounts([]);
    const owner = await takeLease({ dataDir: dir.path, face: 'server', version: 'test' });
    try {
      const refused = await runPerpvol(['reset', '--yes'], { ...KEYS, PERPVOL_DATA_DIR: dir.path });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /is in use by perpvol serve/);
    } finally {
      await owner.release();
      await dir.remove();
    }
  });
});
