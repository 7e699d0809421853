/**
 * What every exchange simulator in test/sim/ offers. A simulator speaks its exchange's real
 * protocol over HTTP on loopback (auth checked, paging rules, windows, rate limits, error
 * envelopes as ../shared/exchanges/ documents them), serves a seeded, deterministic history, and
 * knows the truth that Perpvol's numbers must equal to the cent.
 */
import type { SimStreamControl } from './stream/sim-stream-server.ts';
import type { SimKind, SimTruthDay } from './truth/ledger.ts';

export type { SimKind, SimTruthDay } from './truth/ledger.ts';

/** The exchanges simulated here (the API's exchange ids; spelled out so no product code is imported). */
export type SimExchangeId = 'bybit' | 'woox' | 'hyperliquid' | 'paradex';
export const SIM_EXCHANGE_IDS: readonly SimExchangeId[] = ['bybit', 'woox', 'hyperliquid', 'paradex'];

export interface SimAccount {
  /** What a user would type into "add account" for this exchange (API.md credentials). */
  credentials: Record<string, string>;
  /**
   * UTC day → totals of this account's fills the API can serve (what sync must reach), of the given
   * instrument kinds — perpetuals only unless asked, as the product counts by default.
   */
  truth(kinds?: readonly SimKind[]): Map<string, SimTruthDay>;
  /** Appends new fills "now" (live-fill tests) and pushes them to the account's open streams; returns how many. */
  trade(count: number, at?: number): number;
}

export type FaultKind = 'rate_limit' | 'server_error' | 'slow' | 'reset' | 'truncated_json';

export interface SimulatorHandle {
  exchange: SimExchangeId;
  /** The origin to use as the account's baseUrl, e.g. http://127.0.0.1:43121 (plus any path prefix). */
  baseUrl: string;
  accounts: SimAccount[];
  /** Makes the next `count` requests fail with the given fault (then behaviour returns to normal). */
  injectFaults(kind: FaultKind, count: number): void;
  /** Requests served, and rate-limit answers given (a correct client receives none). */
  stats(): { requests: number; rateLimited: number; weightUsed: number };
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
}
