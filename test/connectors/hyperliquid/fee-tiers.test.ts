import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHyperliquidConnector } from '../../../src-main/connectors/hyperliquid/descriptor.ts';
import { usdMicros } from '../../sim/truth/decimal.ts';
import { HYPERLIQUID_SIM_LADDER, simTierFor, type SimTier } from '../../sim/fee-tier-ladders.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../../sim/hyperliquid/simulator.ts';
import { rejectsWithCode } from '../../support/rejections.ts';
import { dayPlus, hyperliquidDaily, windowMicros } from '../../support/tier-truth.ts';
import { FAST_RETRY, NOW } from './support.ts';

const SMALL: SimTier[] = [
  { name: 'Tier 0', volumeUsd: '0', taker: '0.00045', maker: '0.00015' },
  { name: 'Tier 1', volumeUsd: '1000000', taker: '0.0004', maker: '0.00012' },
  { name: 'Tier 2', volumeUsd: '2000000', taker: '0.00035', maker: '0.00008' },
  { name: 'Tier 3', volumeUsd: '900000000', taker: '0.0003', maker: '0.00004' },
];

describe('Hyperliquid fee-tier facts (userFees)', () => {
  let sim: HyperliquidSimulatorHandle;
  let small: HyperliquidSimulatorHandle;
  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 61, fillsPerAccount: 3_000, days: 30, now: () => NOW });
    small = await startHyperliquidSimulator({ seed: 61, fillsPerAccount: 3_000, days: 30, now: () => NOW, feeTiers: SMALL });
  });
  after(async () => {
    await sim.close();
    await small.close();
  });

  const facts = (handle: HyperliquidSimulatorHandle) =>
    createHyperliquidConnector({ baseUrl: handle.baseUrl, credentials: handle.accounts[0]!.credentials }, { retry: FAST_RETRY }).feeTierFacts!(AbortSignal.timeout(10_000), NOW);

  test('reads the fee schedule as a ladder named as on the fee page, with the cutoffs as thresholds', async () => {
    const { ladder, tierName, windowDays } = await facts(sim);
    assert.equal(tierName, null, 'Hyperliquid does not name the tier');
    assert.equal(windowDays, null);
    assert.deepEqual(
      ladder?.map((step) => [step.name, step.volumeMicros, step.takerRate, step.makerRate]),
      HYPERLIQUID_SIM_LADDER.map((tier, i) => [`Tier ${i}`, Number(usdMicros(tier.volumeUsd)), Number(tier.taker), Number(tier.maker)]),
    );
  });

  test('gives the rates the user pays and the exchange’s own volume of the 14 days ending today', async () => {
    const today = new Date(NOW).toISOString().slice(0, 10);
    const volume = windowMicros(hyperliquidDaily(small), dayPlus(today, -13), today);
    const result = await facts(small);
    assert.equal(BigInt(result.reportedVolumeMicros!), volume);
    const { tier } = simTierFor(SMALL, volume);
    assert.notEqual(tier.name, 'Tier 0', 'the small ladder puts the seeded history above the entry tier');
    assert.equal(result.takerRate, Number(tier.taker));
    assert.equal(result.makerRate, Number(tier.maker));
  });

  test('a refused userFees is an error the tiers answer can stand in for', async () => {
    sim.failFeeTierRequests(true);
    try {
      await rejectsWithCode(facts(sim), 'hyperliquid_rejected_request');
    } finally {
      sim.failFeeTierRequests(false);
    }
  });
});
