import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  nextTierAfter,
  rollOffSchedule,
  sameTierName,
  tierFor,
  tierRisk,
  tierWindow,
  windowSum,
  type StandingInput,
  type TierStep,
} from '../../src-main/core/tier-standing.ts';

const M = 1_000_000; // micro-dollars per USD
const usd = (micros: bigint | null) => (micros === null ? null : Number(micros) / M);

/** A 5-day window ending 2026-03-15: $100, $200, $0, $50 and (today so far) $30 = $380. */
const DAILY = new Map([
  ['2026-03-10', 999 * M], // outside the window
  ['2026-03-11', 100 * M],
  ['2026-03-12', 200 * M],
  ['2026-03-14', 50 * M],
  ['2026-03-15', 30 * M],
]);
const INPUT: StandingInput = {
  today: '2026-03-15',
  windowDays: 5,
  daily: DAILY,
  basisMicros: 380n * BigInt(M),
  currentThresholdMicros: 350 * M,
  nextThresholdMicros: 500 * M,
};

const LADDER: TierStep[] = [
  { name: 'VIP 2', volumeMicros: 25 * M, makerRate: 0.00016, takerRate: 0.000375 },
  { name: 'VIP 0', volumeMicros: 0, makerRate: 0.0002, takerRate: 0.00055 },
  { name: 'VIP 1', volumeMicros: 10 * M, makerRate: 0.00018, takerRate: 0.0004 },
];

describe('tier standing', () => {
  it('counts the window that ends today, today included', () => {
    const window = tierWindow(5, '2026-03-15');
    assert.deepEqual(window, { days: 5, from: '2026-03-11', to: '2026-03-15' });
    assert.equal(windowSum(DAILY, window), 380n * BigInt(M));
    assert.deepEqual(tierWindow(30, '2026-03-01'), { days: 30, from: '2026-01-31', to: '2026-03-01' });
  });

  it('says what leaves the window on each coming day: the oldest day first, today’s volume last', () => {
    const schedule = rollOffSchedule(INPUT);
    assert.deepEqual(
      schedule.map((entry) => [entry.date, usd(entry.micros)]),
      [['2026-03-16', 100], ['2026-03-17', 200], ['2026-03-18', 0], ['2026-03-19', 50], ['2026-03-20', 30]],
    );
  });

  it('gives the daily volume that keeps the tier through each day: the worst of the days before it', () => {
    // Keeping $350 with $380 now: after 1 midnight 380−100+2x ≥ 350 → x ≥ 35; after 2, 380−300+3x ≥ 350 → x ≥ 90,
    // which then holds for the later days too (they need less).
    assert.deepEqual(rollOffSchedule(INPUT).map((entry) => usd(entry.keepPerDayMicros)), [35, 90, 90, 90, 90]);
  });

  it('gives the daily volume that reaches the next tier by each day, rounded up to the cent', () => {
    // Reaching $500 by the k-th day: (500 − 380 + what left) / (k + 1); 500/6 = 83.333… → $83.34.
    assert.deepEqual(rollOffSchedule(INPUT).map((entry) => usd(entry.reachPerDayMicros)), [110, 140, 105, 94, 83.34]);
  });

  it('has nothing to keep for a tier the window does not hold (granted by an asset balance, say)', () => {
    const schedule = rollOffSchedule({ ...INPUT, currentThresholdMicros: 400 * M });
    assert.ok(schedule.every((entry) => entry.keepPerDayMicros === null));
  });

  it('has nothing to keep without a tier threshold and nothing to reach at the top', () => {
    const schedule = rollOffSchedule({ ...INPUT, currentThresholdMicros: 0, nextThresholdMicros: null });
    assert.ok(schedule.every((entry) => entry.keepPerDayMicros === null && entry.reachPerDayMicros === null));
  });

  it('needs nothing a day while the window holds the tier by itself, then what the emptied window lacks', () => {
    // $30 stays through four midnights (today's own $30); on the fifth everything has left: 6x ≥ 30.
    const schedule = rollOffSchedule({ ...INPUT, currentThresholdMicros: 30 * M });
    assert.deepEqual(schedule.map((entry) => usd(entry.keepPerDayMicros)), [0, 0, 0, 0, 5]);
  });

  it('warns when roll-off drops the window below the tier within 48 hours, naming the day and the gap', () => {
    const risk = tierRisk(INPUT, rollOffSchedule(INPUT));
    assert.deepEqual(risk && { date: risk.date, shortfall: usd(risk.shortfallMicros), perDay: usd(risk.perDayMicros) }, {
      date: '2026-03-16',
      shortfall: 70,
      perDay: 35,
    });
  });

  it('looks two midnights ahead, no further', () => {
    // $300 leaves over the next two midnights: a $75 threshold survives, a $81 one does not (on the 17th).
    const second = { ...INPUT, currentThresholdMicros: 81 * M };
    assert.equal(tierRisk(second, rollOffSchedule(second))?.date, '2026-03-17');
    const safe = { ...INPUT, currentThresholdMicros: 80 * M };
    assert.equal(tierRisk(safe, rollOffSchedule(safe)), null);
    // Three midnights would take $300 too, but that is beyond 48 hours: with a quiet third day nothing changes.
  });

  it('does not warn about a tier the window does not hold now (granted for another reason)', () => {
    const held = { ...INPUT, currentThresholdMicros: 400 * M };
    assert.equal(tierRisk(held, rollOffSchedule(held)), null);
  });

  it('places a volume on a ladder written in any order, and finds the next step', () => {
    assert.equal(tierFor(LADDER, 9_999_999n)?.name, 'VIP 0');
    assert.equal(tierFor(LADDER, 10n * BigInt(M))?.name, 'VIP 1');
    assert.equal(tierFor(LADDER, 30n * BigInt(M))?.name, 'VIP 2');
    assert.equal(tierFor([{ name: 'Pro 1', volumeMicros: 5, makerRate: null, takerRate: null }], 4n), null);
    assert.equal(nextTierAfter(LADDER, LADDER[1]!, 0n)?.name, 'VIP 1');
    assert.equal(nextTierAfter(LADDER, LADDER[0]!, 0n), null);
    // A tier the ladder does not list (e.g. a Pro level): the next step is the first above the volume.
    assert.equal(nextTierAfter(LADDER, { name: 'Pro 1', volumeMicros: 0, makerRate: null, takerRate: null }, 12n * BigInt(M))?.name, 'VIP 2');
  });

  it('treats "VIP-1", "vip 1" and "VIP1" as one tier name', () => {
    assert.ok(sameTierName('VIP-1', 'vip 1'));
    assert.ok(sameTierName('VIP1', 'VIP 1'));
    assert.ok(!sameTierName('VIP 1', 'VIP 11'));
  });
});
