import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FeeTierFacts } from '../../src-main/connectors/kit/connector.ts';
import { exchanges } from '../../src-main/connectors/registry.ts';
import { SHIPPED_TIER_TABLES } from '../../src-main/service/tiers/shipped-tier-tables.ts';
import type { TierTable } from '../../src-main/service/tiers/tier-table-schema.ts';
import { buildTierView, type TierViewInput } from '../../src-main/service/tiers/tier-view.ts';

const M = 1_000_000;
const TODAY = '2026-03-30';

/** $1M a day on each of the 30 days ending today (2026-03-01 … 2026-03-30), $2M on the oldest. */
function thirtyDays(): Map<string, number> {
  const daily = new Map<string, number>();
  for (let d = 1; d <= 30; d++) daily.set(`2026-03-${String(d).padStart(2, '0')}`, (d === 1 ? 2_000_000 : 1_000_000) * M);
  daily.set('2026-02-28', 50_000_000 * M); // outside every window here
  return daily;
}

const table = (exchange: keyof typeof SHIPPED_TIER_TABLES): TierTable & { fromFile: boolean } => ({
  ...(SHIPPED_TIER_TABLES[exchange] as unknown as TierTable),
  fromFile: false,
});

function input(over: Partial<TierViewInput>): TierViewInput {
  return {
    today: TODAY,
    rule: exchanges.get('bybit').feeTier,
    daily: thirtyDays(),
    perpetualDaily: null,
    facts: null,
    factsError: null,
    table: table('bybit'),
    tableFilePath: '/data/tier-tables.json',
    targetMicros: null,
    ...over,
  };
}

const facts = (over: Partial<FeeTierFacts>): FeeTierFacts => ({
  tierName: null,
  makerRate: null,
  takerRate: null,
  ladder: null,
  reportedVolumeMicros: null,
  windowDays: null,
  ...over,
});

