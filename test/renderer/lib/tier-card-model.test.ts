import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TierView } from '../../../src-shared/tier-schemas.ts';
import {
  formatRate,
  keepSentence,
  kindsRelation,
  missingLadderSentence,
  nextTierSentence,
  parseTargetInput,
  progressToNext,
  riskSentence,
  rollOffRows,
  targetSentence,
  volumeLabel,
  whereFrom,
} from '../../../src-renderer/src/lib/tier-card-model.ts';

const VIEW: TierView = {
  window: { days: 30, from: '2026-11-02', to: '2026-12-01' },
  volumeUsd: 31_000_000,
  kinds: ['perpetual', 'dated_future'],
  perpetualVolumeUsd: 30_250_000.4,
  ladderKnown: true,
  tierTableFile: '/data/tier-tables.json',
  source: 'exchange',
  tier: { name: 'VIP 2', makerRate: 0.00016, takerRate: 0.000375, volumeUsd: 25_000_000 },
  nextTier: { name: 'VIP 3', volumeUsd: 50_000_000, makerRate: 0.00014, takerRate: 0.00035 },
  neededUsd: 19_000_000,
  rollOff: Array.from({ length: 30 }, (_, i) => ({ date: `2026-12-${String(i + 2).padStart(2, '0')}`, volumeUsd: 1_000_000, keepPerDayUsd: 0, reachPerDayUsd: 10_000_000 })),
  tierTableAsOf: '2026-12-01',
  tierTableSource: 'https://example.com/fees',
  counts: 'Bybit counts 30-day derivatives volume.',
  reportedVolumeUsd: null,
  keep: { tierName: 'VIP 2', through: '2026-12-08', perDayUsd: 250_000 },
  atRisk: { tierName: 'VIP 2', date: '2026-12-02', shortfallUsd: 500_000, perDayUsd: 250_000.5 },
  target: { volumeUsd: 40_000_000, neededUsd: 9_000_000, reached: false },
  exchangeError: null,
  docsUrl: 'https://example.com/fees',
};

describe('fee-tier card words', () => {
  it('shows rates as percentages people read, rebates named', () => {
    assert.equal(formatRate(0.000375, 'en-US'), '0.0375%');
    assert.equal(formatRate(0.0002, 'en-US'), '0.020%');
    assert.equal(formatRate(-0.00001, 'en-US'), '-0.001% (rebate)');
    assert.equal(formatRate(null, 'en-US'), '—');
  });

  it('says how much more volume reaches the next tier, and where the figures come from', () => {
    assert.equal(nextTierSentence(VIEW, 'Bybit', 'en-US'), '$19,000,000 more over 30 days reaches VIP 3 ($50,000,000).');
    assert.equal(nextTierSentence({ ...VIEW, neededUsd: 1.01 }, 'Bybit', 'en-US'), '$2 more over 30 days reaches VIP 3 ($50,000,000).', 'rounded up: the shown amount is enough');
    assert.equal(nextTierSentence({ ...VIEW, nextTier: null, neededUsd: null }, 'Bybit', 'en-US'), "VIP 2 is the top tier of Bybit's ladder.");
  });

  it('says plainly when no ladder is known, and where to add one', () => {
    const unknown = { ...VIEW, ladderKnown: false, nextTier: null, neededUsd: null };
    assert.equal(nextTierSentence(unknown, 'WOO X', 'en-US'), 'Perpvol knows no volume ladder for WOO X, so it cannot say what the next tier needs.');
    assert.equal(missingLadderSentence(unknown, 'WOO X'), 'To see the next tier and what it needs, add the ladder of your My WOO tier to /data/tier-tables.json; Perpvol reads it on the next refresh.');
    assert.equal(missingLadderSentence(VIEW, 'Bybit'), null);
  });

  it('names what the figure counts, and how it relates to the perpetuals-only figures', () => {
    assert.equal(volumeLabel(VIEW, 'Bybit'), 'your perps + dated futures, as Bybit counts');
    assert.equal(kindsRelation(VIEW, 'en-US'), '= $30,250,000 perps (the figure By exchange shows) + $749,999.6 dated futures'.replace('$749,999.6', '$750,000'));
    assert.equal(volumeLabel({ ...VIEW, kinds: ['perpetual'] }, 'Hyperliquid'), 'your perp volume');
    assert.equal(kindsRelation({ ...VIEW, kinds: ['perpetual'] }, 'en-US'), null);
    assert.equal(whereFrom(VIEW, 'en-US'), 'tier and rates from the exchange; the ladder from a tier table of Dec 1, 2026');
    assert.equal(whereFrom({ ...VIEW, source: 'perpvol' }, 'en-US'), 'from a tier table of Dec 1, 2026 (the exchange did not say)');
    assert.equal(whereFrom({ ...VIEW, tierTableAsOf: null }, 'en-US'), 'as the exchange reports it');
  });

  it('puts "to keep VIP 2 through …, trade $X/day" in one sentence, and the risk in another', () => {
    assert.equal(keepSentence(VIEW, 'en-US'), 'To keep VIP 2 through Dec 8, 2026, trade $250,000/day.');
    assert.equal(keepSentence({ ...VIEW, keep: { ...VIEW.keep!, perDayUsd: 0 } }, 'en-US'), 'VIP 2 holds through Dec 8, 2026 without another trade.');
    assert.equal(
      riskSentence(VIEW, 'en-US'),
      'VIP 2 at risk: on Dec 2, 2026 your window falls $500,000 short without new trades. Trade $250,001/day until then.',
    );
    assert.equal(targetSentence(VIEW, 'en-US'), '$9,000,000 to your $40,000,000 target.');
  });

  it('measures progress from the current tier’s threshold to the next', () => {
    assert.equal(progressToNext(VIEW), 0.24);
    assert.equal(progressToNext({ ...VIEW, nextTier: null }), 1);
    assert.equal(progressToNext({ ...VIEW, reportedVolumeUsd: 37_500_000 }), 0.5, 'the exchange’s larger figure counts');
  });

  it('shows the first week of roll-off, or all of it', () => {
    assert.equal(rollOffRows(VIEW, false).length, 7);
    assert.equal(rollOffRows(VIEW, true).length, 30);
  });

  it('reads targets the way traders write them', () => {
    assert.deepEqual(parseTargetInput('25m'), { volumeUsd: 25_000_000 });
    assert.deepEqual(parseTargetInput('$1,500,000'), { volumeUsd: 1_500_000 });
    assert.deepEqual(parseTargetInput('750K'), { volumeUsd: 750_000 });
    assert.deepEqual(parseTargetInput('2.5 M'), { volumeUsd: 2_500_000 });
    assert.ok('error' in parseTargetInput('lots'));
    assert.ok('error' in parseTargetInput('0'));
    assert.ok('error' in parseTargetInput('10b'));
  });
});
