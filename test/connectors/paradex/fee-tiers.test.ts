import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import { parseWindowDays, rateFrom } from '../../../src-main/connectors/paradex/fee-tiers.ts';
import { usdMicros } from '../../sim/truth/decimal.ts';
import { PARADEX_PRO_SIM_LADDER, PARADEX_RETAIL_SIM_LADDER, simTierFor } from '../../sim/fee-tier-ladders.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { dayPlus, paradexDaily, windowMicros } from '../../support/tier-truth.ts';
import { fastOptions } from './support.ts';

/** Mid-day UTC, so the window never moves during the test. */
const NOW = Date.UTC(2026, 5, 10, 12);

describe('Paradex fee-tier facts (account/info, system/volume-tiers)', () => {
  const sims: Record<string, ParadexSimulatorHandle> = {};
  before(async () => {
    const options = { now: () => NOW, seed: 61, fillsPerAccount: 800, days: 20, enforceRateLimits: false };
    sims.pro = await startParadexSimulator(options);
    sims.plain = await startParadexSimulator({ ...options, feeRatesKeys: 'plain' });
    sims.retail = await startParadexSimulator({ ...options, orderClass: 'retail' });
  });
  after(async () => {
    await Promise.all(Object.values(sims).map((sim) => sim.close()));
  });

  const facts = (sim: ParadexSimulatorHandle) =>
    createParadexConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[1]!.credentials }, fastOptions(() => NOW)).feeTierFacts!(AbortSignal.timeout(20_000), NOW);

  const volume = (sim: ParadexSimulatorHandle) => {
    const today = new Date(NOW).toISOString().slice(0, 10);
    return windowMicros(paradexDaily(sim, 1), dayPlus(today, -13), today);
  };

  test('reads the perp rate whatever fee_rates calls its keys, and the window from "14d"', () => {
    assert.equal(rateFrom({ spot_taker: '0.0007', perp_taker: '0.00045', option_taker: '0.0001' }, 'taker'), 0.00045);
    assert.equal(rateFrom({ taker: '0.0004', maker: '0.00003' }, 'maker'), 0.00003);
    assert.equal(rateFrom({ option_maker: '0.0001' }, 'maker'), null, 'another product’s rate is not the perp rate');
    assert.equal(rateFrom(null, 'taker'), null);
    assert.equal(parseWindowDays('14d'), 14);
  });

  for (const dialect of ['pro', 'plain'] as const) {
    test(`gives a Pro account’s tier, rates, ladder and 14-day volume (fee_rates keys: ${dialect})`, async () => {
      const sim = sims[dialect]!;
      const expected = volume(sim);
      const { tier } = simTierFor(PARADEX_PRO_SIM_LADDER, expected);
      const result = await facts(sim);
      assert.equal(result.tierName, tier.name);
      assert.equal(result.takerRate, Number(tier.taker));
      assert.equal(result.makerRate, Number(tier.maker));
      assert.equal(BigInt(result.reportedVolumeMicros!), expected);
      assert.equal(result.windowDays, 14);
      assert.deepEqual(
        result.ladder?.map((step) => [step.name, step.volumeMicros, step.takerRate, step.makerRate]),
        PARADEX_PRO_SIM_LADDER.map((step) => [step.name, Number(usdMicros(step.volumeUsd)), Number(step.taker), Number(step.maker)]),
      );
    });
  }

  test('a Retail account (free trading) gets its Retail tier and ladder', async () => {
    const sim = sims.retail!;
    const { tier } = simTierFor(PARADEX_RETAIL_SIM_LADDER, volume(sim));
    const result = await facts(sim);
    assert.equal(result.tierName, tier.name);
    assert.equal(result.takerRate, 0);
    assert.deepEqual(result.ladder?.map((step) => step.name), PARADEX_RETAIL_SIM_LADDER.map((step) => step.name));
  });

  test('a refused account/info is an error the tiers answer can stand in for', async () => {
    sims.pro!.failFeeTierRequests(true);
    try {
      await assert.rejects(facts(sims.pro!), (error: { code?: string; message?: string }) => typeof error.code === 'string' && (error.message ?? '').length > 0);
    } finally {
      sims.pro!.failFeeTierRequests(false);
    }
  });
});
