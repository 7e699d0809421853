import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { PerpvolError } from '../../core/errors.ts';
import type { Store } from '../store.ts';
import type { Database } from '../schema.ts';
import { assembleStore } from '../kysely-store.ts';
import { migrateToLatest } from '../migrate.ts';
import { createKyselyPageWriter } from '../kysely-page-writer.ts';
import { errorCode, toStorageError } from '../storage-errors.ts';

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const CONNECT_TIMEOUT_MS = 10_000;
const POOL_SIZE = 10;

/**
 * BIGINT (int8) and numeric as JS numbers, for this pool only: every such value read here is one
 * fill's micro-dollars, a time in ms, an id or a count — exact below 2^53. Money SUMS can pass 2^53,
 * so the volume repository never reads them this way: it casts them to text and parses bigints.
 * pg's default is strings.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** Where the database is, for messages: host, port and name, never the user or password. */
export function describeDatabase(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured Postgres server';
  }
}

export function connectError(databaseUrl: string, error: unknown): PerpvolError {
  const where = describeDatabase(databaseUrl);
  const code = errorCode(error) ?? '';
  const fail = (errorCode: string, message: string, retryable: boolean) => new PerpvolError('storage', errorCode, message, retryable, { cause: error });
  if (code === '28P01' || code === '28000') {
    return fail('database_auth_failed', `Postgres at ${where} refused the user or password in the database URL (${code}). Check the credentials in the database URL (--db or PERPVOL_DATABASE_URL).`, false);
  }
  if (code === '3D000') {
    return fail('database_missing', `The database ${where} does not exist. Create it (for example \`createdb\`) or fix the name in the database URL (--db or PERPVOL_DATABASE_URL).`, false);
  }
  const mapped = toStorageError(error);
  if (mapped.code === 'disk_full') return mapped;
  return fail('database_unreachable', `Cannot reach the Postgres database at ${where} (${code || (error instanceof Error ? error.message : 'no answer')}). Check that the server is running and that the database URL (--db or PERPVOL_DATABASE_URL) is right.`, true);
}

/** No Perpvol migration has ever run here (Kysely's bookkeeping table is absent from the search path). */
async function postgresDatabaseIsNew(pool: pg.Pool): Promise<boolean> {
  try {
    const { rows } = await pool.query<{ table: string | null }>("select to_regclass('kysely_migration')::text as table");
    return rows[0]?.table === null;
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Postgres over a pg Pool; the connection is tried at open so a wrong URL fails now, clearly. */
export async function openPostgresStore(databaseUrl: string, options: { beforeNewDatabase?: () => Promise<void> } = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: databaseUrl, types, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // an idle client losing its server must not crash the process; the next query reports it
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw connectError(databaseUrl, error);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (options.beforeNewDatabase && (await postgresDatabaseIsNew(pool))) await options.beforeNewDatabase();
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return assembleStore('postgres', db, createKyselyPageWriter(db), () => db.destroy());
}
