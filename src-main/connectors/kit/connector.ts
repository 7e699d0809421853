import type { ExchangeId } from '../../core/exchange.ts';
import type { Fill } from '../../core/fill.ts';
import type { HistoryGap } from '../../core/history-gap.ts';
import type { SymbolClass } from '../../core/instrument.ts';
import type { SyncCursor } from '../../core/sync-cursor.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';

// The cursor type lives in core (the store keeps it too); connectors keep importing it from here.
export type { SyncCursor } from '../../core/sync-cursor.ts';

export interface FillPage {
  /** Normalized fills of this page; may repeat fills of earlier pages (the store dedupes). */
  fills: Fill[];
  /** Executions it could not classify (unknown execution type or market): stored apart, never counted, shown as a warning. */
  unclassified?: UnclassifiedExecution[];
  /**
   * Trade ids the exchange has busted (Paradex GET /v1/tradebusts): out of volume in this page's
   * transaction, whether the fill is stored already, arrives in this page or later.
   */
  bustedTradeIds?: string[];
  /**
   * Markets the exchange's instrument list classifies unlike their names (the rule stored fills were
   * classified by): the store moves this account's stored fills of each, in this page's transaction.
   */
  reclassified?: SymbolClass[];
  /**
   * Stretches found in this page that the exchange no longer serves although they lie between
   * fills already synced and fills it serves now (Hyperliquid's 10,000-fill cap crossed between two
   * syncs). The store keeps them with the account until a CSV import covers them.
   */
  historyGaps?: HistoryGap[];
  /** Where to resume after this page is committed. */
  cursor: SyncCursor;
  /** Estimated share of the current pass done, 0..1, for progress bars. */
  progress: number;
  /** Oldest and newest times this pass has covered so far (ms), for "synced from/to". */
  coveredFrom: number | null;
  coveredTo: number | null;
  /** The exchange serves no older history for this account (Hyperliquid's 10,000 most recent fills): a CSV import fills it. */
  historyLimitedBefore?: number;
  /**
   * Stretches of the account's history the connector could not prove complete, because the
   * exchange's paging cannot reach every fill in them (e.g. more fills in one millisecond than one
   * answer carries). Cumulative — everything the connector knows of, not just this page's — so the
   * last page of a pass is the whole list. Absent: the connector does not report this.
   */
  unproven?: UnprovenSpan[];
}

export interface UnprovenSpan {
  /** First and last millisecond (inclusive). */
  from: number;
  to: number;
  /** For a person: what was read there and what may be missing. */
  detail: string;
}

export interface CredentialCheck {
  /** Who the exchange says this is (uid, account address), for the account list. */
  identity: string | null;
  canWithdrawOrTransfer: boolean;
  /** Non-secret facts about the key worth keeping (permissions, IP whitelist, expiry). */
  permissions: Record<string, unknown>;
  warnings: string[];
}

/** One figure an exchange reports over a window ending now, e.g. Paradex's 14-day fee-tier volume. */
export interface ReportedWindowVolume {
  /** Stable per account, e.g. 'fee_tier_14d'. */
  key: string;
  /** What the figure counts and over which window, in words a trader reads beside ours. */
  label: string;
  /** Ending at the report's asOf. */
  days: number;
  volumeMicros: bigint;
  /** The exchange's tier name(s) for it, when it gives them (e.g. "retail: VIP 1"). */
  tier: string | null;
}

/**
 * Volume the exchange itself reports, kept beside ours. Every amount is bigint micro-dollars: an
 * account's figure, unlike one fill's, can pass 2^53 (9 billion USD), where a number loses digits.
 */
export interface ReportedVolume {
  /** Per UTC day, total (maker + taker) in micro-dollars, as far back as the exchange tells. */
  daily: { day: string; volumeMicros: bigint; makerMicros: bigint | null; takerMicros: bigint | null }[];
  /**
   * What the daily figures count, in words shown beside them, when that is not simply this
   * account's perpetual volume (Hyperliquid's are fee-tier volume: spot and sub-accounts included).
   */
  dailyLabel?: string;
  /** All-time volume when the exchange reports it (e.g. Hyperliquid portfolio). */
  allTimeMicros: bigint | null;
  /** Figures over windows (fee-tier volume); absent or [] when the exchange reports none. */
  windows?: ReportedWindowVolume[];
  asOf: number;
}

/** One step of an exchange's fee-tier ladder, as its API publishes it. */
export interface FeeTierStep {
  name: string;
  /** Volume over the tier window that qualifies (micro-dollars). */
  volumeMicros: number;
  /** Fractions of notional (0.00045 = 4.5 bps); null when the exchange does not say. */
  makerRate: number | null;
  takerRate: number | null;
}

/**
 * What an exchange's API says about the account's fee tier. Every field is optional in spirit:
 * null means "the exchange does not say", and Perpvol fills the gap from its tier table.
 */
export interface FeeTierFacts {
  tierName: string | null;
  /** The rates the account pays now (after the exchange's own discounts). */
  makerRate: number | null;
  takerRate: number | null;
  /** The exchange's tier ladder, lowest first, when its API publishes one. */
  ladder: FeeTierStep[] | null;
  reportedVolumeMicros: bigint | null;
  /** The window's length when the API states it (Paradex `min_volume_duration`). */
  windowDays: number | null;
}

export interface PageOptions {
  signal: AbortSignal;
  /** Current time (ms); injectable so tests are deterministic. */
  now: number;
}

/** One per exchange (docs/adding-an-exchange.md, "2. The adapter"): it reads, validates and normalizes; it never writes. */
export interface Connector {
  readonly exchange: ExchangeId;
  /**
   * Pages of fills from `cursor` (null = begin a backfill of all the history the exchange serves)
   * up to `now`. The final page of a pass has progress 1 and a cursor from which a later call
   * fetches only what is new (incremental sync).
   */
  pages(cursor: SyncCursor | null, options: PageOptions): AsyncIterable<FillPage>;
  /** Throws a PerpvolError when the exchange rejects the credential. */
  checkCredential(signal: AbortSignal): Promise<CredentialCheck>;
  reportedVolume?(signal: AbortSignal): Promise<ReportedVolume | null>;
  feeTierFacts?(signal: AbortSignal, now: number): Promise<FeeTierFacts>;
}

export interface ConnectorContext {
  /** The account's REST origin override, or null for mainnet. */
  baseUrl: string | null;
  /** Secret credentials (API key/secret, private key) or public ones (address). */
  credentials: Record<string, string>;
  /**
   * Who the exchange said this account is (Bybit UID, WOO X application id…), once the key was
   * checked; absent while checking. Limits counted per UID are paced per UID with it.
   */
  identity?: string | null;
  /**
   * The non-secret key facts the last credential check stored on the account (its `permissions`),
   * e.g. which Paradex login path works for this key; absent when adding or rotating a key.
   */
  facts?: Readonly<Record<string, unknown>>;
}
