/**
 * What the volume cost, through the service on a real SQLite store, on fixtures whose every figure
 * is added up by hand below (never with Perpvol's own money math): Bybit with a rebate, a fee in a
 * token without a price and the VIP level Bybit reports; Hyperliquid across a tier change and with
 * fills imported without a side; WOO X with no known ladder; kinds, ranges and groupings.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API_METHODS } from '../../src-shared/contract.ts';
import type { CostRow } from '../../src-shared/cost-schemas.ts';
import type { ExchangeId } from '../../src-main/core/exchange.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import type { Connector } from '../../src-main/connectors/kit/connector.ts';
import { EncryptedFileSecretStore } from '../../src-main/secrets/encrypted-file-store.ts';
import { VolumeService } from '../../src-main/service/volume-service.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../sync/fixtures/sync-harness.ts';

const NOW = Date.UTC(2026, 2, 15, 12); // 2026-03-15 12:00 UTC: the default range is 2026-02-14 … 2026-03-15
const at = (day: string) => Date.parse(`${day}T10:00:00Z`);

/** Ladders of our own, so every expected figure below follows from numbers written in this file. */
const TIER_TABLES = {
  hyperliquid: {
    asOf: '2026-03-01',
    source: 'test',
    tiers: [
      { name: 'Tier 0', volumeUsd: 0, takerRate: 0.0005, makerRate: 0.0002 },
      { name: 'Tier 1', volumeUsd: 1_000_000, takerRate: 0.0004, makerRate: 0.0001 },
      { name: 'Tier 2', volumeUsd: 5_000_000, takerRate: 0.0003, makerRate: 0 },
    ],
  },
  bybit: {
    asOf: '2026-03-01',
    source: 'test',
    tiers: [
      { name: 'VIP 0', volumeUsd: 0, takerRate: 0.00055, makerRate: 0.0002 },
      { name: 'VIP 1', volumeUsd: 10_000_000, takerRate: 0.0004, makerRate: 0.00018 },
      { name: 'VIP 2', volumeUsd: 25_000_000, takerRate: 0.000375, makerRate: 0.00016 },
    ],
  },
};

/** A fill with its USD amounts written out: notional and fee in micro-dollars. */
function fill(id: string, exchange: ExchangeId, day: string, notionalUsd: number, fee: string, liquidity: Fill['liquidity'], over: Partial<Fill> = {}): Fill {
  return {
    exchange, tradeId: id, orderId: null, symbol: 'BTC', kind: 'perpetual', underlying: 'BTC', side: 'buy', price: String(notionalUsd), qty: '1',
    notionalMicros: notionalUsd * 1_000_000, fee, feeCurrency: 'USDC', feeMicros: Math.round(Number(fee) * 1_000_000), liquidity, ts: at(day), ...over,
  };
}

const BYBIT = [
  fill('b-maker', 'bybit', '2026-03-10', 1_000_000, '180', 'maker'), // 0.018 %
  fill('b-rebate', 'bybit', '2026-03-10', 500_000, '-25', 'maker'), // a rebate: -0.005 %
  fill('b-taker', 'bybit', '2026-03-10', 2_000_000, '800', 'taker'), // 0.04 %
  fill('b-token', 'bybit', '2026-03-11', 100_000, '0.5', 'taker', { feeCurrency: 'DIME', feeMicros: null }), // cannot be priced
  fill('b-future', 'bybit', '2026-03-11', 400_000, '160', 'taker', { symbol: 'BTCUSDT-27MAR26', kind: 'dated_future' }),
];
const HYPERLIQUID = [
  fill('h-1', 'hyperliquid', '2026-03-01', 800_000, '400', 'taker'), // 14-day volume 0.8M: Tier 0 (0.05 %)
  fill('h-2', 'hyperliquid', '2026-03-05', 600_000, '240', 'taker'), // 1.4M: Tier 1 (0.04 %)
  fill('h-3', 'hyperliquid', '2026-03-12', 400_000, '40', 'maker'), // Tier 1 maker 0.01 %
  fill('h-csv', 'hyperliquid', '2026-03-12', 200_000, '80', null), // imported from the Trade History CSV: no side
];
const WOOX = [fill('w-1', 'woox', '2026-03-12', 1_000_000, '500', 'taker')];

