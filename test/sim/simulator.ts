/**
 * What every exchange simulator in test/sim/ offers. A simulator speaks its exchange's real
 * protocol over HTTP on loopback (auth checked, paging rules, windows, rate limits, error
 * envelopes as each exchange documents them; docs/exchanges.md), serves a seeded, deterministic history, and
 * knows the truth that Perpvol's numbers must equal to the cent.
 */
import type { SimStreamControl } from './stream/sim-stream-server.ts';
import type { WindowPeak } from './sliding-window.ts';
import type { SimKind, SimTruthDay } from './truth/ledger.ts';

export type { SimKind, SimTruthDay } from './truth/ledger.ts';

/** The exchanges simulated here (the API's exchange ids; spelled out so no product code is imported). */
export type SimExchangeId = 'bybit' | 'woox' | 'hyperliquid' | 'paradex';
export const SIM_EXCHANGE_IDS: readonly SimExchangeId[] = ['bybit', 'woox', 'hyperliquid', 'paradex'];

export interface SimAccount {
  /** What a user would type into "add account" for this exchange (docs/exchanges.md credentials). */
  credentials: Record<string, string>;
  /**
   * UTC day → totals of this account's fills the API can serve (what sync must reach), of the given
   * instrument kinds — perpetuals only unless asked, as the product counts by default.
   */
  truth(kinds?: readonly SimKind[]): Map<string, SimTruthDay>;
  /** Underlying asset (BTC, ETH…) → all-time volume in micro-dollars of the same fills, of the given kinds. */
  truthByUnderlying(kinds?: readonly SimKind[]): Map<string, bigint>;
  /** Appends new fills "now" (live-fill tests) and pushes them to the account's open streams; returns how many. */
  trade(count: number, at?: number): number;
}

/**
 * Faults a simulator can answer the next requests with:
 * - `rate_limit` 429 (or the exchange's own "too many"), `server_error` 5xx, `slow` a late answer,
 *   `reset` a dropped connection, `truncated_json` a 200 whose JSON is cut in half — transient;
 * - `not_found` a 404 page, `html_page` a 200 HTML page, `wrong_shape` 200 JSON that is not the
 *   route's answer, `hang` a request accepted and never answered — not the exchange's API speaking.
 */
export type FaultKind =
  | 'rate_limit'
  | 'server_error'
  | 'slow'
  | 'reset'
  | 'truncated_json'
  | 'not_found'
  | 'html_page'
  | 'wrong_shape'
  | 'hang';

export interface SimulatorHandle {
  exchange: SimExchangeId;
  /** The origin to use as the account's baseUrl, e.g. http://127.0.0.1:43121 (plus any path prefix). */
  baseUrl: string;
  accounts: SimAccount[];
  /** Makes the next `count` requests fail with the given fault (then behaviour returns to normal). */
  injectFaults(kind: FaultKind, count: number): void;
  /** Drops every fault still waiting: the next request is answered normally. */
  clearFaults(): void;
  /**
   * Requests served, rate-limit answers given (a correct client receives none), and per limit the
   * most ever counted inside one window (a correct client keeps it ≤ the limit).
   */
  stats(): { requests: number; rateLimited: number; weightUsed: number; windowPeaks?: WindowPeak[] };
  /** The exchange's private fill stream on the same origin, and its faults (drop, stall, duplicates…). */
  streams: SimStreamControl;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** Seed for the deterministic history. */
  seed?: number;
  /** How many fills to seed per account (spread over `days` days before `now`). */
  fillsPerAccount?: number;
  days?: number;
  accounts?: number;
  /** The simulator's clock (ms epoch); defaults to Date.now(). */
  now?: () => number;
  port?: number;
  /** Enforce the real rate limits (default true). */
  enforceRateLimits?: boolean;
  /**
   * Rows that exist to test how Perpvol handles what it does not know (execution types it has no
   * rule for), which a healthy account rarely if ever shows. Default true; the demo turns them off so
   * it looks like a healthy account.
   */
  unknownRows?: boolean;
}
