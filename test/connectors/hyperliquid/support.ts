/**
 * Shared by the Hyperliquid connector tests: drive a connector to the end of a pass (its fills are
 * added up with ../../support/daily-totals.ts, the way the sync engine's rollups would).
 */
import type { Fill } from '../../../src-main/core/fill.ts';
import type { Connector, FillPage, SyncCursor } from '../../../src-main/connectors/kit/connector.ts';
import { DEFAULT_RETRY, type RetryPolicy } from '../../../src-main/connectors/http/exchange-http-client.ts';
import { WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';

/** A fixed "now" (mid-day UTC) so histories and day buckets never depend on when tests run. */
export const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

/** Retries as in production but without the half-second waits. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, rateLimitedWindows: 5 };

/** For simulators that do not enforce limits: no pacing, so matrix runs are not held to 1200 weight a minute. */
export const unpaced = (): WeightedRateLimiter => new WeightedRateLimiter({ capacity: 1_000_000, intervalMs: 1 });

export interface Pass {
  pages: FillPage[];
  fills: Fill[];
  cursor: SyncCursor | null;
}

export async function runPass(connector: Connector, cursor: SyncCursor | null, now = NOW): Promise<Pass> {
  const pages: FillPage[] = [];
  for await (const page of connector.pages(cursor, { signal: AbortSignal.timeout(60_000), now })) pages.push(page);
  return { pages, fills: pages.flatMap((page) => page.fills), cursor: pages.at(-1)?.cursor ?? cursor };
}
