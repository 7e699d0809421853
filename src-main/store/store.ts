import type { ExchangeId } from '../core/exchange.ts';
import type { Fill } from '../core/fill.ts';
import type { SyncCursor } from '../connectors/connector.ts';

/**
 * What the rest of Perpvol needs from the database. Two dialects implement it over the same
 * migrations (SQLite file, Postgres); nothing above the store knows which one is in use.
 * All money is integer micro-dollars (core/usd.ts).
 */

export type AccountStatus = 'new' | 'syncing' | 'ok' | 'error';

export interface AccountRecord {
  id: string;
  exchange: ExchangeId;
  label: string;
  baseUrl: string | null;
  /** Public, non-secret identity (Hyperliquid/Paradex address, exchange uid); never a secret. */
  identity: string | null;
  /** Non-secret key facts from the credential check (permissions, ips, expiry). */
  permissions: Record<string, unknown>;
  createdAt: number;
  status: AccountStatus;
  lastSyncAt: number | null;
  lastError: { code: string; message: string } | null;
  warnings: string[];
  /** When it was removed without purge (its fills still count); null for an active account. */
  removedAt: number | null;
}

export type NewAccount = Pick<AccountRecord, 'id' | 'exchange' | 'label' | 'baseUrl' | 'identity' | 'permissions' | 'warnings'> & {
  createdAt: number;
};

export type AccountPatch = Partial<Pick<AccountRecord, 'label' | 'baseUrl' | 'identity' | 'permissions' | 'status' | 'lastSyncAt' | 'lastError' | 'warnings'>>;

export interface SyncStateRecord {
  accountId: string;
  cursor: SyncCursor | null;
  /** Whether the first full backfill has completed. */
  backfillDone: boolean;
  pagesFetched: number;
  fillsStored: number;
  progress: number;
  coveredFrom: number | null;
  coveredTo: number | null;
  historyLimitedBefore: number | null;
  updatedAt: number;
}

export interface PageCommit {
  accountId: string;
  fills: Fill[];
  /** The sync state after this page; written in the same transaction as the fills. */
  state: Omit<SyncStateRecord, 'accountId' | 'fillsStored'>;
}

export interface PageCommitResult {
  /** Fills of the page that were new (duplicates of stored ones are skipped, never counted twice). */
  inserted: number;
  /** UTC days whose rollups changed. */
  days: string[];
  /** The account's total stored fills after the commit. */
  fillsStored: number;
}

/** A rollup row: one account, one UTC day, one symbol. */
export interface DayTotals {
  volumeMicros: number;
  makerMicros: number;
  takerMicros: number;
  feesMicros: number;
  trades: number;
}

export interface DailyFilter {
  from: string;
  to: string;
  exchange?: ExchangeId;
  accountId?: string;
}

export type DailyGrouping = 'none' | 'exchange' | 'account' | 'symbol';

export interface DailyRow extends DayTotals {
  day: string;
  /** The group's key ('' when not grouped): exchange id, account id or symbol. */
  key: string;
}

export interface WindowTotalsRow {
  exchange: ExchangeId;
  volumeMicros: number;
  feesMicros: number;
  trades: number;
}

export interface StoredFill extends Fill {
  /** Store-assigned id, stable. */
  id: string;
  accountId: string;
}

export interface FillsFilter {
  accountId?: string;
  /** Earliest fill time, ms, inclusive. */
  fromMs?: number;
  /** Latest fill time, ms, inclusive (for a whole UTC day `to`: dayStartMs(addDays(to, 1)) - 1). */
  toMs?: number;
  limit: number;
  /** Opaque position returned as `nextCursor` by the previous call. */
  cursor?: string;
}

