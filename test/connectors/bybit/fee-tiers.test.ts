import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createBybitConnector } from '../../../src-main/connectors/bybit/descriptor.ts';
import { bybitTierName } from '../../../src-main/connectors/bybit/account.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../../sim/bybit/simulator.ts';
import { simTierFor, type SimTier } from '../../sim/fee-tier-ladders.ts';
import { rejectsWithCode } from '../../support/rejections.ts';
import { bybitDaily, dayPlus, windowMicros } from '../../support/tier-truth.ts';
import { NOW, quickRetry, unpaced } from './helpers.ts';

const SMALL: SimTier[] = [
  { name: 'No VIP', volumeUsd: '0', taker: '0.00055', maker: '0.0002' },
  { name: 'VIP-1', volumeUsd: '100000', taker: '0.0004', maker: '0.00018' },
  { name: 'VIP-2', volumeUsd: '900000000', taker: '0.000375', maker: '0.00016' },
];

describe('Bybit fee-tier facts (query-api vipLevel, account/fee-rate)', () => {
  let sim: BybitSimulatorHandle;
  let older: BybitSimulatorHandle;
  before(async () => {
    sim = await startBybitSimulator({ now: () => NOW, seed: 61, fillsPerAccount: 600, days: 40, accounts: 1, enforceRateLimits: false, feeTiers: SMALL });
    older = await startBybitSimulator({ now: () => NOW, seed: 61, fillsPerAccount: 50, days: 40, accounts: 1, enforceRateLimits: false, omitVipLevel: true });
  });
  after(async () => {
    await sim.close();
    await older.close();
  });

  const facts = (handle: BybitSimulatorHandle) =>
    createBybitConnector({ baseUrl: handle.baseUrl, credentials: handle.accounts[0]!.credentials }, { limiter: unpaced(), retry: quickRetry }).feeTierFacts!(
      AbortSignal.timeout(10_000),
      NOW,
    );

  test('spells Bybit’s level names as its fee page does', () => {
    assert.deepEqual(
      ['No VIP', 'VIP-1', 'VIP-5', 'VIP-Supreme', 'PRO-3', 'Something New'].map(bybitTierName),
      ['VIP 0', 'VIP 1', 'VIP 5', 'Supreme VIP', 'Pro 3', 'Something New'],
    );
  });

  test('gives the level Bybit reports and the contract rates it charges, and no ladder', async () => {
    const today = new Date(NOW).toISOString().slice(0, 10);
    const { tier } = simTierFor(SMALL, windowMicros(bybitDaily(sim), dayPlus(today, -29), today));
    const result = await facts(sim);
    assert.equal(result.tierName, bybitTierName(tier.name));
    assert.equal(result.takerRate, Number(tier.taker));
    assert.equal(result.makerRate, Number(tier.maker));
    assert.equal(result.ladder, null);
    assert.equal(result.reportedVolumeMicros, null);
  });

  test('still gives the rates when query-api has no vipLevel', async () => {
    const result = await facts(older);
    assert.equal(result.tierName, null);
    assert.equal(result.takerRate, 0.00055);
  });

  test('a key refused its fee rate gets an error that names the fee rate, not trade history', async () => {
    sim.failFeeTierRequests(true);
    try {
      const error = await rejectsWithCode(facts(sim), 'permission_denied');
      assert.match(error.message, /would not tell this API key its fee rate/);
    } finally {
      sim.failFeeTierRequests(false);
    }
  });
});
