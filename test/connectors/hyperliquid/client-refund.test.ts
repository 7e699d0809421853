import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';
import { fillsAnswerWeight, HYPERLIQUID_RATE_LIMIT, HyperliquidInfoClient } from '../../../src-main/connectors/hyperliquid/client.ts';
import { FILLS_REQUEST_WEIGHT } from '../../../src-main/connectors/hyperliquid/pages.ts';
import { HlFillsSchema } from '../../../src-main/connectors/hyperliquid/schemas.ts';
import { startHyperliquidSimulator } from '../../sim/hyperliquid/simulator.ts';
import { FAST_RETRY, NOW } from './support.ts';

test('a short fills answer gives the weight it did not cost back to the shared budget', async () => {
  const sim = await startHyperliquidSimulator({ seed: 5, fillsPerAccount: 130, days: 20, now: () => NOW });
  try {
    const limiter = new WeightedRateLimiter({ capacity: HYPERLIQUID_RATE_LIMIT.capacity, intervalMs: 3_600_000 });
    const client = new HyperliquidInfoClient(sim.baseUrl, { limiter, retry: FAST_RETRY });
    const rows = await client.info(
      { type: 'userFillsByTime', user: sim.accounts[0]!.credentials.address!, startTime: 0, endTime: NOW, aggregateByTime: false },
      HlFillsSchema,
      FILLS_REQUEST_WEIGHT,
      AbortSignal.timeout(10_000),
    );
    assert.equal(rows.length, 130);
    const cost = fillsAnswerWeight(rows.length); // 20 + ceil(130 / 20) = 27, not the 120 reserved
    assert.equal(cost, 27);
    assert.equal(limiter.spentNow(), cost, 'the unused 93 came back to the budget, and not a unit more');
  } finally {
    await sim.close();
  }
});
