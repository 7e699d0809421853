import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { utcDay } from '../../../src-main/core/days.ts';
import { notionalMicros } from '../../../src-main/core/usd.ts';
import type { HyperliquidInfoClient } from '../../../src-main/connectors/hyperliquid/client.ts';
import { createHyperliquidConnector } from '../../../src-main/connectors/hyperliquid/descriptor.ts';
import { fetchReportedVolume } from '../../../src-main/connectors/hyperliquid/account.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../../sim/hyperliquid/simulator.ts';
import { FAST_RETRY, NOW } from './support.ts';

describe('Hyperliquid reported volume', () => {
  let sim: HyperliquidSimulatorHandle;
  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 51, fillsPerAccount: 14_000, days: 60, now: () => NOW });
  });
  after(() => sim.close());

  const connector = () => createHyperliquidConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, { retry: FAST_RETRY });

  test('gives userFees daily volume split into maker (userAdd) and taker (userCross)', async () => {
    const reported = (await connector().reportedVolume!(AbortSignal.timeout(10_000)))!;
    assert.equal(reported.daily.length, 15);
    assert.equal(reported.daily.at(-1)!.day, utcDay(NOW));
    const truth = sim.accounts[0]!.truth();
    for (const day of reported.daily) {
      const expected = truth.get(day.day);
      assert.equal(day.volumeMicros, BigInt(expected?.volumeMicros ?? 0), day.day);
      assert.equal(day.makerMicros, BigInt(expected?.makerMicros ?? 0), day.day);
      assert.equal(day.takerMicros, BigInt(expected?.takerMicros ?? 0), day.day);
    }
  });

  test('gives the perp all-time volume, which still counts fills beyond the 10,000 served', async () => {
    const reported = (await connector().reportedVolume!(AbortSignal.timeout(10_000)))!;
    const perpRows = sim.accounts[0]!.allFills().filter((row) => !row.coin.startsWith('@') && !row.coin.includes('/'));
    const allTime = perpRows.reduce((sum, row) => sum + notionalMicros(row.px, row.sz), 0);
    assert.equal(reported.allTimeMicros, BigInt(allTime));
    const served = [...sim.accounts[0]!.truth().values()].reduce((sum, day) => sum + day.volumeMicros, 0);
    assert.ok(reported.allTimeMicros! > BigInt(served));
  });
});

test("a whale's figures past 9 billion USD come through to the micro-dollar, with what the days count", async () => {
  const answers: Record<string, unknown> = {
    userFees: { dailyUserVlm: [{ date: '2025-6-15', userCross: '9007199254.740993', userAdd: '1.5', exchange: '1' }] },
    portfolio: [['allTime', { vlm: '12345678901.2345' }], ['perpAllTime', { vlm: '12345678901.234567' }]],
  };
  const client = {
    info: async (body: { type: string }, schema: { parse(value: unknown): unknown }) => schema.parse(answers[body.type]),
  } as unknown as HyperliquidInfoClient;
  const reported = await fetchReportedVolume(client, '0xabc', AbortSignal.timeout(1_000), NOW);
  assert.equal(reported.allTimeMicros, 12_345_678_901_234_567n, 'the perp all-time figure, exact past 2^53 micro-dollars');
  assert.deepEqual(reported.daily, [{ day: '2025-06-15', volumeMicros: 9_007_199_256_240_993n, makerMicros: 1_500_000n, takerMicros: 9_007_199_254_740_993n }]);
  assert.equal(reported.dailyLabel, 'Hyperliquid fee-tier volume (includes spot and sub-accounts)');
});
