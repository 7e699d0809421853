import { exchanges as appExchanges } from '../connectors/registry.ts';
import { sql, type Kysely, type Selectable } from 'kysely';
import { PerpvolError, notFound } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import type { AccountPatch, AccountRecord, AccountStatus, AccountsRepository, NewAccount } from './store.ts';
import type { AccountsTable, Database } from './schema.ts';
import { errorCode } from './storage-errors.ts';
import { decodeStoredNotes, encodeStoredNotes } from './stored-notes.ts';

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toRecord(row: Selectable<AccountsTable>): AccountRecord {
  return {
    id: row.id,
    exchange: row.exchange as ExchangeId,
    label: row.label,
    baseUrl: row.base_url,
    streamUrl: row.stream_url ?? null,
    identity: row.identity,
    permissions: parseJson<Record<string, unknown>>(row.permissions, {}),
    createdAt: row.created_at,
    status: row.status as AccountStatus,
    lastSyncAt: row.last_sync_at,
    lastError: row.last_error_code === null ? null : { code: row.last_error_code, message: row.last_error_message ?? '' },
    warnings: decodeStoredNotes(row.warnings),
    removedAt: row.removed_at,
  };
}

function patchColumns(patch: AccountPatch): Partial<AccountsTable> {
  const columns: Partial<AccountsTable> = {};
  if (patch.label !== undefined) columns.label = patch.label;
  if (patch.baseUrl !== undefined) columns.base_url = patch.baseUrl;
  if (patch.streamUrl !== undefined) columns.stream_url = patch.streamUrl;
  if (patch.identity !== undefined) columns.identity = patch.identity;
  if (patch.permissions !== undefined) columns.permissions = JSON.stringify(patch.permissions);
  if (patch.status !== undefined) columns.status = patch.status;
  if (patch.lastSyncAt !== undefined) columns.last_sync_at = patch.lastSyncAt;
  if (patch.warnings !== undefined) columns.warnings = encodeStoredNotes(patch.warnings);
  if (patch.lastError !== undefined) {
    columns.last_error_code = patch.lastError?.code ?? null;
    columns.last_error_message = patch.lastError?.message ?? null;
  }
  return columns;
}

/** The columns of an account as it starts out: added fresh, or brought back after removal. */
function freshAccountColumns(account: NewAccount): Omit<AccountsTable, 'id' | 'exchange' | 'created_at'> {
  return {
    label: account.label,
    base_url: account.baseUrl,
    stream_url: account.streamUrl ?? null,
    identity: account.identity,
    permissions: JSON.stringify(account.permissions),
    warnings: encodeStoredNotes(account.warnings),
    status: 'new',
    last_sync_at: null,
    last_error_code: null,
    last_error_message: null,
    removed_at: null,
  };
}

const accountNotFound = (id: string): PerpvolError => notFound('account_not_found', `There is no account with id ${id}.`);

function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The unique index of migration 0005 refused a second active account with this identity. */
function identityTaken(holder: AccountRecord, cause: unknown): PerpvolError {
  return new PerpvolError(
    'conflict',
    'account_exists',
    `This ${appExchanges.label(holder.exchange)} account is already added as "${holder.label}" (id ${holder.id}). Remove it first to add it again.`,
    false,
    { cause },
  );
}

