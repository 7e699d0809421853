import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { utcDay } from '../../../src-main/core/days.ts';
import { notionalMicros } from '../../../src-main/core/usd.ts';
import { createHyperliquidConnector } from '../../../src-main/connectors/hyperliquid/connector.ts';
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
