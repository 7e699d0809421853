/** Connector options for tests against a simulator whose rate limits are off: no pacing, quick retries. */
import { WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';
import type { WooxConnectorOptions } from '../../../src-main/connectors/woox/descriptor.ts';

export function fastOptions(clock: () => number, paging: WooxConnectorOptions['paging'] = {}, maxAttempts = 4): WooxConnectorOptions {
  const unlimited = new WeightedRateLimiter({ capacity: 1_000_000, intervalMs: 1 });
  return {
    client: { clock, limiter: () => unlimited, retry: { maxAttempts, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 2_000 },
    paging,
  };
}