export function createAccountsRepository(db: Kysely<Database>): AccountsRepository {
  const get = async (id: string): Promise<AccountRecord | null> => {
    const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
    return row ? toRecord(row) : null;
  };

  const findWithIdentity = async (exchange: ExchangeId, identity: string, removed: boolean): Promise<AccountRecord | null> => {
    const row = await db
      .selectFrom('accounts')
      .selectAll()
      .where('exchange', '=', exchange)
      .where('identity', '=', identity)
      .where('removed_at', removed ? 'is not' : 'is', null)
      .orderBy('created_at')
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  };

  return {
    async create(account: NewAccount) {
      try {
        await db
          .insertInto('accounts')
          .values({ id: account.id, exchange: account.exchange, created_at: account.createdAt, ...freshAccountColumns(account) })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) {
          const holder = account.identity === null ? null : await findWithIdentity(account.exchange, account.identity, false);
          if (holder) throw identityTaken(holder, error);
          throw new PerpvolError('conflict', 'account_exists', `An account with id ${account.id} already exists.`, false, { cause: error });
        }
        throw error;
      }
      const created = await get(account.id);
      if (!created) throw accountNotFound(account.id);
      return created;
    },

    async list(options?: { includeRemoved?: boolean }) {
      let query = db.selectFrom('accounts').selectAll();
      if (!options?.includeRemoved) query = query.where('removed_at', 'is', null);
      const rows = await query.orderBy('created_at').orderBy('id').execute();
      return rows.map(toRecord);
    },

    get,

    findByIdentity: (exchange: ExchangeId, identity: string) => findWithIdentity(exchange, identity, false),

    findRemovedByIdentity: (exchange: ExchangeId, identity: string) => findWithIdentity(exchange, identity, true),

    async restore(account: NewAccount) {
      const result = await db
        .updateTable('accounts')
        .set(freshAccountColumns(account))
        .where('id', '=', account.id)
        .where('exchange', '=', account.exchange)
        .where('removed_at', 'is not', null)
        .executeTakeFirst()
        .catch(async (error: unknown) => {
          const holder = isUniqueViolation(error) && account.identity !== null ? await findWithIdentity(account.exchange, account.identity, false) : null;
          throw holder ? identityTaken(holder, error) : error;
        });
      if (result.numUpdatedRows === 0n) {
        // restored by someone else just now: it is active again, so this is a second add of it
        const active = await get(account.id);
        if (active) throw identityTaken(active, null);
        throw accountNotFound(account.id);
      }
      const restored = await get(account.id);
      if (!restored) throw accountNotFound(account.id);
      return restored;
    },

    async update(id: string, patch: AccountPatch) {
      const columns = patchColumns(patch);
      if (Object.keys(columns).length > 0) {
        const result = await db
          .updateTable('accounts')
          .set(columns)
          .where('id', '=', id)
          .executeTakeFirst()
          .catch(async (error: unknown) => {
            const current = isUniqueViolation(error) && patch.identity ? await get(id) : null;
            const holder = current && patch.identity ? await findWithIdentity(current.exchange, patch.identity, false) : null;
            throw holder ? identityTaken(holder, error) : error;
          });
        if (result.numUpdatedRows === 0n) throw accountNotFound(id);
      }
      const updated = await get(id);
      if (!updated) throw accountNotFound(id);
      return updated;
    },

    async remove(id: string, options: { purge: boolean }) {
      await db.transaction().execute(async (trx) => {
        if (options.purge) {
          // take the account's sums out of the all-accounts totals before its rows go
          await sql`update daily_total_volume set
              volume_micros = daily_total_volume.volume_micros - a.volume_micros, maker_micros = daily_total_volume.maker_micros - a.maker_micros,
              taker_micros = daily_total_volume.taker_micros - a.taker_micros, fees_micros = daily_total_volume.fees_micros - a.fees_micros,
              maker_fees_micros = daily_total_volume.maker_fees_micros - a.maker_fees_micros, taker_fees_micros = daily_total_volume.taker_fees_micros - a.taker_fees_micros,
              trades = daily_total_volume.trades - a.trades
            from daily_account_volume a
            where a.day = daily_total_volume.day and a.kind = daily_total_volume.kind and a.account_id = ${id}`.execute(trx);
          await trx.deleteFrom('daily_total_volume').where('trades', '<=', 0).execute();
          await trx.deleteFrom('fills').where('account_id', '=', id).execute();
          for (const table of ['daily_symbol_volume', 'daily_account_volume', 'daily_unpriced_fees', 'unclassified_executions', 'busted_trades'] as const) {
            await trx.deleteFrom(table).where('account_id', '=', id).execute();
          }
        }
        await trx.deleteFrom('reported_daily_volume').where('account_id', '=', id).execute();
        await trx.deleteFrom('reported_window_volume').where('account_id', '=', id).execute();
        await trx.deleteFrom('reported_volume').where('account_id', '=', id).execute();
        await trx.deleteFrom('sync_state').where('account_id', '=', id).execute();
        if (options.purge) await trx.deleteFrom('accounts').where('id', '=', id).execute();
        else await trx.updateTable('accounts').set({ removed_at: Date.now(), status: 'new', last_error_code: null, last_error_message: null }).where('id', '=', id).execute();
      });
    },
  };
}
