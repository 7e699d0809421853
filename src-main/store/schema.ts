import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them (migrations/ creates them). Snake case in the database, camel
 * case above the repositories. BIGINT columns arrive as JS numbers on both dialects (the Postgres
 * pool parses int8 and numeric; better-sqlite3 returns numbers).
 */
export interface AccountsTable {
  id: string;
  exchange: string;
  label: string;
  base_url: string | null;
  identity: string | null;
  /** JSON object text. */
  permissions: string;
  /** JSON array text. */
  warnings: string;
  status: string;
  created_at: number;
  last_sync_at: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
  /** Set when removed without purge (its fills stay); null while the account is active. */
  removed_at: number | null;
}

export interface FillsTable {
  id: Generated<number>;
  account_id: string;
  exchange: string;
  trade_id: string;
  order_id: string | null;
  symbol: string;
  side: string;
  price: string;
  qty: string;
  notional_micros: number;
  fee: string;
  fee_currency: string;
  fee_micros: number;
  liquidity: string | null;
  ts: number;
}

export interface RollupColumns {
  volume_micros: number;
  maker_micros: number;
  taker_micros: number;
  fees_micros: number;
  trades: number;
}

export interface DailySymbolVolumeTable extends RollupColumns {
  day: string;
  account_id: string;
  symbol: string;
  exchange: string;
}

export interface DailyAccountVolumeTable extends RollupColumns {
  day: string;
  account_id: string;
  exchange: string;
}

/** Every account's sums for one UTC day (migration 0002). */
export interface DailyTotalVolumeTable extends RollupColumns {
  day: string;
}

export interface SyncStateTable {
  account_id: string;
  /** JSON text of the connector's SyncCursor. */
  cursor: string | null;
  /** 0 or 1 (SQLite has no boolean). */
  backfill_done: number;
  pages_fetched: number;
  fills_stored: number;
  progress: number;
  covered_from: number | null;
  covered_to: number | null;
  history_limited_before: number | null;
  updated_at: number;
}

export interface ReportedVolumeTable {
  account_id: string;
  all_time_micros: number | null;
  as_of: number;
}

export interface ReportedDailyVolumeTable {
  account_id: string;
  day: string;
  volume_micros: number;
}

/** The user's volume target per exchange (migration 0006). */
export interface TierTargetsTable {
  exchange: string;
  volume_micros: number;
  updated_at: number;
}

export interface Database {
  accounts: AccountsTable;
  fills: FillsTable;
  daily_symbol_volume: DailySymbolVolumeTable;
  daily_account_volume: DailyAccountVolumeTable;
  daily_total_volume: DailyTotalVolumeTable;
  sync_state: SyncStateTable;
  reported_volume: ReportedVolumeTable;
  reported_daily_volume: ReportedDailyVolumeTable;
  tier_targets: TierTargetsTable;
}
