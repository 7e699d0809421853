/**
 * A WOO X page holding a perp quoted in a coin that is no USD stablecoin, or a kind of symbol
 * Perpvol does not know, is still taken: those rows are kept aside (unclassified) and the rest of
 * the page counts — the sync never stops on them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createWooxConnector } from '../../../src-main/connectors/woox/descriptor.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../../sim/woox/simulator.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';
import { fastOptions } from './fast-options.ts';

const NOW = Date.UTC(2025, 8, 15, 9, 30);
const DAY = 86_400_000;
let sim: WooxSimulatorHandle;

before(async () => {
  sim = await startWooxSimulator({ seed: 77, fillsPerAccount: 600, days: 60, now: () => NOW, enforceRateLimits: false });
  const ledger = sim.ledgers[0]!;
  for (const [i, symbol] of ['PERP_BTC_EUR', 'FUTURE_BTC_USDT', 'PERP_ETH_EUR'].entries()) ledger.tradeOdd(symbol, NOW - DAY + i);
});
after(() => sim.close());

test('rows of unknown markets are kept aside by type, the page around them counts, and the pass completes', async () => {
  const collector = new FillCollector();
  await collector.run(createWooxConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, fastOptions(() => NOW)), NOW);
  assert.equal(collector.pages.at(-1)!.progress, 1);
  assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
  const counts = new Map<string, number>();
  for (const rawType of collector.unclassified.values()) counts.set(rawType, (counts.get(rawType) ?? 0) + 1);
  assert.deepEqual(sortedDays(counts), sortedDays(sim.ledgers[0]!.unclassifiedTruth(NOW)));
  assert.deepEqual(sortedDays(counts), [['FUTURE_ market', 1], ['PERP_ quoted in EUR', 2]]);
});
