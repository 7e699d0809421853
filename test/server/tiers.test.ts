/**
 * GET /api/v1/tiers end to end: a real headless server on loopback syncs one account per exchange
 * from the four simulators, then tells each exchange's fee-tier window, our exact volume over it
 * (against the simulators' rows, summed by the tests' own arithmetic), the tier and rates the
 * exchange's API reports with the next tier, and what rolls off on each of the next 14 or 30 days.
 * When the exchanges will not say, the answer still comes — from the tier tables.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SyncStatus } from '../../src-shared/schemas.ts';
import type { Tiers, TierView } from '../../src-shared/tier-schemas.ts';
import { SHIPPED_TIER_TABLES } from '../../src-main/service/tiers/shipped-tier-tables.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../sim/bybit/simulator.ts';
import { usdMicros } from '../sim/truth/decimal.ts';
import { PARADEX_PRO_SIM_LADDER, type SimTier } from '../sim/fee-tier-ladders.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../sim/paradex/index.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../sim/woox/simulator.ts';
import {
  bybitDaily,
  expectedRollOff,
  hyperliquidDaily,
  ladderPosition,
  micros,
  paradexDaily,
  rollOffMicros,
  windowMicros,
  wooxDaily,
  type DailyTruth,
} from '../support/tier-truth.ts';
import { eventually, startTestServer, type TestServer } from './harness.ts';

/** Ladders small enough that a few thousand seeded fills sit between two tiers. */
const HL_LADDER: SimTier[] = [
  { name: 'Tier 0', volumeUsd: '0', taker: '0.00045', maker: '0.00015' },
  { name: 'Tier 1', volumeUsd: '1000000', taker: '0.0004', maker: '0.00012' },
  { name: 'Tier 2', volumeUsd: '2000000', taker: '0.00035', maker: '0.00008' },
  { name: 'Tier 3', volumeUsd: '4000000', taker: '0.0003', maker: '0.00004' },
  { name: 'Tier 4', volumeUsd: '50000000', taker: '0.00028', maker: '0' },
];
const BYBIT_LADDER: SimTier[] = [
  { name: 'No VIP', volumeUsd: '0', taker: '0.00055', maker: '0.0002' },
  { name: 'VIP-1', volumeUsd: '500000', taker: '0.0004', maker: '0.00018' },
  { name: 'VIP-2', volumeUsd: '1000000', taker: '0.000375', maker: '0.00016' },
  { name: 'VIP-3', volumeUsd: '2000000', taker: '0.00035', maker: '0.00014' },
  { name: 'VIP-4', volumeUsd: '90000000', taker: '0.00032', maker: '0.00012' },
];
const WOOX_LADDER: SimTier[] = [
  { name: 'base', volumeUsd: '0', taker: '5', maker: '2' },
  { name: 'volume 1', volumeUsd: '1000000', taker: '4.5', maker: '1.8' },
  { name: 'volume 2', volumeUsd: '100000000', taker: '4', maker: '1.5' },
];

const rate = (text: string) => Number(text);
const usd = (micros: bigint) => Number(micros) / 1_000_000;
const todayOf = (tiers: Tiers) => tiers.asOf.slice(0, 10);

