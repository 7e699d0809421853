/**
 * The demo's live trading is scaled to each account's own history: on average a round trades the
 * share of a typical day the pace asks for, never a fixed burst that dwarfs the history.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mulberry32 } from '../random-history.ts';
import type { SimAccount, SimTruthDay } from '../simulator.ts';
import { fillsThisRound, typicalDailyFills } from './live-pace.ts';

function accountWith(tradesByDay: number[]): SimAccount {
  const truth = new Map<string, SimTruthDay>();
  tradesByDay.forEach((trades, i) => {
    const day = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    truth.set(day, { trades, volumeMicros: trades * 1_000_000_000 } as SimTruthDay);
  });
  return { credentials: {}, truth: () => truth, truthByUnderlying: () => new Map(), trade: () => 0 };
}

describe('demo live pace', () => {
  test('a typical day is the median of the last 30 days that had trades', () => {
    const old = Array.from({ length: 40 }, () => 500);
    const recent = [...Array.from({ length: 29 }, (_, i) => 10 + (i % 3)), 0, 0, 1000];
    assert.equal(typicalDailyFills(accountWith([...old, ...recent])), 11);
    assert.equal(typicalDailyFills(accountWith([])), 0);
  });

  test('one typical day per hour: a 20-second round trades 1/180 of a day on average', () => {
    const random = mulberry32(1);
    let total = 0;
    const rounds = 18_000;
    for (let i = 0; i < rounds; i++) total += fillsThisRound(36, 20_000, 1, random);
    // 18,000 rounds of 20 s are 100 hours: about 100 typical days of 36 fills.
    assert.ok(Math.abs(total - 3_600) < 200, `${total} fills`);
  });

  test('a faster pace scales the fills, a quiet account trades nothing', () => {
    assert.equal(fillsThisRound(36, 1_000, 1_000, () => 0.99), 10);
    assert.equal(fillsThisRound(0, 20_000, 1_000, () => 0), 0);
  });
});
