/**
 * "The database never holds a secret, not even encrypted" (docs/security.md), checked on the bytes: add
 * Bybit, WOO X and Paradex (subkey and read-only token) accounts against their simulators, sync them, then search the SQLite
 * file, its -wal and its -shm (and, with PERPVOL_TEST_PG_URL, every row of every Postgres table)
 * for each secret in every form it could be written in.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { createPerpvolCore, type PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { SQLITE_FILE_NAME } from '../../src-main/store/sqlite/open-sqlite-store.ts';
import { startBybitSimulator } from '../sim/bybit/simulator.ts';
import { startParadexSimulator } from '../sim/paradex/index.ts';
import type { SimulatorHandle } from '../sim/simulator.ts';
import { startWooxSimulator } from '../sim/woox/simulator.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';
import { requireService } from '../support/required-service.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';
import { sharedRateLimiters } from '../../src-main/connectors/http/rate-limiter.ts';
import { SkippingClock } from '../support/skipping-clock.ts';

// The simulators here do not enforce limits and this file is about secrets, not pacing: the
// connectors' limiters still decide every wait (WOO X allows 10 history requests a minute), on a
// clock that skips the waits rather than sleeping them.
sharedRateLimiters.useClock(new SkippingClock());

interface Needle {
  what: string;
  bytes: Buffer;
}

/** Every encoding a secret could be stored in: text, UTF-16, hex, base64, and raw bytes of a hex key. */
function needlesFor(name: string, secret: string): Needle[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const forms: [string, string | Buffer][] = [
    ['utf8', utf8],
    ['utf16le', Buffer.from(secret, 'utf16le')],
    ['hex', utf8.toString('hex')],
    ['HEX', utf8.toString('hex').toUpperCase()],
    ['base64', utf8.toString('base64').replace(/=+$/, '')],
    ['base64url', utf8.toString('base64url')],
  ];
  const hex = /^0x([0-9a-fA-F]+)$/.exec(secret)?.[1];
  if (hex) {
    const even = hex.length % 2 ? `0${hex}` : hex;
    const raw = Buffer.from(even, 'hex');
    forms.push(['bare hex', hex.toLowerCase()], ['raw bytes', raw], ['raw base64', raw.toString('base64').replace(/=+$/, '')], ['decimal', BigInt(secret).toString(10)]);
  }
  return forms.map(([form, value]) => ({ what: `${name} (${form})`, bytes: Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8') }));
}

function findLeaks(haystack: Buffer, needles: Needle[]): string[] {
  return needles.filter((needle) => haystack.includes(needle.bytes)).map((needle) => needle.what);
}

interface Exchanges {
  sims: SimulatorHandle[];
  inputs: { exchange: 'bybit' | 'woox' | 'paradex'; credentials: Record<string, string>; baseUrl: string }[];
  needles: Needle[];
}

async function startExchanges(): Promise<Exchanges> {
  const common = { seed: 77, days: 40, fillsPerAccount: 300, enforceRateLimits: false };
  const bybit = await startBybitSimulator({ ...common, accounts: 1 });
  const woox = await startWooxSimulator({ ...common, accounts: 1 });
  // Account 1 signs with a subkey; account 2 is read with a read-only token (the recommended setup).
  const paradex = await startParadexSimulator({ ...common, accounts: 3 });
  const sims = [bybit, woox, paradex];
  const inputs = [
    ...[bybit.accounts[0]!, woox.accounts[0]!, paradex.accounts[1]!].map((account, i) => ({
      exchange: sims[i]!.exchange as 'bybit' | 'woox' | 'paradex',
      credentials: account.credentials,
      baseUrl: sims[i]!.baseUrl,
    })),
    { exchange: 'paradex' as const, credentials: { readonlyToken: paradex.issueReadonlyToken(2) }, baseUrl: paradex.origin },
  ];
  const needles = inputs.flatMap(({ exchange, credentials }) =>
    ['apiKey', 'apiSecret', 'privateKey', 'readonlyToken'].flatMap((field) => (credentials[field] ? needlesFor(`${exchange} ${field}`, credentials[field]) : [])),
  );
  return { sims, inputs, needles };
}

async function addAndSync(core: PerpvolCore, exchanges: Exchanges): Promise<void> {
  for (const input of exchanges.inputs) await core.service.addAccount({ ...input, label: `${input.exchange} scan` });
  const statuses = await core.engine.syncAccounts();
  for (const status of statuses) assert.equal(status.state, 'done', JSON.stringify(status.error));
  assert.ok(statuses.every((status) => status.fillsStored > 0), 'every account synced fills');
}

describe('no secret reaches the database, in any encoding', () => {
  let exchanges: Exchanges;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;

  before(async () => {
    exchanges = await startExchanges();
    dir = await makeTempDir('perpvol-scan-');
  });
  after(async () => {
    await Promise.all(exchanges.sims.map((sim) => sim.close()));
    await dir.remove();
  });

  test('the scan itself finds a secret planted in base64url or as the raw bytes of a hex key, and a read-only token', () => {
    const bybitSecret = exchanges.inputs[0]!.credentials.apiSecret!;
    const token = exchanges.inputs[3]!.credentials.readonlyToken!;
    assert.ok(findLeaks(Buffer.from(`{"t":"${token}"}`), exchanges.needles).includes('paradex readonlyToken (utf8)'));
    const paradexKey = exchanges.inputs[2]!.credentials.privateKey!;
    const hex = paradexKey.slice(2);
    const planted = Buffer.concat([
      Buffer.from(`x ${Buffer.from(bybitSecret).toString('base64url')} y`),
      Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'),
    ]);
    const found = findLeaks(planted, exchanges.needles);
    assert.ok(found.includes('bybit apiSecret (base64url)'), found.join());
    assert.ok(found.includes('paradex privateKey (raw bytes)'), found.join());
  });

  test('SQLite: the database file, its -wal and its -shm hold none of the secrets, during and after the run', async () => {
    const dataDir = join(dir.path, 'sqlite');
    const core = await createPerpvolCore({
      dataDir,
      secretStore: new EncryptedFileSecretStore({ filePath: join(dataDir, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY }),
    });
    const files = ['', '-wal', '-shm'].map((suffix) => join(dataDir, `${SQLITE_FILE_NAME}${suffix}`));
    const scan = (moment: string): number => {
      let scanned = 0;
      for (const file of files) {
        if (!existsSync(file)) continue;
        const bytes = readFileSync(file);
        scanned += bytes.length;
        assert.deepEqual(findLeaks(bytes, exchanges.needles), [], `${file} ${moment}`);
      }
      return scanned;
    };
    try {
      await addAndSync(core, exchanges);
      assert.ok(existsSync(files[1]!), 'the WAL is there to be scanned while the store is open');
      assert.ok(scan('while open') > 0);
    } finally {
      await core.close();
    }
    scan('after close');
  });

  test('Postgres: no row of any table holds any of the secrets', requireService('Postgres', process.env[TEST_PG_URL_ENV] ? null : POSTGRES_UNAVAILABLE_MESSAGE), async () => {
    const databaseUrl = await testDatabaseUrl('secret_scan');
    assert.ok(databaseUrl, POSTGRES_UNAVAILABLE_MESSAGE);
    const dataDir = join(dir.path, 'postgres');
    const core = await createPerpvolCore({
      dataDir,
      databaseUrl,
      secretStore: new EncryptedFileSecretStore({ filePath: join(dataDir, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY }),
    });
    try {
      await addAndSync(core, exchanges);
    } finally {
      await core.close();
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      );
      assert.ok(tables.rows.length >= 5, 'the migrations created the tables');
      let rows = 0;
      for (const { table_name: table } of tables.rows) {
        const result = await client.query(`SELECT * FROM "${table}"`);
        rows += result.rows.length;
        for (const row of result.rows as Record<string, unknown>[]) {
          // Binary columns as their bytes, everything else as the text Postgres gave back.
          const cells = Object.values(row).map((value) =>
            Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value), 'utf8'),
          );
          assert.deepEqual(findLeaks(Buffer.concat(cells), exchanges.needles), [], `table ${table}`);
        }
      }
      assert.ok(rows > 100, 'fills were stored');
    } finally {
      await client.end();
    }
  });
});
