import type { ColumnType, Generated } from 'kysely';

/**
 * The tables as Kysely sees them (migrations/ creates them). Snake case in the database, camel
 * case above the repositories. BIGINT columns arrive as JS numbers on both dialects (the Postgres
 * pool parses int8 and numeric; better-sqlite3 returns numbers) — exact for times, ids, counts and
 * one fill's micro-dollars. Rollup SUMS can pass 2^53, so the volume repository never reads them
 * as numbers: it casts them to text in SQL and parses bigints.
 */

/** A rollup's money column: written from a number or (past 2^53) a bigint; read only through SQL casts. */
export type MicrosColumn = ColumnType<number, number | bigint, number | bigint>;
export interface AccountsTable {
  id: string;
  exchange: string;
  label: string;
  base_url: string | null;
  stream_url: string | null;
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
  /** null: the fee is in a token Perpvol cannot price (migration 0004). */
  fee_micros: number | null;
  liquidity: string | null;
  ts: number;
  /** 'perpetual' | 'dated_future' (migration 0004). */
  kind: string;
  /** Canonical asset, e.g. BTC (migration 0004). */
  underlying: string;
  /** When the exchange's bust of this fill was recorded; null while it counts (migration 0004). */
  busted_at: number | null;
}

export interface RollupColumns {
  volume_micros: MicrosColumn;
  maker_micros: MicrosColumn;
  taker_micros: MicrosColumn;
  fees_micros: MicrosColumn;
  /** Fees of maker fills, net of rebates (migration 0010); fees without a side = fees − maker − taker fees. */
  maker_fees_micros: MicrosColumn;
  /** Fees of taker fills (migration 0010). */
  taker_fees_micros: MicrosColumn;
  trades: number;
}

/** Sums per (day, account, kind, symbol, underlying) — the by-symbol and by-underlying answers. */
export interface DailySymbolVolumeTable extends RollupColumns {
  day: string;
  account_id: string;
  exchange: string;
  kind: string;
  symbol: string;
  underlying: string;
}

/** Sums per (day, account, kind). */
export interface DailyAccountVolumeTable extends RollupColumns {
  day: string;
  account_id: string;
  exchange: string;
  kind: string;
}

/** Every account's sums per (day, kind) (migration 0002; kind since 0004). */
export interface DailyTotalVolumeTable extends RollupColumns {
  day: string;
  kind: string;
}

/** Fees in tokens Perpvol cannot price, per (day, account, kind, token): the exact decimal sum in that token. */
export interface DailyUnpricedFeesTable {
  day: string;
  account_id: string;
  exchange: string;
  kind: string;
  fee_currency: string;
  /** Decimal text, exact (Postgres adds it as numeric; SQLite's writer adds it with bigints). */
  amount: string;
  fills: number;
}

/** Executions no rule could classify, kept apart from fills (migration 0004). */
export interface UnclassifiedExecutionsTable {
  account_id: string;
  execution_id: string;
  exchange: string;
  raw_type: string;
  symbol: string;
  ts: number;
  recorded_at: number;
}

/** Every bust the exchange reported, so a busted fill never counts, even if it arrives later (migration 0004). */
export interface BustedTradesTable {
  account_id: string;
  trade_id: string;
  recorded_at: number;
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
  /** JSON array of {from, to} (ms): history gaps found between syncs (migration 0009); null = none. */
  history_gaps: string | null;
  updated_at: number;
}

/** Exchange-reported figures are whole-account sums: written exactly, read only through text casts. */
export interface ReportedVolumeTable {
  account_id: string;
  all_time_micros: MicrosColumn | null;
  /** What the daily figures count, when not one account's perpetual volume (migration 0009). */
  daily_label: string | null;
  as_of: number;
}

export interface ReportedDailyVolumeTable {
  account_id: string;
  day: string;
  volume_micros: MicrosColumn;
}

export interface ReportedWindowVolumeTable {
  account_id: string;
  key: string;
  label: string;
  days: number;
  volume_micros: MicrosColumn;
  tier: string | null;
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
  daily_unpriced_fees: DailyUnpricedFeesTable;
  unclassified_executions: UnclassifiedExecutionsTable;
  busted_trades: BustedTradesTable;
  sync_state: SyncStateTable;
  reported_volume: ReportedVolumeTable;
  reported_daily_volume: ReportedDailyVolumeTable;
  reported_window_volume: ReportedWindowVolumeTable;
  tier_targets: TierTargetsTable;
}