export interface AccountsRepository {
  create(account: NewAccount): Promise<AccountRecord>;
  /** Active accounts; `includeRemoved` adds those removed without purge (their fills still count). */
  list(options?: { includeRemoved?: boolean }): Promise<AccountRecord[]>;
  /** An active account. */
  get(id: string): Promise<AccountRecord | null>;
  /** The active account with this identity. */
  findByIdentity(exchange: ExchangeId, identity: string): Promise<AccountRecord | null>;
  /** An account with this identity removed without purge, whose fills are still stored. */
  findRemovedByIdentity(exchange: ExchangeId, identity: string): Promise<AccountRecord | null>;
  /** Brings a removed account back under its old id with fresh details (status 'new'). */
  restore(account: NewAccount): Promise<AccountRecord>;
  update(id: string, patch: AccountPatch): Promise<AccountRecord>;
  /**
   * Removes the account and deletes its sync state. Without `purge` its fills and rollups stay
   * (still counted) and the row is kept, marked removed, for `restore`; `purge` deletes everything.
   */
  remove(id: string, options: { purge: boolean }): Promise<void>;
}

export interface SyncStateRepository {
  get(accountId: string): Promise<SyncStateRecord | null>;
  list(): Promise<SyncStateRecord[]>;
  /** Forget the cursor so the next sync backfills again (fills stay; duplicates are skipped). */
  reset(accountId: string): Promise<void>;
}

export interface FillsRepository {
  /**
   * The heart of "never lose data, never count twice": in ONE transaction insert the page's fills
   * (skipping those already stored for the account), add only the newly inserted ones to the daily
   * rollups, and write the sync state. A crash at any instant leaves either all of it or none.
   */
  commitPage(commit: PageCommit): Promise<PageCommitResult>;
  /**
   * Fills from an exchange's CSV export (history the API no longer serves): the same one-transaction
   * insert-new-only + rollup path as commitPage, but the sync state (cursor, coverage, backfill
   * flag) is left exactly as it is; only its stored-fills counter grows, when the account has one.
   */
  importFills(accountId: string, fills: Fill[]): Promise<PageCommitResult>;
  list(filter: FillsFilter): Promise<{ fills: StoredFill[]; nextCursor: string | null }>;
  /** All fills matching a filter, oldest first, streamed (CSV export). */
  stream(filter: Omit<FillsFilter, 'limit' | 'cursor'>): AsyncIterable<StoredFill>;
  count(accountId?: string): Promise<number>;
}

export interface VolumeRepository {
  /** Rollup sums per day (and group), only for days that have trades; the service zero-fills. */
  daily(filter: DailyFilter, grouping: DailyGrouping): Promise<DailyRow[]>;
  /** Sums per exchange over [from, to] (inclusive days; both omitted = all time). */
  totalsByExchange(range: { from?: string; to?: string }): Promise<WindowTotalsRow[]>;
}

export interface ReportedVolumeRepository {
  /** Keeps the exchange's own daily figures beside ours (replacing earlier reports of those days). */
  save(accountId: string, daily: { day: string; volumeMicros: number }[], allTimeMicros: number | null, asOf: number): Promise<void>;
  get(accountId: string): Promise<{ daily: { day: string; volumeMicros: number }[]; allTimeMicros: number | null; asOf: number } | null>;
}

/** A volume target over one exchange's fee-tier window. */
export interface TierTargetRecord {
  exchange: ExchangeId;
  volumeMicros: number;
  updatedAt: number;
}

export interface TierTargetsRepository {
  list(): Promise<TierTargetRecord[]>;
  /** Sets (or replaces) the exchange's target. */
  set(exchange: ExchangeId, volumeMicros: number, now: number): Promise<TierTargetRecord>;
  /** Clears it; clearing a target that is not set is fine. */
  clear(exchange: ExchangeId): Promise<void>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly accounts: AccountsRepository;
  readonly syncState: SyncStateRepository;
  readonly fills: FillsRepository;
  readonly volume: VolumeRepository;
  readonly reportedVolume: ReportedVolumeRepository;
  readonly tierTargets: TierTargetsRepository;
  close(): Promise<void>;
}
