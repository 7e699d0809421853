import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basisPointsToRate, createWooxConnector } from '../../../src-main/connectors/woox/descriptor.ts';
import { simTierFor, WOOX_SIM_LADDER, type SimTier } from '../../sim/fee-tier-ladders.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../../sim/woox/simulator.ts';
import { rejectsWithCode } from '../../support/rejections.ts';
import { dayPlus, windowMicros, wooxDaily } from '../../support/tier-truth.ts';
import { fastOptions } from './fast-options.ts';

/** Mid-day UTC, so the window never moves during the test. */
const NOW = Date.UTC(2026, 5, 10, 12);
const SMALL: SimTier[] = [WOOX_SIM_LADDER[0]!, { name: 'volume 1', volumeUsd: '100000', taker: '4.5', maker: '-0.5' }];

describe('WOO X fee-tier facts (trade/tradingFee)', () => {
  let strings: WooxSimulatorHandle;
  let numbers: WooxSimulatorHandle;
  before(async () => {
    const options = { now: () => NOW, seed: 61, fillsPerAccount: 600, days: 40, enforceRateLimits: false, feeTiers: SMALL };
    strings = await startWooxSimulator(options);
    numbers = await startWooxSimulator({ ...options, feesAsNumbers: true });
  });
  after(async () => {
    await strings.close();
    await numbers.close();
  });

  const facts = (sim: WooxSimulatorHandle) =>
    createWooxConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, fastOptions(() => NOW)).feeTierFacts!(AbortSignal.timeout(10_000), NOW);

  test('reads basis points exactly: 4.5 → 0.00045, −0.5 (a rebate) → −0.00005', () => {
    assert.equal(basisPointsToRate('4.5'), 0.00045);
    assert.equal(basisPointsToRate('-0.5'), -0.00005);
    assert.equal(basisPointsToRate('10'), 0.001);
  });

  for (const [dialect, sim] of [['strings', () => strings], ['numbers', () => numbers]] as const) {
    test(`gives the rates WOO X charges, whether it prints them as ${dialect}`, async () => {
      const today = new Date(NOW).toISOString().slice(0, 10);
      const { tier } = simTierFor(SMALL, windowMicros(wooxDaily(sim()), dayPlus(today, -29), today));
      assert.equal(tier.name, 'volume 1');
      const result = await facts(sim());
      assert.deepEqual(result, { tierName: null, takerRate: 0.00045, makerRate: -0.00005, ladder: null, reportedVolumeMicros: null, windowDays: null });
    });
  }

  test('a refused tradingFee is an error the tiers answer can stand in for', async () => {
    strings.failFeeTierRequests(true);
    try {
      await rejectsWithCode(facts(strings), 'woox_key_rejected');
    } finally {
      strings.failFeeTierRequests(false);
    }
  });
});
