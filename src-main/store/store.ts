import type { AccountNote } from '../../src-shared/account-notes.ts';
import type { ExchangeId } from '../core/exchange.ts';
import type { Fill } from '../core/fill.ts';
import type { HistoryGap } from '../core/history-gap.ts';
import type { InstrumentKind, SymbolClass } from '../core/instrument.ts';
import type { SyncCursor } from '../core/sync-cursor.ts';
import type { UnclassifiedExecution } from '../core/unclassified-execution.ts';

/**
 * What the rest of Perpvol needs from the database. Two dialects implement it over the same
 * migrations (SQLite file, Postgres); nothing above the store knows which one is in use.
 * All money is integer micro-dollars (core/usd.ts); every SUM comes back as a bigint, exact at any
 * size, and becomes a USD number only at the edge (the API answer).
 */

export type AccountStatus = 'new' | 'syncing' | 'ok' | 'error';

export interface AccountRecord {
  id: string;
  exchange: ExchangeId;
  label: string;
  baseUrl: string | null;
  /** Private stream URL override; null = the exchange's documented stream. */
  streamUrl: string | null;
  /** Public, non-secret identity (Hyperliquid/Paradex address, exchange uid); never a secret. */
  identity: string | null;
  /** Non-secret key facts from the credential check (permissions, ips, expiry). */
  permissions: Record<string, unknown>;
  createdAt: number;
  status: AccountStatus;
  lastSyncAt: number | null;
  lastError: { code: string; message: string } | null;
  /** What the account carries beside its numbers, as typed notes; words are made only where it is shown. */
  warnings: AccountNote[];
  /** When it was removed without purge (its fills still count); null for an active account. */
  removedAt: number | null;
}

export type NewAccount = Pick<AccountRecord, 'id' | 'exchange' | 'label' | 'baseUrl' | 'identity' | 'permissions' | 'warnings'> & {
  createdAt: number;
  /** Omitted = null (the documented stream). */
  streamUrl?: string | null;
};

export type AccountPatch = Partial<Pick<AccountRecord, 'label' | 'baseUrl' | 'streamUrl' | 'identity' | 'permissions' | 'status' | 'lastSyncAt' | 'lastError' | 'warnings'>>;

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
  /** Stretches the exchange no longer serves between synced fills, until an import covers them. */
  historyGaps: HistoryGap[];
  updatedAt: number;
}

/** What one page (or one CSV import) brings besides its fills. */
export interface PageExtras {
  /** Executions the connector could not classify: kept apart (deduplicated by id), never volume. */
  unclassified?: UnclassifiedExecution[];
  /** Trade ids the exchange busted: taken out of volume now, or when their fill arrives. */
  bustedTradeIds?: string[];
}

export interface PageCommit extends PageExtras {
  accountId: string;
  fills: Fill[];
  /**
   * Markets the exchange's instrument data classifies differently from their names: stored fills
   * of each move to the given kind and underlying (rollups moved exactly) in this transaction.
   * Fills of this page already stored under another kind or asset move the same way.
   */
  reclassified?: SymbolClass[];
  /** Gaps in the served history this page found; added to the account's stored list. */
  historyGaps?: HistoryGap[];
  /** The sync state after this page; written in the same transaction as the fills. */
  state: Omit<SyncStateRecord, 'accountId' | 'fillsStored' | 'historyGaps'>;
}

export interface PageCommitResult {
  /** Fills of the page that were new and count (duplicates and busted ones are not counted). */
  inserted: number;
  /** Stored fills this commit took out of volume because the exchange busted them. */
  busted: number;
  /** Unclassified executions recorded for the first time. */
  unclassified: number;
  /** Stored fills moved to another kind or underlying (their rollups moved with them). */
  reclassified: number;
  /** UTC days whose rollups changed (new fills or busts). */
  days: string[];
  /** The account's counted stored fills after the commit. */
  fillsStored: number;
}

/** Sums of rollup rows, exact: money in bigint micro-dollars. */
export interface DayTotals {
  volumeMicros: bigint;
  makerMicros: bigint;
  takerMicros: bigint;
  feesMicros: bigint;
  trades: number;
}

/** Which fills a volume question is about. */
export interface VolumeScope {
  /** Instrument kinds counted; the service defaults this to perpetual only. */
  kinds: readonly InstrumentKind[];
  exchange?: ExchangeId;
  accountId?: string;
}

export interface DailyFilter extends VolumeScope {
  from: string;
  to: string;
}

/** Inclusive UTC days; both omitted = all time. */
export interface DayRange {
  from?: string;
  to?: string;
}

export type DailyGrouping = 'none' | 'exchange' | 'account' | 'symbol' | 'underlying' | 'kind';

export interface DailyRow extends DayTotals {
  day: string;
  /** The group's key ('' when not grouped): exchange id, account id, symbol, underlying or kind. */
  key: string;
}

export interface WindowTotalsRow {
  exchange: ExchangeId;
  volumeMicros: bigint;
  feesMicros: bigint;
  trades: number;
}

/** One account's sums over a range of days. */
export interface AccountTotalsRow extends WindowTotalsRow {
  accountId: string;
}

/** Fees paid in one token Perpvol cannot price, summed exactly in that token. */
export interface UnpricedFeeRow {
  accountId: string;
  exchange: ExchangeId;
  /** The token, as the exchange names it. */
  currency: string;
  /** Exact decimal sum of the fee amounts, in the token (negative = rebates outweigh). */
  amount: string;
  fills: number;
}