describe('a TierView', () => {
  it('without the exchange’s word, places our volume on the tier table and says the table’s date', () => {
    const view = buildTierView(input({}));
    assert.deepEqual(view.window, { days: 30, from: '2026-03-01', to: TODAY });
    assert.equal(view.volumeUsd, 31_000_000);
    assert.equal(view.source, 'perpvol');
    assert.deepEqual(view.tier, { name: 'VIP 2', makerRate: 0.00016, takerRate: 0.000375, volumeUsd: 25_000_000 });
    assert.deepEqual(view.nextTier, { name: 'VIP 3', volumeUsd: 50_000_000, makerRate: 0.00014, takerRate: 0.00035 });
    assert.equal(view.neededUsd, 19_000_000);
    assert.equal(view.tierTableAsOf, SHIPPED_TIER_TABLES.bybit.asOf);
    assert.equal(view.tierTableSource, SHIPPED_TIER_TABLES.bybit.source);
    assert.equal(view.rollOff.length, 30);
    assert.deepEqual(view.rollOff[0], { date: '2026-03-31', volumeUsd: 2_000_000, keepPerDayUsd: 0, reachPerDayUsd: 10_500_000 });
    assert.deepEqual(view.rollOff[29]?.date, '2026-04-29');
    // Through 7 midnights $8M leaves: 31 − 8 + 8x ≥ 25 → x ≥ $250,000.
    assert.deepEqual(view.keep, { tierName: 'VIP 2', through: '2026-04-06', perDayUsd: 250_000 });
    assert.equal(view.atRisk, null);
    assert.equal(view.exchangeError, null);
    assert.equal(view.docsUrl, exchanges.get('bybit').feeTier.docsUrl);
  });

  it('takes the tier and rates the exchange names, and the next step from the table', () => {
    const view = buildTierView(input({ facts: facts({ tierName: 'VIP 3', takerRate: 0.0003, makerRate: 0.0001 }) }));
    assert.equal(view.source, 'exchange');
    assert.deepEqual(view.tier, { name: 'VIP 3', makerRate: 0.0001, takerRate: 0.0003, volumeUsd: 50_000_000 });
    assert.equal(view.nextTier?.name, 'VIP 4');
    assert.equal(view.neededUsd, 69_000_000);
    assert.equal(view.tierTableAsOf, SHIPPED_TIER_TABLES.bybit.asOf, 'the next step came from the table');
    assert.equal(view.atRisk, null, 'held for another reason than volume: nothing to warn about');
    assert.equal(view.keep, null, 'nor anything to keep by trading');
    assert.ok(view.rollOff.every((entry) => entry.keepPerDayUsd === null));
  });

  it('uses the exchange’s ladder and rates, and its own larger volume figure, when it reports them', () => {
    const ladder = [
      { name: 'Tier 0', volumeMicros: 0, takerRate: 0.00045, makerRate: 0.00015 },
      { name: 'Tier 1', volumeMicros: 10_000_000 * M, takerRate: 0.0004, makerRate: 0.00012 },
      { name: 'Tier 2', volumeMicros: 16_000_000 * M, takerRate: 0.00035, makerRate: 0.00008 },
    ];
    const view = buildTierView(
      input({
        rule: exchanges.get('hyperliquid').feeTier,
        table: table('hyperliquid'),
        facts: facts({ ladder, takerRate: 0.00038, makerRate: 0.000114, reportedVolumeMicros: BigInt(15_500_000 * M) }),
      }),
    );
    assert.deepEqual(view.window, { days: 14, from: '2026-03-17', to: TODAY });
    assert.equal(view.volumeUsd, 14_000_000, 'ours stays ours');
    assert.equal(view.reportedVolumeUsd, 15_500_000);
    assert.equal(view.source, 'exchange');
    assert.deepEqual(view.tier, { name: 'Tier 1', makerRate: 0.000114, takerRate: 0.00038, volumeUsd: 10_000_000 });
    assert.deepEqual(view.nextTier, { name: 'Tier 2', volumeUsd: 16_000_000, makerRate: 0.00008, takerRate: 0.00035 });
    assert.equal(view.neededUsd, 500_000, 'judged on the exchange’s larger figure');
    assert.equal(view.tierTableAsOf, null);
    assert.equal(view.rollOff.length, 14);
  });

  it('names the tier whose rates are exactly the ones the exchange reports', () => {
    const own = { ...table('woox'), tiers: [{ name: 'T0', volumeUsd: 0, makerRate: 0.0002, takerRate: 0.0005 }, { name: 'T1', volumeUsd: 50_000_000, makerRate: 0.00015, takerRate: 0.0004 }], fromFile: true };
    const view = buildTierView(input({ rule: exchanges.get('woox').feeTier, table: own, facts: facts({ takerRate: 0.0004, makerRate: 0.00015 }) }));
    assert.equal(view.tier?.name, 'T1', 'the rates say T1 although 30-day volume alone would not');
    assert.equal(view.nextTier, null);
    assert.equal(view.neededUsd, null);
    assert.equal(view.tierTableSource, '/data/tier-tables.json', 'the user’s own file is named as the source');
  });

  it('calls rates no table tier has "Your rates", rather than name a tier with rates that are not its own', () => {
    const view = buildTierView(input({ rule: exchanges.get('woox').feeTier, table: table('woox'), facts: facts({ takerRate: 0.00042, makerRate: 0.00011 }) }));
    assert.deepEqual(view.tier, { name: 'Your rates', takerRate: 0.00042, makerRate: 0.00011, volumeUsd: 0 });
    assert.equal(view.source, 'exchange');
  });

  it('fills the rates an exchange ladder leaves out from the table’s tier of the same name', () => {
    const ladder = [
      { name: 'Pro 0', volumeMicros: 0, takerRate: null, makerRate: null },
      { name: 'Pro 1', volumeMicros: 1_000_000 * M, takerRate: null, makerRate: null },
      { name: 'Pro 5', volumeMicros: 100_000_000 * M, takerRate: null, makerRate: null },
    ];
    const view = buildTierView(input({ rule: exchanges.get('paradex').feeTier, table: table('paradex'), facts: facts({ ladder, tierName: 'Pro 1', reportedVolumeMicros: BigInt(3 * M), windowDays: 7 }) }));
    assert.deepEqual(view.window, { days: 7, from: '2026-03-24', to: TODAY });
    assert.deepEqual(view.tier, { name: 'Pro 1', makerRate: 0.00003, takerRate: 0.00042, volumeUsd: 1_000_000 });
    assert.deepEqual(view.nextTier, { name: 'Pro 5', volumeUsd: 100_000_000, makerRate: null, takerRate: null });
  });

  it('warns when the next two midnights take the window below the tier', () => {
    const daily = new Map([['2026-03-17', 3_000_000 * M], ['2026-03-29', 2_500_000 * M]]);
    const view = buildTierView(input({ rule: exchanges.get('hyperliquid').feeTier, table: table('hyperliquid'), daily }));
    assert.equal(view.tier?.name, 'Tier 1');
    assert.deepEqual(view.atRisk, { tierName: 'Tier 1', date: '2026-03-31', shortfallUsd: 2_500_000, perDayUsd: 1_250_000 });
  });

  it('measures a target against the window and passes the exchange’s error through', () => {
    const error = { code: 'permission_denied', message: 'Bybit refused: the key lacks a permission.' };
    const view = buildTierView(input({ targetMicros: 40_000_000 * M, factsError: error }));
    assert.deepEqual(view.target, { volumeUsd: 40_000_000, neededUsd: 9_000_000, reached: false });
    assert.deepEqual(view.exchangeError, error);
    assert.equal(view.source, 'perpvol');
    assert.deepEqual(buildTierView(input({ targetMicros: 31_000_000 * M })).target, { volumeUsd: 31_000_000, neededUsd: 0, reached: true });
  });
});