function fakeConnector(exchange: ExchangeId): Connector {
  return {
    exchange,
    async *pages() {},
    checkCredential: async () => ({ identity: `${exchange}-1`, canWithdrawOrTransfer: false, permissions: {}, warnings: [] }),
    // Bybit's API names the level and the rates it charges this account
    ...(exchange === 'bybit'
      ? { feeTierFacts: async () => ({ tierName: 'VIP 1', makerRate: 0.00018, takerRate: 0.0004, ladder: null, reportedVolumeMicros: null, windowDays: null }) }
      : {}),
  };
}

const near = (actual: number | null | undefined, expected: number, what: string) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * 1e-12, `${what}: ${actual} ≠ ${expected}`);

describe('costs: what the volume cost, against your tier', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: Store;
  let service: VolumeService;
  const ids = {} as Record<ExchangeId, string>;
  const row = (rows: CostRow[], exchange: ExchangeId) => rows.find((r) => r.exchange === exchange)!;

  before(async () => {
    dir = await makeTempDir();
    const tierTablePath = join(dir.path, 'tier-tables.json');
    writeFileSync(tierTablePath, JSON.stringify(TIER_TABLES));
    store = await openStore({ dataDir: dir.path });
    const secrets = new EncryptedFileSecretStore({ filePath: join(dir.path, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY });
    const bus = new EventBus();
    const engine = new SyncEngine({ store, secrets, bus, now: () => NOW, createConnector: fakeConnector });
    service = new VolumeService({ store, secrets, engine, bus, now: () => NOW, createConnector: fakeConnector, tierTablePath });
    ids.bybit = (await service.addAccount({ exchange: 'bybit', label: 'Main', credentials: { apiKey: 'k', apiSecret: 's' } })).id;
    ids.hyperliquid = (await service.addAccount({ exchange: 'hyperliquid', label: 'HL', credentials: { address: `0x${'ab'.repeat(20)}` } })).id;
    ids.woox = (await service.addAccount({ exchange: 'woox', label: 'WOO', credentials: { apiKey: 'w', apiSecret: 's' } })).id;
    for (const [exchange, fills] of [['bybit', BYBIT], ['hyperliquid', HYPERLIQUID], ['woox', WOOX]] as const) {
      await store.fills.importFills(ids[exchange], fills);
    }
  });
  after(async () => {
    await store.close();
    await dir.remove();
  });

  test('by default: the last 30 UTC days, per exchange, perpetuals only, every field as the contract says', async () => {
    const costs = API_METHODS.costs.output.parse(await service.costs({}));
    assert.deepEqual([costs.from, costs.to, costs.groupBy, costs.kinds], ['2026-02-14', '2026-03-15', 'exchange', ['perpetual']]);
    // in the order the registry lists its exchanges
    assert.deepEqual(costs.rows.map((r) => r.key), ['hyperliquid', 'bybit', 'woox']);
  });

  test('Bybit: a rebate lowers the maker fees, a token fee is listed apart, rates against the VIP level Bybit reports', async () => {
    const bybit = row((await service.costs({})).rows, 'bybit');
    // perps: maker 1,000,000 + 500,000; taker 2,000,000 + 100,000 (the DIME fill)
    assert.deepEqual([bybit.volumeUsd, bybit.makerVolumeUsd, bybit.takerVolumeUsd, bybit.unknownSideVolumeUsd], [3_600_000, 1_500_000, 2_100_000, 0]);
    // 180 − 25 + 800; the 0.5 DIME is not $0, it is not in USD at all
    assert.deepEqual([bybit.feesUsd, bybit.makerFeesUsd, bybit.takerFeesUsd, bybit.unknownSideFeesUsd], [955, 155, 800, 0]);
    assert.deepEqual(bybit.unpricedFees, [{ currency: 'DIME', amount: '0.5', fills: 1 }]);
    assert.equal(bybit.trades, 4);
    near(bybit.feesPerMillionUsd, 955 / 3.6, 'fees per $1M');
    near(bybit.makerRate, 155 / 1_500_000, 'maker rate');
    near(bybit.takerRate, 800 / 2_100_000, 'taker rate');
    near(bybit.makerShare, 1.5 / 3.6, 'maker share');
    assert.deepEqual(bybit.tier, { name: 'VIP 1', makerRate: 0.00018, takerRate: 0.0004, source: 'exchange' });
    // 1,500,000 × 0.018 % + 2,100,000 × 0.04 % = 270 + 840
    assert.equal(bybit.tierCostUsd, 1110);
    assert.equal(bybit.vsTierUsd, -155);
    const causes = bybit.tierGap?.causes.join('\n') ?? '';
    assert.match(causes, /1 fill paid fees in DIME, which Perpvol cannot price/);
    assert.match(causes, /less than the rates Bybit reports/);
    // VIP 2 at 0.016 % / 0.0375 %: 240 + 787.5 = 1027.5, saving 82.5; it needs 25M − 4M (perps and futures count) = 21M,
    // which at your 955 / 3.6M costs 21M × 955 / 3.6M = 5,570.833333…
    assert.deepEqual(bybit.nextTiers, [
      { name: 'VIP 2', makerRate: 0.00016, takerRate: 0.000375, savingsUsd: 82.5, thresholdUsd: 25_000_000, neededVolumeUsd: 21_000_000, chaseCostUsd: 5570.833333 },
    ]);
  });

  test('dated futures count only when asked, as the volume endpoints take kinds', async () => {
    const both = row((await service.costs({ kinds: 'perpetual,dated_future' })).rows, 'bybit');
    assert.deepEqual([both.volumeUsd, both.takerVolumeUsd, both.feesUsd, both.takerFeesUsd, both.trades], [4_000_000, 2_500_000, 1115, 960, 5]);
    const futures = row((await service.costs({ kinds: 'dated_future' })).rows, 'bybit');
    assert.deepEqual([futures.volumeUsd, futures.feesUsd, futures.unpricedFees], [400_000, 160, []]);
  });

  test('Hyperliquid: a range across a tier change is flagged with the earlier tier, and fills without a side are counted in fees only', async () => {
    const hl = row((await service.costs({})).rows, 'hyperliquid');
    assert.deepEqual([hl.volumeUsd, hl.makerVolumeUsd, hl.takerVolumeUsd, hl.unknownSideVolumeUsd], [2_000_000, 400_000, 1_400_000, 200_000]);
    assert.deepEqual([hl.feesUsd, hl.makerFeesUsd, hl.takerFeesUsd, hl.unknownSideFeesUsd], [760, 40, 640, 80]);
    assert.equal(hl.feesPerMillionUsd, 380);
    assert.equal(hl.makerRate, 0.0001);
    near(hl.takerRate, 640 / 1_400_000, 'taker rate');
    near(hl.makerShare, 400_000 / 1_800_000, 'maker share over fills with a side');
    // today's 14-day volume 0.6M + 0.4M + 0.2M = 1.2M: Tier 1, from the ladder
    assert.deepEqual(hl.tier, { name: 'Tier 1', makerRate: 0.0001, takerRate: 0.0004, source: 'perpvol' });
    assert.equal(hl.tierCostUsd, 600); // 400,000 × 0.01 % + 1,400,000 × 0.04 %
    assert.equal(hl.vsTierUsd, 160);
    const causes = hl.tierGap?.causes ?? [];
    assert.match(causes[0] ?? '', /14-day volume put you at Tier 0 on 1 day of this range, not Tier 1/);
    assert.match(causes[1] ?? '', /\$200,000\.00 of this volume has no maker\/taker side .* its \$80\.00 of fees/);
    // Tier 2: 0 + 1,400,000 × 0.03 % = 420 → saves 180; needs 5M − 1.2M = 3.8M, at 380 per $1M = 1,444
    assert.deepEqual(hl.nextTiers, [{ name: 'Tier 2', makerRate: 0, takerRate: 0.0003, savingsUsd: 180, thresholdUsd: 5_000_000, neededVolumeUsd: 3_800_000, chaseCostUsd: 1444 }]);

    // from 2026-03-05 on, every fill was at Tier 1: only the fills without a side stay as a cause
    const later = row((await service.costs({ from: '2026-03-05', to: '2026-03-15' })).rows, 'hyperliquid');
    assert.deepEqual([later.feesUsd, later.tierCostUsd, later.vsTierUsd], [360, 280, 80]);
    assert.equal(later.tierGap?.causes.length, 2);
    assert.match(later.tierGap!.causes[0]!, /no maker\/taker side/);
  });

  test('WOO X: no known ladder means no tier, no next tiers, and a plain explanation', async () => {
    const woox = row((await service.costs({})).rows, 'woox');
    assert.deepEqual([woox.volumeUsd, woox.feesUsd, woox.feesPerMillionUsd, woox.takerRate, woox.makerRate, woox.makerShare], [1_000_000, 500, 500, 0.0005, null, 0]);
    assert.deepEqual([woox.tier, woox.tierCostUsd, woox.vsTierUsd, woox.tierGap, woox.nextTiers], [null, null, null, null, []]);
    assert.match(woox.tierNote ?? '', /^No fee ladder is known for WOO X, so there is no tier to compare your fees with/);
  });

  test('the total adds every exchange exactly; maker share is over fills with a known side', async () => {
    const { total } = await service.costs({});
    assert.deepEqual([total.key, total.exchange, total.tier, total.nextTiers], ['total', null, null, []]);
    assert.deepEqual([total.volumeUsd, total.feesUsd, total.makerVolumeUsd, total.takerVolumeUsd, total.unknownSideVolumeUsd], [6_600_000, 2215, 1_900_000, 4_500_000, 200_000]);
    near(total.feesPerMillionUsd, 2215 / 6.6, 'fees per $1M');
    assert.equal(total.makerShare, 0.296875); // 1.9M ÷ 6.4M
    assert.deepEqual(total.unpricedFees, [{ currency: 'DIME', amount: '0.5', fills: 1 }]);
  });

  test('groupBy=account labels each account; groupBy=day has every day of the range', async () => {
    const accounts = await service.costs({ groupBy: 'account' });
    assert.deepEqual(accounts.rows.map((r) => [r.key, r.label, r.exchange, r.accountId, r.feesUsd]), [
      [ids.hyperliquid, 'HL (Hyperliquid)', 'hyperliquid', ids.hyperliquid, 760],
      [ids.bybit, 'Main (Bybit)', 'bybit', ids.bybit, 955],
      [ids.woox, 'WOO (WOO X)', 'woox', ids.woox, 500],
    ]);
    assert.equal(accounts.rows[1]!.vsTierUsd, -155, 'an account row is compared with its exchange’s tier');
    const days = await service.costs({ groupBy: 'day', from: '2026-03-10', to: '2026-03-12' });
    assert.deepEqual(days.rows.map((r) => [r.key, r.date, r.volumeUsd, r.feesUsd, r.unknownSideVolumeUsd, r.unpricedFees.length]), [
      ['2026-03-10', '2026-03-10', 3_500_000, 955, 0, 0],
      ['2026-03-11', '2026-03-11', 100_000, 0, 0, 1],
      ['2026-03-12', '2026-03-12', 1_600_000, 620, 200_000, 0],
    ]);
  });

  test('the chart has fees per $1M per exchange and day; the cheapest exchange prices your 30-day mix', async () => {
    const costs = await service.costs({ from: '2026-03-01', to: '2026-03-15' });
    const hl = costs.chart.find((s) => s.exchange === 'hyperliquid')!;
    assert.equal(hl.days.length, 15);
    assert.deepEqual(hl.days.find((d) => d.date === '2026-03-05'), { date: '2026-03-05', volumeUsd: 600_000, feesUsd: 240, feesPerMillionUsd: 400 });
    assert.equal(hl.days.find((d) => d.date === '2026-03-02')?.feesPerMillionUsd, null);
    // the mix over 2026-02-14 … 2026-03-15 (not the range asked): maker share 1.9M ÷ 6.4M
    const cheapest = costs.cheapest!;
    assert.deepEqual([cheapest.from, cheapest.to, cheapest.makerShare], ['2026-02-14', '2026-03-15', 0.296875]);
    assert.deepEqual(cheapest.exchanges.map((e) => [e.exchange, e.ratesFrom]), [['bybit', 'paid'], ['hyperliquid', 'paid'], ['woox', 'tier']]);
    near(cheapest.exchanges[0]!.feesPerMillionUsd, (0.296875 * (155 / 1_500_000) + 0.703125 * (800 / 2_100_000)) * 1e6, 'Bybit at your mix');
    // WOO X: no maker fills there, so its base maker rate (0.02 %) beside the taker rate you paid (0.05 %)
    near(cheapest.exchanges[2]!.feesPerMillionUsd, (0.296875 * 0.0002 + 0.703125 * 0.0005) * 1e6, 'WOO X at your mix');
  });

  test('bad input is refused with a message that says what to send', async () => {
    await assert.rejects(service.costs({ from: '2026-03-10', to: '2026-03-01' }), { code: 'invalid_range' });
    await assert.rejects(service.costs({ groupBy: 'symbol' as never }), (error: Error) => /groupBy/.test(error.message));
    await assert.rejects(service.costs({ kinds: 'spot' }), (error: Error) => /perpetual, dated_future/.test(error.message));
    await assert.rejects(service.costs({ from: '2020-01-01', to: '2026-01-01' }), { code: 'range_too_long' });
  });
});