/** How many unclassified executions of one raw type an account has. */
export interface UnclassifiedCount {
  accountId: string;
  exchange: ExchangeId;
  rawType: string;
  count: number;
  firstTs: number;
  lastTs: number;
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
  /** Only these instrument kinds; omitted = every kind. Busted fills are never listed. */
  kinds?: readonly InstrumentKind[];
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
  /**
   * Forgets the history gaps an import of a file spanning [from, to] (ms) filled; returns the gaps
   * still open. The cursor and every other field stay as they are.
   */
  resolveHistoryGaps(accountId: string, from: number, to: number): Promise<HistoryGap[]>;
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
  importFills(accountId: string, fills: Fill[], extras?: PageExtras): Promise<PageCommitResult>;
  /**
   * A whole CSV import, page by page, in ONE transaction (importFills' rules per page): all of it
   * or, when `pages` throws or the write fails, none of it. The connection is held until the last
   * page: on SQLite use a store opened for the import alone (the import worker does).
   */
  importFillPages(accountId: string, pages: AsyncIterable<Fill[]>): Promise<PageCommitResult>;
  list(filter: FillsFilter): Promise<{ fills: StoredFill[]; nextCursor: string | null }>;
  /** All counted fills matching a filter, oldest first, streamed (CSV export). */
  stream(filter: Omit<FillsFilter, 'limit' | 'cursor'>): AsyncIterable<StoredFill>;
  /** Counted (not busted) stored fills, of one account or all. */
  count(accountId?: string): Promise<number>;
  /** Unclassified executions per account and raw type (of one account, or all). */
  unclassifiedCounts(accountId?: string): Promise<UnclassifiedCount[]>;
}

/** One account's sums of one UTC day over the kinds asked, with the fees of each side (migration 0010). */
export interface CostDayRow extends DayTotals {
  day: string;
  accountId: string;
  exchange: ExchangeId;
  /** Fees of maker fills, net of rebates; fees of fills without a side = feesMicros − maker − taker fees. */
  makerFeesMicros: bigint;
  takerFeesMicros: bigint;
}

/** Sums over a range of days per account (key = account id) or per day (key = the day; exchange null). */
export interface CostSumsRow extends DayTotals {
  key: string;
  exchange: ExchangeId | null;
  makerFeesMicros: bigint;
  takerFeesMicros: bigint;
}

/** One exchange's volume and fees of one UTC day. */
export interface ExchangeDayRow {
  day: string;
  exchange: ExchangeId;
  volumeMicros: bigint;
  feesMicros: bigint;
  trades: number;
}

/** Unpriced fees of one account, token and UTC day. */
export interface UnpricedDayRow extends UnpricedFeeRow {
  day: string;
}

export interface VolumeRepository {
  /** Sums per (day, account) over inclusive UTC days, of the given kinds: the rows the costs answer is built from. */
  costDays(range: Required<DayRange> & { kinds: readonly InstrumentKind[] }): Promise<CostDayRow[]>;
  /** The costs answer's sums over inclusive UTC days, of the given kinds, summed in the database per account or per day. */
  costSums(range: Required<DayRange> & { kinds: readonly InstrumentKind[] }, by: 'account' | 'day'): Promise<CostSumsRow[]>;
  /** Volume and fees per (day, exchange) over inclusive UTC days, of the given kinds, only days with trades. */
  dailyByExchange(range: Required<DayRange> & { kinds: readonly InstrumentKind[] }): Promise<ExchangeDayRow[]>;
  /** Unpriced fees per (day, account, token) over inclusive UTC days, of the given kinds. */
  unpricedFeesByDay(range: Required<DayRange> & { kinds: readonly InstrumentKind[] }): Promise<UnpricedDayRow[]>;
  /** Rollup sums per day (and group), only for days that have trades; the service zero-fills. */
  daily(filter: DailyFilter, grouping: DailyGrouping): Promise<DailyRow[]>;
  /** Sums per exchange over a range of days, of the given kinds. */
  totalsByExchange(range: DayRange & { kinds: readonly InstrumentKind[] }): Promise<WindowTotalsRow[]>;
  /** Sums per account (with its exchange) over a range of days, of the given kinds; accounts without trades are absent. */
  totalsByAccount(range: DayRange & { kinds: readonly InstrumentKind[] }): Promise<AccountTotalsRow[]>;
  /** Unpriced fees per account and token over a range of days, of the given kinds (omitted = all kinds). */
  unpricedFees(range: DayRange & { kinds?: readonly InstrumentKind[]; accountId?: string }): Promise<UnpricedFeeRow[]>;
}

/**
 * A figure the exchange reports over a window of `days` ending at the report's asOf (e.g. fee-tier
 * volume). Exchange-reported amounts are exact bigint micro-dollars: they are whole-account sums.
 */
export interface ReportedWindowRecord {
  key: string;
  label: string;
  days: number;
  volumeMicros: bigint;
  tier: string | null;
}

export interface ReportedVolumeRecord {
  daily: { day: string; volumeMicros: bigint }[];
  /** What the daily figures count, when the exchange's differ from one account's perps (null: the same). */
  dailyLabel: string | null;
  allTimeMicros: bigint | null;
  windows: ReportedWindowRecord[];
  asOf: number;
}

export interface ReportedVolumeRepository {
  /**
   * Keeps the exchange's own figures beside ours: daily figures replace earlier reports of those
   * days; `windows`, when given, replace the account's earlier window figures (omitted: kept);
   * `dailyLabel` says what the daily figures count (omitted: the same as ours).
   */
  save(
    accountId: string,
    daily: { day: string; volumeMicros: bigint | number }[],
    allTimeMicros: bigint | number | null,
    asOf: number,
    windows?: (Omit<ReportedWindowRecord, 'volumeMicros'> & { volumeMicros: bigint | number })[],
    dailyLabel?: string | null,
  ): Promise<void>;
  get(accountId: string): Promise<ReportedVolumeRecord | null>;
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
