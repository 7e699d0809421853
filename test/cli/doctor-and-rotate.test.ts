import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { displayDatabaseUrl, type DoctorReport } from '../../src-main/service/doctor-report.ts';
import { makeTempDir } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';

const MASTER_KEY = 'doctor test master key';

describe('perpvol doctor and accounts rotate', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let accountId: string;
  const secret = 'doctor-secret-value-123456';

  before(async () => {
    dir = await makeTempDir('perpvol-doctor-');
    // No keychain on this bus-less environment: the encrypted file is the store.
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: MASTER_KEY, PERPVOL_DATABASE_URL: '', DBUS_SESSION_BUS_ADDRESS: '', PERPVOL_SECRET_STORE: '' };
    const added = await runPerpvol(
      ['accounts', 'add', '--exchange', 'bybit', '--label', 'Desk', '--api-key', 'DOCTORKEY000a1b2', '--no-validate', '--json'],
      { ...env, PERPVOL_API_SECRET: secret },
    );
    assert.equal(added.code, 0, added.stderr);
    accountId = (JSON.parse(added.stdout) as { id: string }).id;
  });
  after(async () => {
    await dir.remove();
  });

  test('doctor --json says where data lives, which store is used and why, and that every key is present', async () => {
    const run = await runPerpvol(['doctor', '--json'], env);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout) as DoctorReport;
    assert.equal(report.dataDir, dir.path);
    assert.deepEqual(report.database, { dialect: 'sqlite', location: join(dir.path, 'perpvol.sqlite'), ok: true });
    assert.equal(report.secrets.store, 'encrypted-file');
    assert.match(report.secrets.reason!, /no OS keychain is available.*PERPVOL_MASTER_KEY is set/);
    assert.equal(report.secrets.keychainAvailable, false);
    assert.deepEqual(report.accounts.map((a) => [a.id, a.secret]), [[accountId, 'ok']]);
    assert.deepEqual(report.problems, []);
    assert.equal(report.node, process.version);
    assert.ok(!run.stdout.includes(secret));
  });

  test('doctor without the master key names the account whose key cannot be read and exits 1', async () => {
    const run = await runPerpvol(['doctor'], { ...env, PERPVOL_MASTER_KEY: '' });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^secret store:  encrypted-file — .*PERPVOL_MASTER_KEY is not set/m);
    assert.match(run.stdout, new RegExp(`${accountId}  Bybit "Desk": KEY UNREADABLE`));
    assert.match(run.stdout, /Bybit account "Desk": API secrets are stored encrypted in .* but PERPVOL_MASTER_KEY is not set/);
  });

  test('accounts rotate replaces the key, and list shows only its last 4 characters', async () => {
    const rotated = await runPerpvol(['accounts', 'rotate', accountId, '--api-key', 'DOCTORKEY111c3d4', '--no-validate'], {
      ...env,
      PERPVOL_API_SECRET: 'another-secret-value-987',
    });
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /^replaced the key of Bybit account "Desk" \(now …c3d4\)$/m);
    const listed = await runPerpvol(['accounts', 'list'], env);
    assert.match(listed.stdout, /^ID\s+EXCHANGE\s+LABEL\s+KEY\s+STATUS\s+LAST SYNC$/m);
    assert.match(listed.stdout, new RegExp(`^${accountId}\\s+Bybit\\s+Desk\\s+…c3d4\\s+new`, 'm'));
    assert.ok(!listed.stdout.includes('DOCTORKEY111c3d4') && !listed.stdout.includes('another-secret-value-987'));
  });

  test('a database URL is shown without its password', () => {
    assert.equal(displayDatabaseUrl('postgres://perpvol:hunter2secret@db.local:5432/perpvol?sslmode=require'), 'postgres://perpvol@db.local:5432/perpvol?sslmode=require');
    assert.equal(displayDatabaseUrl('postgresql://db.local/perpvol?password=hunter2secret'), 'postgresql://db.local/perpvol');
  });
});
