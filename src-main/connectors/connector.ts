import type { ExchangeId } from '../core/exchange.ts';
import type { Fill } from '../core/fill.ts';

/**
 * Where a connector is in an account's history. Opaque to everyone but the connector that wrote
 * it (a window start, a page cursor, a last-seen time); the sync engine persists it as JSON in the
 * same transaction as the page of fills it follows, and hands it back to resume.
 */
export type SyncCursor = Record<string, unknown>;

export interface FillPage {
  /** Normalized fills of this page; may repeat fills of earlier pages (the store dedupes). */
  fills: Fill[];
  /** Where to resume after this page is committed. */
  cursor: SyncCursor;
  /** Estimated share of the current pass done, 0..1, for progress bars. */
  progress: number;
  /** Oldest and newest times this pass has covered so far (ms), for "synced from/to". */
  coveredFrom: number | null;
  coveredTo: number | null;
  /**
   * Set when the exchange does not serve history older than this time for this account (e.g.
   * Hyperliquid keeps only the 10,000 most recent fills): the UI offers a CSV import for the gap.
   */
  historyLimitedBefore?: number;
}

export interface CredentialCheck {
  /** Who the exchange says this is (uid, account address), for the account list. */
  identity: string | null;
  /** Whether the credential can move funds out: withdraw or transfer. */
  canWithdrawOrTransfer: boolean;
  /** Non-secret facts about the key worth keeping (permissions, IP whitelist, expiry). */
  permissions: Record<string, unknown>;
  /** Things the user should know; they stay on the account. */
  warnings: string[];
}

/** Volume the exchange itself reports, kept beside ours so differences show. */
export interface ReportedVolume {
  /** Per UTC day, total (maker + taker) in micro-dollars, as far back as the exchange tells. */
  daily: { day: string; volumeMicros: number; makerMicros: number | null; takerMicros: number | null }[];
  /** All-time volume when the exchange reports it (e.g. Hyperliquid portfolio). */
  allTimeMicros: number | null;
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
  /** The tier the exchange puts the account in, by the exchange's own name. */
  tierName: string | null;
  /** The rates the account pays now (after the exchange's own discounts). */
  makerRate: number | null;
  takerRate: number | null;
  /** The exchange's tier ladder, lowest first, when its API publishes one. */
  ladder: FeeTierStep[] | null;
  /** The exchange's own volume over its tier window (micro-dollars), when it reports one. */
  reportedVolumeMicros: number | null;
  /** The window's length when the API states it (Paradex `min_volume_duration`). */
  windowDays: number | null;
}

export interface PageOptions {
  signal: AbortSignal;
  /** Current time (ms); injectable so tests are deterministic. */
  now: number;
}

/**
 * One per exchange (a Strategy): knows auth, paging, limits and payloads. It reads, validates and
 * normalizes; it never writes to the store.
 */
export interface Connector {
  readonly exchange: ExchangeId;
  /**
   * Pages of fills from `cursor` (null = begin a backfill of all the history the exchange serves)
   * up to `now`. The final page of a pass has progress 1 and a cursor from which a later call
   * fetches only what is new (incremental sync).
   */
  pages(cursor: SyncCursor | null, options: PageOptions): AsyncIterable<FillPage>;
  /** Checks the credential with the exchange; throws a PerpvolError when it is rejected. */
  checkCredential(signal: AbortSignal): Promise<CredentialCheck>;
  /** The exchange's own volume figures, where it has them. */
  reportedVolume?(signal: AbortSignal): Promise<ReportedVolume | null>;
  /** The account's fee tier as the exchange reports it (tier, rates, ladder), where its API says. */
  feeTierFacts?(signal: AbortSignal, now: number): Promise<FeeTierFacts>;
}

export interface ConnectorContext {
  /** The account's REST origin override, or null for mainnet. */
  baseUrl: string | null;
  /** Secret credentials (API key/secret, private key) or public ones (address). */
  credentials: Record<string, string>;
}

export type ConnectorFactory = (context: ConnectorContext) => Connector;
