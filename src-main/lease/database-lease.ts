/**
 * The Postgres database's lease, for when several machines (each with its own data folder) point
 * at one database: a session-level advisory lock held on a connection of its own for as long as
 * the process owns the database. Postgres drops the lock when that session ends — at once when the
 * owner's process dies and its socket closes, and within ~1 minute when its machine vanishes
 * (the TCP keepalives set below) — so a dead owner is replaced without anyone cleaning up.
 * Advisory locks live per database, so the key needs no database name in it.
 *
 * The holder's description sits in table perpvol_owner (one row), created here rather than by a
 * migration because the lease is taken before migrations run: two Perpvol versions must never
 * migrate one database at the same time either.
 */
import pg from 'pg';
import { PerpvolError } from '../core/errors.ts';
import { connectError, describeDatabase } from '../store/postgres/open-postgres-store.ts';
import { parseOwnerRecord, type OwnerRecord } from './owner-record.ts';

/** The advisory lock key: 'PERP' 'VOL1' as two int4s, a pair no other application is likely to use. */
const LOCK_KEY: readonly [number, number] = [0x50455250, 0x564f4c31];
const CONNECT_TIMEOUT_MS = 10_000;
/** Server-side keepalives (user-settable GUCs): a vanished owner machine frees the lock in ~1 minute, not 2 hours. */
const SERVER_KEEPALIVE = { idle: 30, interval: 10, count: 3 } as const;

export interface HeldDatabaseLease {
  readonly where: string;
  publish(record: OwnerRecord): Promise<void>;
  /** One round trip on the lock's own session; rejects when the session (and with it the lock) is gone. */
  heartbeat(now: number): Promise<void>;
  /** Called once when the lock's session fails between heartbeats. */
  onSessionError(listener: (error: Error) => void): void;
  release(): Promise<void>;
}

export type DatabaseLeaseAttempt = { taken: HeldDatabaseLease } | { owner: OwnerRecord | null };

export async function tryTakeDatabaseLease(databaseUrl: string, record: OwnerRecord): Promise<DatabaseLeaseAttempt> {
  const where = describeDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'perpvol owner lease' });
  let sessionError: ((error: Error) => void) | null = null;
  client.on('error', (error) => sessionError?.(error));
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectError(databaseUrl, error);
  }
  try {
    await client.query(`set tcp_keepalives_idle = ${SERVER_KEEPALIVE.idle}; set tcp_keepalives_interval = ${SERVER_KEEPALIVE.interval}; set tcp_keepalives_count = ${SERVER_KEEPALIVE.count}`);
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [...LOCK_KEY]);
    if (!rows[0]?.locked) {
      const owner = await readDatabaseOwner(client);
      await client.end().catch(() => undefined);
      return { owner };
    }
    await client.query('create table if not exists perpvol_owner (id integer primary key, record text not null, heartbeat_at bigint not null)');
    await upsert(client, record, Date.now());
  } catch (error) {
    await client.end().catch(() => undefined);
    throw leaseError(where, error);
  }
  let released = false;
  return {
    taken: {
      where,
      publish: (next) => upsert(client, next, Date.now()).catch((error: unknown) => Promise.reject(leaseError(where, error))),
      async heartbeat(now) {
        await client.query('update perpvol_owner set heartbeat_at = $1 where id = 1', [now]);
      },
      onSessionError(listener) {
        sessionError = (error) => {
          if (!released) listener(error);
        };
      },
      async release() {
        if (released) return;
        released = true;
        try {
          await client.query('delete from perpvol_owner where id = 1');
          await client.query('select pg_advisory_unlock($1, $2)', [...LOCK_KEY]);
        } catch {
          // a session that is already gone has released the lock with it
        }
        await client.end().catch(() => undefined);
      },
    },
  };
}

async function upsert(client: pg.Client, record: OwnerRecord, now: number): Promise<void> {
  await client.query(
    'insert into perpvol_owner (id, record, heartbeat_at) values (1, $1, $2) on conflict (id) do update set record = excluded.record, heartbeat_at = excluded.heartbeat_at',
    [JSON.stringify(record), now],
  );
}

async function readDatabaseOwner(client: pg.Client): Promise<OwnerRecord | null> {
  try {
    const { rows } = await client.query<{ record: string }>('select record from perpvol_owner where id = 1');
    return rows[0] ? parseOwnerRecord(rows[0].record) : null;
  } catch {
    return null; // no table yet: the owner is a Perpvol too old to describe itself
  }
}

function leaseError(where: string, error: unknown): PerpvolError {
  if (error instanceof PerpvolError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new PerpvolError('storage', 'database_lease_failed', `Perpvol could not take ownership of the Postgres database ${where}: ${detail}. Check the database user's rights, then start again.`, true, { cause: error });
}