describe('GET /api/v1/tiers against the four exchange simulators', () => {
  let server: TestServer;
  let hl: HyperliquidSimulatorHandle;
  let bybit: BybitSimulatorHandle;
  let woox: WooxSimulatorHandle;
  let paradex: ParadexSimulatorHandle;
  const truth = new Map<string, DailyTruth>();
  // Kept across the two servers of the last test (a harness-made folder goes with its server).
  const dataDir = mkdtempSync(join(tmpdir(), 'perpvol-tiers-'));

  async function tiers(): Promise<Tiers> {
    const answer = await server.call('GET', '/api/v1/tiers');
    assert.equal(answer.status, 200, answer.text);
    return answer.json as Tiers;
  }

  before(async () => {
    [hl, bybit, woox, paradex] = await Promise.all([
      startHyperliquidSimulator({ seed: 21, fillsPerAccount: 3_000, days: 30, feeTiers: HL_LADDER }),
      startBybitSimulator({ seed: 21, fillsPerAccount: 3_000, days: 60, accounts: 1, feeTiers: BYBIT_LADDER }),
      startWooxSimulator({ seed: 21, fillsPerAccount: 3_000, days: 60, feeTiers: WOOX_LADDER }),
      startParadexSimulator({ seed: 21, fillsPerAccount: 1_500, days: 30, accounts: 2 }),
    ]);
    server = await startTestServer({ dataDir });
    const accounts: [string, Record<string, string>, string][] = [
      ['hyperliquid', hl.accounts[0]!.credentials, hl.baseUrl],
      ['bybit', bybit.accounts[0]!.credentials, bybit.baseUrl],
      ['woox', woox.accounts[0]!.credentials, woox.baseUrl],
      ['paradex', paradex.accounts[1]!.credentials, paradex.baseUrl], // account 1 signs with a subkey
    ];
    for (const [exchange, credentials, baseUrl] of accounts) {
      const added = await server.call('POST', '/api/v1/accounts', { body: { exchange, label: exchange, credentials, baseUrl } });
      assert.equal(added.status, 201, added.text);
    }
    assert.equal((await server.call('POST', '/api/v1/sync', { body: {} })).status, 202);
    await eventually(
      async () => {
        const { accounts: statuses } = (await server.call('GET', '/api/v1/sync')).json as { accounts: SyncStatus[] };
        const failed = statuses.find((s) => s.state === 'error');
        if (failed) throw new Error(`sync failed: ${JSON.stringify(failed.error)}`);
        return statuses.length === 4 && statuses.every((s) => s.state === 'done') ? true : undefined;
      },
      'all four accounts to finish their first sync',
      2_400,
    );
    truth.set('hyperliquid', hyperliquidDaily(hl));
    truth.set('bybit', bybitDaily(bybit));
    truth.set('woox', wooxDaily(woox));
    truth.set('paradex', paradexDaily(paradex, 1));
  });

  after(async () => {
    await server?.close();
    await Promise.all([hl?.close(), bybit?.close(), woox?.close(), paradex?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  function checkVolumeAndRollOff(view: TierView, exchange: string, days: number, today: string): bigint {
    assert.equal(view.window.days, days, `${exchange} window`);
    assert.equal(view.window.to, today, `${exchange}: the window ends today`);
    const daily = truth.get(exchange)!;
    const volume = windowMicros(daily, view.window.from, view.window.to);
    assert.ok(volume > 0n, `${exchange}: the seeded history reaches into the window`);
    assert.equal(micros(view.volumeUsd), volume, `${exchange}: our volume over the window, to the micro-dollar`);
    assert.equal(view.rollOff.length, days, `${exchange}: one roll-off entry per day of the window`);
    assert.deepEqual(rollOffMicros(view), expectedRollOff(daily, view.window.from, view.window.to, days), `${exchange} roll-off`);
    return volume;
  }

  test('gives each exchange its window, our exact volume over it, and what leaves on each of the next 14 or 30 days', async () => {
    const answer = await tiers();
    if (process.env.SHOW_TIERS) console.log(JSON.stringify(answer, (k, v) => (k === 'rollOff' ? v.slice(0, 2) : v), 1));
    const today = todayOf(answer);
    assert.deepEqual(Object.keys(answer.exchanges).sort(), ['bybit', 'hyperliquid', 'paradex', 'woox']);
    assert.equal(answer.tierTableError, null);
    checkVolumeAndRollOff(answer.exchanges.hyperliquid!, 'hyperliquid', 14, today);
    checkVolumeAndRollOff(answer.exchanges.bybit!, 'bybit', 30, today);
    checkVolumeAndRollOff(answer.exchanges.woox!, 'woox', 30, today);
    checkVolumeAndRollOff(answer.exchanges.paradex!, 'paradex', 14, today);
  });

  test('Hyperliquid: your rates and the fee schedule from userFees, its own 14-day figure beside ours', async () => {
    const view = (await tiers()).exchanges.hyperliquid!;
    const volume = micros(view.volumeUsd);
    const { tier, next } = ladderPosition(HL_LADDER, volume);
    assert.ok(next, 'the seeded history sits below the top tier');
    assert.equal(view.source, 'exchange');
    assert.deepEqual(view.tier, { name: tier.name, takerRate: rate(tier.taker), makerRate: rate(tier.maker), volumeUsd: Number(tier.volumeUsd) });
    assert.deepEqual(view.nextTier, { name: next.name, volumeUsd: Number(next.volumeUsd), takerRate: rate(next.taker), makerRate: rate(next.maker) });
    assert.equal(micros(view.neededUsd!), usdMicros(next.volumeUsd) - volume);
    assert.equal(micros(view.reportedVolumeUsd!), volume, 'every fill of the window is served, so the exchange counts what we count');
    assert.equal(view.tierTableAsOf, null, 'nothing came from the tier table');
    assert.equal(view.exchangeError, null);
  });

  test('Bybit: the VIP level and rates Bybit reports, the next level from the tier table', async () => {
    const view = (await tiers()).exchanges.bybit!;
    const volume = micros(view.volumeUsd);
    const { tier } = ladderPosition(BYBIT_LADDER, volume);
    const name = tier.name.replace(/^No VIP$/, 'VIP 0').replace('-', ' ');
    assert.equal(view.source, 'exchange');
    assert.equal(view.tier?.name, name);
    assert.equal(view.tier?.takerRate, rate(tier.taker));
    assert.equal(view.tier?.makerRate, rate(tier.maker));
    const shipped = SHIPPED_TIER_TABLES.bybit.tiers;
    const next = shipped[shipped.findIndex((step) => step.name === name) + 1]!;
    assert.deepEqual(view.nextTier, { name: next.name, volumeUsd: next.volumeUsd, takerRate: next.takerRate, makerRate: next.makerRate });
    assert.equal(micros(view.neededUsd!), usdMicros(String(next.volumeUsd)) - volume);
    assert.equal(view.tierTableAsOf, SHIPPED_TIER_TABLES.bybit.asOf, 'the ladder came from the tier table');
    assert.equal(view.tierTableSource, SHIPPED_TIER_TABLES.bybit.source);
  });

  test('what each ladder counts: Bybit sums perpetuals and dated futures (its VIP level counts derivatives), the others perpetuals only', async () => {
    const answer = await tiers();
    const view = answer.exchanges.bybit!;
    const perpsOnly = windowMicros(new Map([...bybit.accounts[0]!.truth(['perpetual'])].map(([day, t]) => [day, BigInt(t.volumeMicros)])), view.window.from, view.window.to);
    assert.ok(micros(view.volumeUsd) > perpsOnly, 'the seeded Bybit history has dated futures in the window, and they count');
    assert.match(view.counts, /Perpvol counts the perpetual and dated-futures fills/);
    for (const exchange of ['hyperliquid', 'woox', 'paradex'] as const) assert.match(answer.exchanges[exchange]!.counts, /Perpvol counts the perp fills/);
  });

  test('WOO X: the rates tradingFee reports (basis points), the tier from the table', async () => {
    const view = (await tiers()).exchanges.woox!;
    const { tier } = ladderPosition(WOOX_LADDER, micros(view.volumeUsd));
    assert.equal(view.source, 'exchange');
    assert.equal(view.tier?.takerRate, Number(`${tier.taker}e-4`));
    assert.equal(view.tier?.makerRate, Number(`${tier.maker}e-4`));
    assert.equal(view.tierTableAsOf, SHIPPED_TIER_TABLES.woox.asOf);
  });

  test('Paradex: tier, volume and rates from account/info, the ladder from system/volume-tiers', async () => {
    const view = (await tiers()).exchanges.paradex!;
    const volume = micros(view.volumeUsd);
    const { tier, next } = ladderPosition(PARADEX_PRO_SIM_LADDER, volume);
    assert.ok(next);
    assert.equal(view.source, 'exchange');
    assert.deepEqual(view.tier, { name: tier.name, takerRate: rate(tier.taker), makerRate: rate(tier.maker), volumeUsd: Number(tier.volumeUsd) });
    assert.deepEqual(view.nextTier, { name: next.name, volumeUsd: Number(next.volumeUsd), takerRate: rate(next.taker), makerRate: rate(next.maker) });
    assert.equal(micros(view.reportedVolumeUsd!), volume);
    assert.equal(micros(view.neededUsd!), usdMicros(next.volumeUsd) - volume);
    assert.equal(view.tierTableAsOf, null);
  });

  test('a target per exchange is kept in the database, shown against the window, and cleared', async () => {
    const set = await server.call('PUT', '/api/v1/targets/hyperliquid', { body: { volumeUsd: 12_345_678.9 } });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.json.exchange, 'hyperliquid');
    assert.equal(set.json.volumeUsd, 12_345_678.9);
    const listed = await server.call('GET', '/api/v1/targets');
    assert.deepEqual(listed.json.targets.map((t: { exchange: string; volumeUsd: number }) => [t.exchange, t.volumeUsd]), [['hyperliquid', 12_345_678.9]]);
    const view = (await tiers()).exchanges.hyperliquid!;
    const basis = micros(Math.max(view.volumeUsd, view.reportedVolumeUsd ?? 0));
    assert.deepEqual(view.target, { volumeUsd: 12_345_678.9, neededUsd: usd(12_345_678_900_000n - basis), reached: false });

    const cleared = await server.call('PUT', '/api/v1/targets/hyperliquid', { body: { volumeUsd: null } });
    assert.deepEqual(cleared.json, { exchange: 'hyperliquid', volumeUsd: null, updatedAt: null });
    assert.equal((await tiers()).exchanges.hyperliquid!.target, null);
    assert.deepEqual((await server.call('GET', '/api/v1/targets')).json, { targets: [] });
  });

  test('a bad target is refused with what to send instead', async () => {
    const negative = await server.call('PUT', '/api/v1/targets/bybit', { body: { volumeUsd: -5 } });
    assert.equal(negative.status, 400);
    assert.match(negative.json.error.message, /at least \$0\.01; send null to clear it/);
    const unknown = await server.call('PUT', '/api/v1/targets/bitmex', { body: { volumeUsd: 5 } });
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.message, /bybit/);
    const missing = await server.call('PUT', '/api/v1/targets/bybit', { body: {} });
    assert.equal(missing.status, 400);
    assert.equal((await server.call('PUT', '/api/v1/targets/bybit', { body: { volumeUsd: 5 }, token: null })).status, 401);
  });

  test('when the exchanges will not say, the tier tables stand in and the answer still comes', async () => {
    // A new server forgets the facts it cached; the data (accounts, fills) stays in the data dir.
    await server.close();
    const ownTable = {
      woox: {
        asOf: '2026-11-20',
        source: 'my WOO X notes',
        tiers: [
          { name: 'Mine 0', volumeUsd: 0, makerRate: 0.0002, takerRate: 0.0005 },
          { name: 'Mine 1', volumeUsd: 80_000_000, makerRate: 0.00015, takerRate: 0.0004 },
        ],
      },
    };
    writeFileSync(join(dataDir, 'tier-tables.json'), JSON.stringify(ownTable));
    for (const sim of [hl, bybit, woox, paradex]) sim.failFeeTierRequests(true);
    server = await startTestServer({ dataDir });
    try {
      const answer = await tiers();
      if (process.env.SHOW_TIERS) console.log(JSON.stringify(answer, (k, v) => (k === 'rollOff' ? v.slice(0, 2) : v), 1));
      const today = todayOf(answer);
      for (const [exchange, days] of [['hyperliquid', 14], ['bybit', 30], ['woox', 30], ['paradex', 14]] as const) {
        const view = answer.exchanges[exchange]!;
        const volume = checkVolumeAndRollOff(view, exchange, days, today);
        assert.equal(view.source, 'perpvol', `${exchange} falls back to the tier table`);
        assert.ok(view.exchangeError?.code && view.exchangeError.message.length > 10, `${exchange} says why: ${JSON.stringify(view.exchangeError)}`);
        assert.equal(view.reportedVolumeUsd, null);
        if (exchange === 'woox') {
          assert.equal(view.tierTableAsOf, '2026-11-20', 'the user’s own table is used and dated');
          assert.equal(view.tierTableSource, join(dataDir, 'tier-tables.json'));
          assert.equal(view.tier?.name, 'Mine 0');
          assert.equal(micros(view.neededUsd!), 80_000_000_000_000n - volume);
          continue;
        }
        const table = SHIPPED_TIER_TABLES[exchange];
        assert.equal(view.tierTableAsOf, table.asOf);
        const steps = [...table.tiers].filter((step) => usdMicros(String(step.volumeUsd)) <= volume);
        assert.equal(view.tier?.name, steps[steps.length - 1]!.name);
        const next = table.tiers[steps.length];
        assert.equal(view.nextTier?.name ?? null, next?.name ?? null);
        assert.equal(view.neededUsd === null ? null : micros(view.neededUsd), next ? usdMicros(String(next.volumeUsd)) - volume : null);
      }
    } finally {
      for (const sim of [hl, bybit, woox, paradex]) sim.failFeeTierRequests(false);
    }
  });
});
